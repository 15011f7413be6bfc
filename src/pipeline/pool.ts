import { availableParallelism } from "node:os";
import { VFile } from "vfile";
import { loadAssets } from "../assets/load.ts";
import type { Assets } from "../assets/types.ts";
import { folioVersion } from "../assets/version.ts";
import { bookChapterPaths, sourceKey } from "../model/book/paths.ts";
import {
  type BuildOptions,
  type BuildRequest,
  type BuildResult,
  loadFormats,
  type RenderedReport,
  record,
  renderReport,
} from "./build.ts";
import { type ManifestArtifact, updateManifest } from "./manifest.ts";
import { ModelStore } from "./models.ts";
import { type PendingFile, writeFilesAtomic } from "./write.ts";

/** Options of a pooled build: those of `buildReports` plus the pool's size and a progress callback. */
export interface PoolOptions extends Omit<BuildOptions, "io"> {
  /** Worker threads (default: the machine's cores, at most one per source). */
  jobs?: number;
  /** Called after each source, in completion order. */
  onProgress?: (done: number, total: number, path: string) => void;
}

/** What a worker sends back for one source: the files to write, manifest entries, messages. */
interface JobResult {
  path: string;
  files: PendingFile[];
  manifest: ManifestArtifact[];
  messages: Array<{ path: string; list: SerializedMessage[] }>;
  ok: boolean;
}

interface SerializedMessage {
  reason: string;
  file?: string;
  line?: number;
  column?: number;
  fatal?: boolean | null;
  ruleId?: string;
  source?: string;
}

/** The command-line entry (`src/bin/folio.js`) doubles as the worker: it loads the bundle or the sources. */
const workerEntry = new URL("../bin/folio.js", import.meta.url);

/** The argument a process started from the snapshot gets to serve as a pool worker. */
export const poolWorkerFlag = "--folio-pool-worker";

