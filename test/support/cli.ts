import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const folioBin = fileURLToPath(new URL("../../src/bin/folio.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `folio` command in `cwd`, as a user would. */
export function runFolio(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [folioBin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FOLIO_DEBUG: "", ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
