import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { VFile } from "vfile";
import { folioVersion } from "../assets/version.ts";
import { bookChapterPaths, sourceKey } from "../model/book/paths.ts";
import type { FormatId } from "../render/format.ts";
import type { BuildOptions, BuildRequest } from "./build.ts";
import { claimDaemon, daemonAllowed } from "./daemon-client.ts";
import type { BuildResult } from "./output.ts";
import { BuildOutput, firstError, record } from "./output.ts";
import { ownSnapshotBlob } from "./own-snapshot.ts";
import type { JobResult, PoolWorker, SerializedMessage, WorkerCrash } from "./pool-types.ts";

/** Options of a pooled build: those of `buildReports` plus the pool's size and a progress callback. */
export interface PoolOptions extends Omit<BuildOptions, "io"> {
  /** Worker processes (default: the machine's cores, at most one per source). */
  jobs?: number;
  /** Called after each source, in completion order. */
  onProgress?: (done: number, total: number, path: string) => void;
}

/** The command-line entry (`src/bin/folio.js`) doubles as the worker: it loads the bundle or the sources. */
const workerEntry = new URL("../bin/folio.js", import.meta.url);

/** The argument a process gets to serve as a pool worker (after `--` when started from the snapshot). */
export const poolWorkerFlag = "--folio-pool-worker";

/**
 * Largest old-generation heap of a worker process, in MB: with its young generation, code and
 * buffers a process then stays under the 2 GB the README promises. Every source up to the
 * documented limits renders within it (a 1.95 MB source of 100,000-letter words peaks near 1 GB).
 */
export const maxWorkerHeapMb = 1_536;

/**
 * A snapshot worker's first heap cap for a report up to 64 KB, in MB. V8 grows an uncapped heap
 * long before it collects (a worker rendering 40 copies of Mali peaked at 580 MB uncapped, 410 MB
 * at 192 MB), but a worker renders report after report and keeps what they share (shaped words,
 * parsed faces, compiled patterns): on a corpus of varied reports, 192 MB left it collecting
 * garbage at its limit and running out, and its reports were rendered again at the retry's cap.
 * 26 reports of the bench's varied corpus (test/bench/corpus.ts), `--jobs 2`, two rounds,
 * 2026-12-07: at 192 MB 50.6 and 48.7 s (99 and 95 CPU-s, largest process 441-446 MB), at 320 MB
 * 19.7 and 22.0 s (38 and 43 CPU-s, 542-545 MB), at 512 MB 21.0 and 19.9 s (544-559 MB).
 */
export const firstSnapshotHeapMb = 320;

/**
 * The heap caps of a worker process in MB: the first attempt's, and the retry's after the first ran
 * out of memory. FOLIO_WORKER_HEAP_MB sets both, from the snapshot as from the bundle. Otherwise a
 * worker started from the snapshot gets {@link firstSnapshotHeapMb} first, and a source that needs
 * more is retried at {@link maxWorkerHeapMb}.
 */
export function workerHeaps(blob = snapshotBlob()): { first: number; retry: number; chosen: boolean } {
  const set = Number(process.env.FOLIO_WORKER_HEAP_MB);
  if (Number.isFinite(set) && set > 0)
    return { first: Math.round(set), retry: Math.round(set), chosen: true };
  return { first: blob ? firstSnapshotHeapMb : maxWorkerHeapMb, retry: maxWorkerHeapMb, chosen: false };
}

/**
 * A report's first heap cap: the snapshot worker's {@link workerHeaps} `first` for a source up to
 * 64 KB, and for a longer one 1 MB more per KB of it, in steps of 128 MB, up to the retry's cap. At
 * 192 MB a 306 KB report's PDF laid out at the heap's limit (9.1 CPU-s, against 4.0-5.0 with room)
 * and then ran out, and the whole report was rendered again at the retry's cap: 26.7 CPU-s and
 * 17.7 s for its five artifacts, against 10.7-12.7 CPU-s and 7.5-8.7 s at 256-384 MB (2026-12-07).
 * The steps keep reports of similar sizes on one worker (a worker is replaced only for a report
 * that needs a larger cap than its own). A cap chosen with FOLIO_WORKER_HEAP_MB is kept as chosen.
 */