/** One worker: a thread, or a process started from the same startup snapshot as this one. */
interface PoolWorker {
  send(message: unknown): void;
  on(event: "message", listener: (message: { jobs: JobResult[] }) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  stop(): Promise<unknown>;
}

/**
 * A worker process's old-generation heap, capped: it renders one report at a time, whose live data
 * stays far below this, but V8 grows an uncapped heap long before it collects (a worker rendering
 * 40 reports peaked at 580 MB uncapped, 410 MB at this cap, 6% slower). FOLIO_WORKER_HEAP_MB overrides.
 */
/** Read when a worker starts (a process started from the snapshot has the snapshot's module state). */
const workerHeap = () => [`--max-old-space-size=${Number(process.env.FOLIO_WORKER_HEAP_MB) || 192}`];

/** The blob this process was started from (`--snapshot-blob B`), if it was. */
function snapshotBlob(): string | undefined {
  const at = process.execArgv.indexOf("--snapshot-blob");
  return at >= 0 ? process.execArgv[at + 1] : undefined;
}

/**
 * A worker for the pool. Started from a snapshot, it is a process started from the same snapshot
 * (a thread would load every module and face again: ~2.5 s each); otherwise a worker thread.
 */
async function startWorker(): Promise<PoolWorker> {
  const blob = snapshotBlob();
  if (blob) {
    const { spawn } = process.getBuiltinModule("node:child_process");
    const child = spawn(process.execPath, [...workerHeap(), "--snapshot-blob", blob, "--", poolWorkerFlag], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    return {
      send: (message) => child.send(message as never),
      on: (event: "message" | "error", listener: (value: never) => void) =>
        void child.on(event, listener as (...args: unknown[]) => void),
      stop: async () => {
        child.disconnect();
        await new Promise((resolve) =>
          child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve),
        );
      },
    };
  }
  // Loaded here, not at the top: a worker_threads import in the startup snapshot draws a warning.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const worker = new Worker(workerEntry, { workerData: { folioPool: true } });
  return {
    send: (message) => worker.postMessage(message),
    on: (event: "message" | "error", listener: (value: never) => void) =>
      void worker.on(event, listener as (...args: unknown[]) => void),
    stop: () => worker.terminate(),
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
 * Builds many sources on a pool of worker threads, one task per source (a book and its chapters
 * among the sources are one task), handed out as workers free up. Workers only render
 * (`renderReport`, as a serial build does); this thread writes each source's artifacts atomically
 * and the manifest once, so the result matches a serial build. A book's task goes to this
 * process's own share when it has one: a worker process's heap is capped for one report, a book's
 * model is the size of all its chapters.
 */
export async function buildInPool(paths: readonly string[], options: PoolOptions): Promise<BuildResult> {
  const { jobs, onProgress, ...rest } = options;
  const build: BuildRequest = { ...rest, alongside: rest.alongside ?? paths };
  const tasks = sourceGroups(paths);
  const books = tasks.filter((task) => bookChapterPaths(task[0] as string) !== undefined);
  const reports = tasks.filter((task) => !books.includes(task));
  const size = Math.max(1, Math.min(jobs ?? availableParallelism(), tasks.length));
  const result: BuildResult = { files: [], written: [], ok: true };
  const manifest: ManifestArtifact[] = [];
  const byPath = new Map<string, JobResult>();
  let done = 0;
  // From the snapshot, this process is one of the workers (N - 1 processes beside it).
  const local = snapshotBlob() !== undefined && size > 1;
  const workers = await Promise.all(
    Array.from({ length: size }, (_, i) => (local && i === 0 ? localWorker() : startWorker())),
  );
  try {
    await Promise.all(
      workers.map(
        (worker, i) =>
          new Promise<void>((resolve, reject) => {
            const capped = local && i > 0;
            const give = () => {
              const task = capped ? reports.shift() : (books.shift() ?? reports.shift());
              if (task === undefined) return resolve();
              worker.send({ paths: task, options: build });
            };
            worker.on("message", ({ jobs: results }: { jobs: JobResult[] }) => {
              for (const job of results) take(job);
              give();
            });
            const take = (job: JobResult) => {
              byPath.set(job.path, job);
              if (job.ok) {
                try {
                  writeFilesAtomic(job.files);
                  manifest.push(...job.manifest);
                } catch (error) {
                  job.ok = false;
                  const e = error as NodeJS.ErrnoException;
                  job.messages.push({
                    path: job.path,
                    list: [{ reason: `Cannot write ${e.path ?? ""} (${e.code ?? e.message})`, fatal: true }],
                  });
                  job.files = [];
                }
              }
              onProgress?.(++done, paths.length, job.path);
            };
            worker.on("error", reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  // Results in the order of the sources, as a serial build reports them.
  for (const path of paths) {
    const job = byPath.get(path);
    if (!job) continue;
    if (!job.ok) result.ok = false;
    for (const file of job.files) result.written.push(file.path);
    for (const { path: filePath, list } of job.messages) result.files.push(revive(filePath, list));
  }
  if (manifest.length > 0) updateManifest(build.outDir, folioVersion(), build.sourceDateEpoch, manifest);
  return result;
}

/** What a worker listens on and answers through: a thread's port, or a child process's IPC channel. */
export interface PoolPort {
  on(event: "message", listener: (message: { paths: string[]; options: BuildRequest }) => void): void;
  postMessage(message: unknown): void;
}

/** The IPC channel of a process started as a pool worker (`-- --folio-pool-worker`). */
export function processPort(): PoolPort {
  return {
    on: (event, listener) => void process.on(event, listener as never),
    postMessage: (message) => void process.send?.(message as never),
  };
}

/**
 * Renders one task's sources in memory, in order, sharing their models (a book's chapters), as a
 * worker answers: for each, files to write, manifest entries, messages (a file reported once).
 */
async function renderJobs(
  paths: string[],
  options: BuildRequest,
  assets: () => Assets,
): Promise<JobResult[]> {
  const jobs: JobResult[] = [];
  const reported = new Set<VFile>();
  let models: ModelStore | undefined;
  for (const path of paths) {
    let rendered: RenderedReport;
    try {
      models ??= new ModelStore(assets(), paths);
      rendered = await renderReport(path, await loadFormats(options.formats), assets(), options, models);
    } catch (error) {
      const file = new VFile({ path });
      rendered = { file, related: record(error, file), chapters: [], pending: [], manifest: [], ok: false };
    }
    const files = [...rendered.related, rendered.file, ...rendered.chapters].filter((file) => {
      if (reported.has(file)) return false;
      reported.add(file);
      return true;
    });
    jobs.push({
      path,
      files: rendered.pending,
      manifest: rendered.manifest,
      ok: rendered.ok,
      messages: files.map((file) => ({
        path: file.path,
        list: file.messages.map((m) => ({
          reason: m.reason,
          file: m.file,
          line: m.line ?? undefined,
          column: m.column ?? undefined,
          fatal: m.fatal,
          ruleId: m.ruleId ?? undefined,
          source: m.source ?? undefined,
        })),
      })),
    });
  }
  return jobs;
}

/** Folio's assets, loaded once per worker (or for the main process's own share), when first needed. */
function lazyAssets(): () => Assets {
  let assets: Assets | undefined;
  return () => {
    assets ??= loadAssets();
    return assets;
  };
}

/**
 * The pool's process itself as one of its workers (started from the snapshot, it is as warm as a
 * worker process, and one process fewer is 250 MB less): renders between writing others' results.
 */
function localWorker(): PoolWorker {
  const listeners: Array<(message: { jobs: JobResult[] }) => void> = [];
  const assets = lazyAssets();
  return {
    send: (message) => {
      const { paths, options } = message as { paths: string[]; options: BuildRequest };
      setImmediate(async () => {
        const jobs = await renderJobs(paths, options, assets);
        for (const listener of listeners) listener({ jobs });
      });
    },
    on: (event: "message" | "error", listener: (value: never) => void) => {
      if (event === "message") listeners.push(listener as (message: { jobs: JobResult[] }) => void);
    },
    stop: async () => {},
  };
}

/** Worker side: renders each task it is sent in memory; the main thread writes what comes back. */
export function runPoolWorker(port: PoolPort): void {
  // Each worker loads Folio's assets once, for every source it is given.
  const assets = lazyAssets();
  port.on("message", async ({ paths, options }: { paths: string[]; options: BuildRequest }) => {
    // Copied, not transferred: an artifact's bytes may share Node's Buffer pool with other data.
    port.postMessage({ jobs: await renderJobs(paths, options, assets) });
  });
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
