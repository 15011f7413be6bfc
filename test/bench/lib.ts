import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { daemonProcesses } from "../support/daemons.ts";

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
  /** CPU time, user + system, of the process and its children (GNU time), when /usr/bin/time exists. */
  cpuMs?: number;
  /** What the command printed to stderr (GNU time's own line removed). */
  stderr?: string;
}

const gnuTime = existsSync("/usr/bin/time");

/** Runs a command to completion and times its wall clock; fails loudly on a non-zero exit. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Timed {
  const full = gnuTime ? ["/usr/bin/time", ["-f", "%M %U %S", command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawnSync(full[0] as string, full[1] as string[], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${child.status}:\n${child.stderr.slice(-2000)}`);
  const lines = child.stderr.trimEnd().split("\n");
  const [kb, user, system] = gnuTime ? (lines.pop() ?? "").split(" ").map(Number) : [];
  return {
    ms,
    peakMb: kb !== undefined && Number.isFinite(kb) ? kb / 1024 : undefined,
    cpuMs: user !== undefined && system !== undefined ? (user + system) * 1000 : undefined,
    stderr: lines.join("\n"),
  };
}

/** Runs several commands one after another and times them together (pandoc's three outputs). */
export function runAll(commands: ReadonlyArray<readonly [string, readonly string[]]>): Timed {
  let ms = 0;
  let peakMb = 0;
  let cpuMs = 0;
  for (const [command, args] of commands) {
    const t = run(command, args);
    ms += t.ms;
    peakMb = Math.max(peakMb, t.peakMb ?? 0);
    cpuMs += t.cpuMs ?? Number.NaN;
  }
  return { ms, peakMb, cpuMs };
}

/** Whether a program is on PATH. */
export function have(program: string): boolean {
  return spawnSync("/bin/sh", ["-c", `command -v ${program}`]).status === 0;
}

/** pandoc's three commands for one source: standalone HTML, DOCX, and PDF through WeasyPrint. */
export function pandocCommands(source: string, outBase: string): Array<[string, string[]]> {
  // Images are found beside the source, as Folio finds them.
  const common = [
    source,
    "--from",
    "markdown",
    "--standalone",
    "--quiet",
    "--resource-path",
    dirname(source),
  ];
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

/** A process tree's memory at one instant: resident (every page of each process) and proportional. */
function treeMemory(root: number): { rssKb: number; pssKb: number } {
  const { readFileSync } = process.getBuiltinModule("node:fs");
  let rssKb = 0;
  let pssKb = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rssKb += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/))
        if (child) pending.push(Number(child));
    } catch {
      // The process ended between two reads.
    }
  }
  return { rssKb, pssKb };
}

/**
 * How often the tree's memory is read. Reading a process's smaps_rollup walks its page tables
 * under the lock its page faults need, and every 25 ms it slowed the build it measured: 100 reports
 * of the corpus, interleaved, 92.9 and 70.2 s sampled every 25 ms, 51.4 and 57.2 s every 250 ms,
 * with the same peaks (1,186-1,218 MB PSS) (2026-12-07).
 */
const sampleMs = 250;

export interface TimedTree extends Timed {
  /** Peak of the whole process tree's summed resident memory, sampled every {@link sampleMs} (MB). */
  treeRssMb: number;
  /** The same for proportional set size: shared pages divided among the processes sharing them. */
  treePssMb: number;
}

/**
 * Runs a command, timing its wall clock, and samples the memory of it and every process it starts
 * (a pool's workers) together: the peak of the sum, which a build's machine must have.
 */
export async function runTree(command: string, args: readonly string[]): Promise<TimedTree> {
  const { spawn } = process.getBuiltinModule("node:child_process");
  const started = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let rss = 0;
  let pss = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    const now = treeMemory(child.pid);
    rss = Math.max(rss, now.rssKb);
    pss = Math.max(pss, now.pssKb);
  };
  const timer = setInterval(sample, sampleMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(timer);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr.slice(-2000)}`);
  return { ms, treeRssMb: rss / 1024, treePssMb: pss / 1024 };
}

/**
 * CPU time (ms) each build daemon of a bench run has used so far, by process id: the daemons whose
 * environment holds FOLIO_BENCH_RUN=`run`. A build a daemon serves costs its own process (GNU
 * time's figure) and the daemon's share, which no `time` of the build sees.
 */
export function daemonCpu(run: string): Map<number, number> {
  return new Map([...daemonProcesses(`FOLIO_BENCH_RUN=${run}`)].map(([pid, { cpuMs }]) => [pid, cpuMs]));
}

/** Runs a build served by a bench run's daemon, its CPU time counting the daemon's share. */
export function withDaemon(run: string, build: () => Timed): Timed {
  const before = daemonCpu(run);
  const timed = build();
  let share = 0;
  for (const [pid, ms] of daemonCpu(run)) share += ms - (before.get(pid) ?? 0);
  return { ...timed, cpuMs: timed.cpuMs === undefined ? undefined : timed.cpuMs + share };
}

/** Stops a bench run's daemons (SIGTERM: each removes its socket). */
export function stopDaemons(run: string): void {
  for (const pid of daemonCpu(run).keys()) process.kill(pid, "SIGTERM");
}