export function firstHeapMb(path: string, heaps: ReturnType<typeof workerHeaps>): number {
  if (heaps.chosen || heaps.first >= heaps.retry) return heaps.first;
  let kb = 0;
  try {
    kb = Math.ceil(statSync(path).size / 1024);
  } catch {
    // A source that cannot be read is reported by the worker; it needs no more than the first cap.
  }
  if (kb <= 64) return heaps.first;
  return Math.min(heaps.retry, heaps.first + 128 * Math.ceil(kb / 128));
}

/**
 * The blob workers start from: this process's own (`--snapshot-blob B`), or the one `src/bin/folio`
 * names in FOLIO_WORKER_SNAPSHOT when it starts a build's pool process from the plain bundle (that
 * process renders nothing, and the bundle starts it in about half the CPU time of the snapshot).
 */
function snapshotBlob(): string | undefined {
  return ownSnapshotBlob() ?? (process.env.FOLIO_WORKER_SNAPSHOT || undefined);
}

/**
 * The blob a build's workers start from, if any: the full one for every build that makes more than
 * HTML. Deserialising its heap (its faces, templates, atlas and compiled chart) pays when the
 * worker renders a PDF, a DOCX or a fact sheet, whose modules and faces it holds. Interleaved runs
 * on the Niger chapter and the OMB memo with glibc's huge pages (`src/bin/folio`), four each,
 * median CPU-s, snapshot against bundle, 2026-12-07: the PDF alone 1.35/3.06 against 1.57/3.23,
 * the DOCX alone 1.17/2.86 against 1.37/3.00, the fact sheet alone 1.71/1.97 against 2.31/2.38, the
 * PDF and DOCX 1.48/4.53 against 1.93/4.67; HTML alone 1.19/1.53 against 0.94/1.35. So a build of
 * HTML alone starts its workers from the smaller HTML blob beside it (src/cli/snapshot-html.ts),
 * when there is one, else from the bundle. (Without huge pages the snapshot lost for any single
 * format: docs/performance.md.)
 */
export function workerSnapshot(formats: readonly FormatId[]): string | undefined {
  const blob = snapshotBlob();
  if (!blob || formats.some((format) => format !== "html")) return blob;
  return htmlWorkerSnapshot(blob);
}

/**
 * The blob the build daemon (src/pipeline/daemon.ts) starts from: the full one, for a build of any
 * formats (a warm process renders HTML faster than any fresh one), when a build may use a daemon
 * (daemon-client.ts) at Folio's own heap caps. A cap chosen with FOLIO_WORKER_HEAP_MB is kept for
 * fresh workers.
 */
function daemonBlob(): { blob: string; heaps: ReturnType<typeof workerHeaps> } | undefined {
  const blob = snapshotBlob();
  const heaps = workerHeaps(blob);
  // Absolute: the daemon works in each build's folder in turn, and is known by its blob's path.
  return blob && !heaps.chosen && daemonAllowed() ? { blob: resolve(blob), heaps } : undefined;
}

/**
 * The HTML workers' blob beside the full one: src/tools/snapshot.js removes it, builds it, then
 * the full one, so a full blob fresh enough to start from has a fresh one beside it, or none.
 */
function htmlWorkerSnapshot(blob: string): string | undefined {
  const html = join(dirname(blob), "folio-html.blob");
  return existsSync(html) ? html : undefined;
}

/** What a worker process may print of its own (`folio: timings: …`); the rest is V8's or Node's. */
const folioLine = /^folio: /;

/**
 * V8's flags for a worker besides its heap. `--no-regexp-tier-up`: V8 first compiles a regular
 * expression to bytecode and compiles it again to machine code once it has run, and a cold worker
 * meets hundreds of patterns (the facts' readers, the parser's, citeproc's), most run on a few
 * sentences: each is compiled once, to machine code. A cold build, `/usr/bin/time` CPU,
 * interleaved runs, 2026-12-07: the Niger chapter's five artifacts 1.775 → 1.695 s (medians of 8),
 * the 306 KB report's 10.9-11.0 → 9.7-10.1 s (2 each), the OMB memo's 4.03 → 4.00 s (12 each),
 * two briefs as HTML 1.265 → 1.255 s (6 each).
 */
