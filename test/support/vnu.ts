import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const vnuJar = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

export interface VnuMessage {
  type: string;
  message: string;
  lastLine?: number;
  /** The checked file's URL (`file:/…`). */
  url?: string;
}

/** Runs the Nu HTML Checker (vnu.jar from npm, on Debian's Java) and returns its messages. */
export function nuCheck(paths: string[]): VnuMessage[] {
  const result = spawnSync("java", ["-jar", vnuJar, "--format", "json", "--stdout", ...paths], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return (JSON.parse(result.stdout) as { messages: VnuMessage[] }).messages;
}
