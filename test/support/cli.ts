import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";
import { buildReports } from "../../src/pipeline/build.ts";
import type { BuildResult } from "../../src/pipeline/output.ts";
import type { FormatId } from "../../src/render/format.ts";

/**
 * The `folio` command as a user runs it (package.json's `bin`): the launcher, which starts from the
 * startup snapshot while it is fresh (`make` and `make test` build it with the bundle) and falls
 * back to src/bin/folio.js: the tests exercise the launcher too (docs/testing.md).
 */
export const folioCommand = fileURLToPath(new URL("../../src/bin/folio", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `folio` command in `cwd`, as a user would. */
export function runFolio(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(folioCommand, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FOLIO_DEBUG: "", ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The lines of a build's stderr about one source (those starting `path:`), with `path` written as
 * `as`: a build of several sources reports each one's messages at its own path, so a test can read
 * its source's part as if it had been built alone.
 */
export function linesAbout(stderr: string, path: string, as = path): string {
  return stderr
    .split("\n")
    .filter((line) => line.startsWith(`${path}:`))
    .map((line) => `${as}${line.slice(path.length)}`)
    .join("\n");
}

/**
 * Builds `sources` in this process as `folio build` run in `dir` would (the manifest names them from
 * there, out/ is `dir/out`): for a test where the `folio` process is not what is tested and its
 * start-up (seconds of CPU, with its worker's) buys nothing; `sourceDateEpoch` as SOURCE_DATE_EPOCH
 * sets it. What `folio build` prints is `formatMessages` of the result's files.
 */
export async function buildReportsIn(
  dir: string,
  sources: string[],
  formats: FormatId[],
  sourceDateEpoch?: number,
): Promise<BuildResult> {
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    return await buildReports(sources, { outDir: "out", formats, sourceDateEpoch });
  } finally {
    process.chdir(cwd);
  }
}

/** `buildReportsIn`, for the artifacts a test starts from: throws when a source fails. */
export async function buildInProject(
  dir: string,
  sources: string[],
  formats: FormatId[],
  sourceDateEpoch?: number,
): Promise<void> {
  const result = await buildReportsIn(dir, sources, formats, sourceDateEpoch);
  if (!result.ok)
    throw new Error(result.files.flatMap((f) => f.messages.map((m) => `${f.path}: ${m.reason}`)).join("\n"));
}

/**
 * `folio ARGS` in this process (`main`, what the process exits with): its exit status and what it
 * wrote to stdout and stderr. For a test of a command's output where starting a process, seconds
 * of CPU, is not what is tested; each command keeps a test through `runFolio`.
 */
export async function mainInProcess(args: string[]): Promise<CliResult & { code: number }> {
  const captured = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const stream of ["stdout", "stderr"] as const)
    process[stream].write = ((chunk: string | Uint8Array) => {
      captured[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    }) as typeof process.stdout.write;
  try {
    const code = await main(args);
    return { code, ...captured };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}