export const workerV8Flags = ["--no-regexp-tier-up"];

/**
 * A worker process: started from the same startup snapshot as this one when this one was (a
 * thread would load every module and face again: ~2.5 s each), else from the command's entry. A
 * process, not a thread, so that running out of heap or being killed (the OOM killer, a CI limit)
 * ends that worker alone, and the build reports it. Its stderr is read, not inherited: Folio's
 * own lines are passed on; V8's fatal-error report and native stack are kept to explain a crash.
 */
function startWorker(heapMb: number, blob: string | undefined): PoolWorker {
  const { spawn } = process.getBuiltinModule("node:child_process");
  const { fileURLToPath } = process.getBuiltinModule("node:url");
  const heap = [`--max-old-space-size=${heapMb}`, ...workerV8Flags];
  const args = blob
    ? [...heap, "--snapshot-blob", blob, "--", poolWorkerFlag]
    : [...heap, fileURLToPath(workerEntry), poolWorkerFlag];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "inherit", "pipe", "ipc"],
    serialization: "advanced",
  });
  let stderr = "";
  let pending = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-65_536);
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (folioLine.test(line)) process.stderr.write(`${line}\n`);
  });
  const ended = new Promise<WorkerCrash>((resolve) => {
    child.once("exit", (code, signal) => {
      // Its stderr read to the end, or for a moment: a grandchild (tsx's esbuild) may hold the pipe open.
      const done = () => {
        clearTimeout(timer);
        child.stderr?.destroy();
        resolve({ code, signal, stderr });
      };
      const timer = setTimeout(done, 500);
      if (child.stderr?.readableEnded !== false) done();
      else child.stderr.once("end", done);
    });
    child.once("error", (error) =>
      resolve({ code: null, signal: null, stderr: `${stderr}${error.message}` }),
    );
  });
  return {
    heapMb,
    run: (paths, options) =>
      new Promise((resolve) => {
        const answer = (message: { jobs: JobResult[] }) => resolve(message);
        child.once("message", answer);
        void ended.then((crash) => {
          child.off("message", answer);
          resolve({ crash });
        });
        // A worker already gone cannot be sent to: its end answers instead.
        child.send({ paths, options }, (error) => void error);
      }),
    stop: async () => {
      if (child.connected) child.disconnect();
      await ended;
    },
  };
}

/**
 * The sources as the pool's tasks: each source alone, except a book with those of its chapters
 * that are sources too, so one worker loads each of those chapters once for both.
 */
export function sourceGroups(paths: readonly string[]): string[][] {
  const position = new Map<string, number>();
  paths.forEach((path, i) => {
    const key = sourceKey(path);
    if (!position.has(key)) position.set(key, i);
  });
  const chapters = paths.map((path) => bookChapterPaths(path));
  const owner = paths.map((_, i) => i);
  chapters.forEach((list, i) => {
    for (const chapter of list ?? []) {
      const j = position.get(sourceKey(chapter));
      if (j !== undefined && j !== i && owner[j] === j && chapters[j] === undefined) owner[j] = i;
    }
  });
  const groups: string[][] = [];
  paths.forEach((path, i) => {
    if (owner[i] === i) groups.push([path, ...paths.filter((_, j) => j !== i && owner[j] === i)]);
  });
  return groups;
}

/**
 * Builds many sources on a pool of worker processes, one task per source (a book and its chapters
 * among the sources are one task), handed out as workers free up. Workers only render
 * (`renderReport`, as a serial build does); this process writes each source's artifacts and
 * manifest entries as one change (`BuildOutput`), so the result matches a serial build. A task
 * whose worker dies (out of heap, killed) is given once more to a fresh worker; if that one dies
 * too, its sources are reported not built, with why, and listed in the manifest's `missing`.
 * This process renders nothing (its memory is the artifacts it writes), so running out of memory
 * or being killed is always a worker's, reported as such: `folio build` of even one source runs it
 * on a pool of one.
 */
