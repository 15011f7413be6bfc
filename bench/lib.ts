import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Timed {
  ms: number;
  /** Peak resident memory in MB (GNU time), when /usr/bin/time exists. */
  peakMb?: number;
}

const gnuTime = existsSync("/usr/bin/time");

/** Runs a command to completion and times its wall clock; fails loudly on a non-zero exit. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Timed {
  const full = gnuTime ? ["/usr/bin/time", ["-f", "%M", command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawnSync(full[0] as string, full[1] as string[], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${child.status}:\n${child.stderr.slice(-2000)}`);
  const kb = gnuTime ? Number(child.stderr.trim().split("\n").at(-1)) : Number.NaN;
  return { ms, peakMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

/** Runs several commands one after another and times them together (pandoc's three outputs). */
export function runAll(commands: ReadonlyArray<readonly [string, readonly string[]]>): Timed {
  let ms = 0;
  let peakMb = 0;
  for (const [command, args] of commands) {
    const t = run(command, args);
    ms += t.ms;
    peakMb = Math.max(peakMb, t.peakMb ?? 0);
  }
  return { ms, peakMb };
}

/** Whether a program is on PATH. */
export function have(program: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${program}`]).status === 0;
}

/** pandoc's three commands for one source: standalone HTML, DOCX, and PDF through WeasyPrint. */
export function pandocCommands(source: string, outBase: string): Array<[string, string[]]> {
  const common = [source, "--from", "markdown", "--standalone", "--quiet"];
  return [
    ["pandoc", [...common, "-o", `${outBase}.html`]],
    ["pandoc", [...common, "-o", `${outBase}.docx`]],
    ["pandoc", [...common, "--pdf-engine=weasyprint", "-o", `${outBase}.pdf`]],
  ];
}

/** Milliseconds as `123 ms` or `1.23 s`. */
export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Prints rows as an aligned Markdown table (pasteable into the README). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

/** `PASS`/`MISS` against a target. */
export const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
