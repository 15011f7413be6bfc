import { writeFileSync } from "node:fs";
import { VFile } from "vfile";
import { loadAssets } from "../assets/load.ts";
import type { Assets } from "../assets/types.ts";
import { type BuildRequest, loadFormats, type RenderedReport, renderReport } from "./build.ts";
import { ModelStore } from "./models.ts";
import { record } from "./output.ts";
import type { JobResult } from "./pool-types.ts";

// The worker side of the build pool (src/pipeline/pool.ts): a worker process renders the sources
// it is sent and sends back what to write. Apart from the pool's own module, so that the pool's
// process, which only writes, never loads the model and the renderers.

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
export async function renderJobs(
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
      models ??= new ModelStore(paths, options.formats.includes("factsheet"));
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

/** Folio's assets, loaded once per worker, when first needed. */
export function lazyAssets(): () => Assets {
  let assets: Assets | undefined;
  return () => {
    assets ??= loadAssets();
    return assets;
  };
}

/** Worker side: renders each task it is sent in memory; the main thread writes what comes back. */
export function runPoolWorker(port: PoolPort): void {
  // Each worker loads Folio's assets once, for every source it is given.
  const assets = lazyAssets();
  port.on("message", async ({ paths, options }: { paths: string[]; options: BuildRequest }) => {
    killForTest(paths);
    // Copied, not transferred: an artifact's bytes may share Node's Buffer pool with other data.
    port.postMessage({ jobs: await renderJobs(paths, options, assets) });
  });
}

/**
 * Test hook, not a setting: FOLIO_TEST_KILL_WORKER=NAME.md[,…] makes a worker process kill itself
 * (SIGKILL, as the OOM killer does) when given that source; with FOLIO_TEST_KILL_WORKER_ONCE=FILE
 * only the first time (it creates FILE), so the retry succeeds. The build daemon reads
 * FOLIO_TEST_KILL_DAEMON the same way (src/pipeline/daemon.ts).
 */
export function killForTest(paths: readonly string[], setting = "FOLIO_TEST_KILL_WORKER"): void {
  const names = process.env[setting]?.split(",") ?? [];
  if (!paths.some((path) => names.some((name) => path === name || path.endsWith(`/${name}`)))) return;
  const once = process.env.FOLIO_TEST_KILL_WORKER_ONCE;
  if (once) {
    try {
      writeFileSync(once, "", { flag: "wx" });
    } catch {
      return;
    }
  }
  process.kill(process.pid, "SIGKILL");
}