export async function buildInPool(paths: readonly string[], options: PoolOptions): Promise<BuildResult> {
  const { jobs, onProgress, ...rest } = options;
  const build: BuildRequest = { ...rest, alongside: rest.alongside ?? paths };
  const tasks = sourceGroups(paths);
  const books = tasks.filter((task) => bookChapterPaths(task[0] as string) !== undefined);
  const reports = tasks.filter((task) => !books.includes(task));
  const size = Math.max(1, Math.min(jobs ?? availableParallelism(), tasks.length));
  const result: BuildResult = { files: [], written: [], ok: true };
  const output = new BuildOutput(build.outDir, folioVersion(), build.sourceDateEpoch);
  output.repair(result);
  // What the result needs of each source once its artifacts are written: their paths, not their
  // bytes (a build of 200 reports held some 260 MB of written artifacts here until it ended).
  const byPath = new Map<string, { ok: boolean; written: string[]; files: VFile[] }>();
  const blob = workerSnapshot(build.formats);
  const heaps = workerHeaps(blob);
  // The build daemon, from the full snapshot whatever the formats, at the first heap cap.
  const daemon = daemonBlob();
  let done = 0;
  const take = (job: JobResult) => {
    const files = job.messages.map(({ path, list }) => revive(path, list));
    if (job.ok) {
      try {
        output.commit(job.path, job.files, job.manifest);
      } catch (error) {
        job.ok = false;
        job.files = [];
        const file = files.find((f) => f.path === job.path) ?? new VFile({ path: job.path });
        if (!files.includes(file)) files.push(file);
        record(error, file);
      }
    }
    if (!job.ok)
      output.notBuilt(
        job.path,
        firstError(files.find((f) => f.path === job.path) ?? files[0] ?? new VFile(), files),
      );
    byPath.set(job.path, { ok: job.ok, written: job.files.map((file) => file.path), files });
    onProgress?.(++done, paths.length, job.path);
  };
  const slot = async () => {
    let worker: PoolWorker | undefined;
    for (;;) {
      const book = books.shift();
      const task = book ?? reports.shift();
      if (task === undefined) break;
      let answer: { jobs: JobResult[] } | { crash: WorkerCrash } | undefined;
      // A book's model is the size of all its chapters: it gets the larger cap from the start.
      let heapMb = book ? heaps.retry : firstHeapMb(task[0] as string, heaps);
      // A worker that died is replaced; the task is tried once more, in a fresh one, with the
      // larger cap when the first ran out of memory. A worker with a larger cap than the task
      // needs renders it (after a long report, the short ones that follow).
      for (let attempt = 1; attempt <= 2 && !(answer && "jobs" in answer); attempt++) {
        if (worker && worker.heapMb < heapMb) {
          await worker.stop();
          worker = undefined;
        }
        // The daemon serves a task's first attempt; a retry gets a fresh worker, as before.
        if (
          !worker &&
          daemon &&
          attempt === 1 &&
          !book &&
          firstHeapMb(task[0] as string, daemon.heaps) <= daemon.heaps.first
        )
          worker = await claimDaemon(daemon.blob, daemon.heaps.first, workerV8Flags);
        worker ??= startWorker(heapMb, blob);
        answer = await worker.run(task, build);
        if ("crash" in answer) {
          worker = undefined;
          if (outOfMemory(answer.crash)) heapMb = heaps.retry;
        }
      }
      if (answer && "jobs" in answer) for (const job of answer.jobs) take(job);
      else if (answer) for (const path of task) take(crashedJob(path, answer.crash, heapMb, heaps.chosen));
    }
    await worker?.stop();
  };
  await Promise.all(Array.from({ length: size }, () => slot()));
  // Results in the order of the sources, as a serial build reports them. A file each worker
  // reported alike (a brand's warnings, given by every worker that loaded the brand) is reported
  // once, as a serial build does.
  const reported = new Set<string>();
  const firstTime = (file: VFile) => {
    const key = JSON.stringify([
      file.path,
      file.messages.map((m) => [m.file, m.line, m.column, m.fatal, m.ruleId, m.reason]),
    ]);
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  };
  for (const path of paths) {
    // Every source has a result; one without would be a silent gap: reported, never skipped.
    const taken = byPath.get(path) ?? {
      ok: false,
      written: [],
      files: [revive(path, [{ reason: "Not built: the pool gave no result for it", fatal: true }])],
    };
    if (!taken.ok) result.ok = false;
    result.written.push(...taken.written);
    result.files.push(...taken.files.filter(firstTime));
  }
  output.finish(result);
  return result;
}

