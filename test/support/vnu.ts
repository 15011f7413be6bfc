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

/**
 * For a run of a few seconds, Java's quick compiler alone: the optimising one cost more CPU than the
 * check (7 CPU-s for one page, 4.4 without it; the same messages). Its deeper frames need a larger
 * stack. One compiler thread and the serial collector: the suite keeps both cores busy, where more
 * threads only add work (Mali's two pages: 3.9-4.3 CPU-s, 3.0-3.4 with them; the same messages).
 */
const javaOptions = ["-XX:TieredStopAtLevel=1", "-Xss4m", "-XX:+UseSerialGC", "-XX:CICompilerCount=1"];

/** Runs the Nu HTML Checker (vnu.jar from npm, on Debian's Java) and returns its messages. */
export function nuCheck(paths: string[]): VnuMessage[] {
  const args = [...javaOptions, "-jar", vnuJar, "--format", "json", "--stdout", ...paths];
  const result = spawnSync("java", args, {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return (JSON.parse(result.stdout) as { messages: VnuMessage[] }).messages;
}