/**
 * A source whose worker died twice, as a result: not built, and a message that says why (out of
 * heap: the source's size, the limit and how to raise it; killed: the signal), never V8's report.
 */
function crashedJob(path: string, crash: WorkerCrash, heapMb: number, chosen: boolean): JobResult {
  if (process.env.FOLIO_DEBUG) process.stderr.write(crash.stderr);
  return {
    path,
    files: [],
    manifest: [],
    ok: false,
    messages: [
      {
        path,
        list: [
          { reason: crashReason(path, crash, heapMb, chosen), fatal: true, ruleId: "pool", source: "folio" },
        ],
      },
    ],
  };
}

/**
 * Whether a worker ran out of heap: V8's fatal-error report says so, or the worker died of a signal
 * the process raises itself. Near a small heap limit V8 can fail an allocation in native code and
 * die of SIGSEGV (or abort) before it writes its report; seen with FOLIO_WORKER_HEAP_MB=70. A
 * worker killed from outside (the OOM killer, a time limit) gets SIGKILL or SIGTERM instead.
 */
function outOfMemory(crash: WorkerCrash): boolean {
  if (/out of memory|heap limit|allocation failed/i.test(crash.stderr)) return true;
  return crash.signal !== null && selfRaised.has(crash.signal);
}

/** Signals a Node.js process dies of by its own fault, not by another process's hand. */
const selfRaised = new Set<NodeJS.Signals>(["SIGSEGV", "SIGBUS", "SIGABRT", "SIGTRAP", "SIGILL"]);

/**
 * Why a worker died, for a person: what happened, to which source, and what to do. `chosen`: the
 * limit is the user's own FOLIO_WORKER_HEAP_MB (else Folio's largest, which may be raised too).
 */
export function crashReason(path: string, crash: WorkerCrash, heapMb: number, chosen = true): string {
  const twice = "twice (tried again in a fresh worker)";
  if (outOfMemory(crash)) {
    const raise = `FOLIO_WORKER_HEAP_MB=${Math.max(heapMb * 2, 256)}`;
    const whose = chosen ? "its heap limit (FOLIO_WORKER_HEAP_MB)" : "its heap limit";
    return `Not built: the worker building this source (${sizeOf(path)}) ran out of memory ${twice}, at ${whose} of ${heapMb} MB. Raise the limit with ${raise} (the machine needs that much free memory), or split the source`;
  }
  if (crash.signal)
    return `Not built: the worker building this source (${sizeOf(path)}) was killed by ${crash.signal} ${twice}, from outside Folio (the system's out-of-memory killer, a time or memory limit)`;
  return `Not built: the worker building this source (${sizeOf(path)}) stopped with exit status ${crash.code ?? "unknown"} ${twice}`;
}

function sizeOf(path: string): string {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch {
    return "size unknown";
  }
  return bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${bytes} bytes`;
}

/** Rebuilds a vfile and its messages on this side of the thread boundary, for the reporter. */
function revive(path: string, list: SerializedMessage[]): VFile {
  const file = new VFile({ path });
  for (const m of list) {
    const message = file.message(m.reason, {
      place: m.line ? { line: m.line, column: m.column ?? 1 } : undefined,
      ruleId: m.ruleId,
      source: m.source,
    });
    message.fatal = m.fatal;
    if (m.file) message.file = m.file;
  }
  return file;
}
