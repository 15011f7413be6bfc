import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { buildReports } from "../build/build.ts";
import { formats } from "../build/formats.ts";
import { formatMessages } from "../cli/report.ts";
import { templatesDir } from "../paths.ts";
import type { Format, FormatId, RenderOptions } from "../render/format.ts";
import { factSheetInputs, memoizeFormat } from "./memo.ts";
import { startPreviewServer } from "./server.ts";

/** Registry entries already wrapped by `memoizeFormat` (a second session must not wrap twice). */
const memoized = new WeakSet<object>();

export interface WatchOptions extends RenderOptions {
  outDir: string;
  formats: readonly FormatId[];
  /** Preview server port on 127.0.0.1; 0 picks a free one. */
  port: number;
  log: (line: string) => void;
}

export interface Rebuild {
  ok: boolean;
  /** Wall time of the rebuild: model, every format, atomic writes, manifest. */
  ms: number;
}

export interface WatchSession {
  url: string;
  /** Rebuilds now (also what a change of the source triggers). */
  rebuild(): Promise<Rebuild>;
  /** Resolves after the next rebuild that a file change triggers. */
  nextRebuild(): Promise<Rebuild>;
  close(): Promise<void>;
}

/**
 * Builds a report, then rebuilds it on every change of its source (or a template) in this
 * process: modules, fonts, templates and the map's projected geometry stay loaded, and the fact
 * sheet is reused while the facts it shows are unchanged. Serves the preview (see server.ts).
 */
export async function watchReport(path: string, options: WatchOptions): Promise<WatchSession> {
  const source = resolve(path);
  // Only this process's registry: a one-word edit of the prose leaves the fact sheet as it was.
  const load = formats.factsheet;
  if (load && !memoized.has(load)) {
    // One memo for the session: the build asks the registry for the format on every rebuild, and
    // a new wrapper each time (as this was) never remembered the last sheet.
    let memo: Promise<Format> | undefined;
    const wrapped = () => {
      memo ??= load().then((format) => memoizeFormat(format, factSheetInputs));
      return memo;
    };
    memoized.add(wrapped);
    formats.factsheet = wrapped;
  }
  const name = basename(source).replace(/\.md$/, "");
  const server = await startPreviewServer({ outDir: options.outDir, name, port: options.port });
  const waiting: Array<(r: Rebuild) => void> = [];
  let running: Promise<Rebuild> | undefined;
  let again = false;

  const rebuildNow = async (): Promise<Rebuild> => {
    const started = performance.now();
    const result = await buildReports([source], options);
    const ms = performance.now() - started;
    const report = formatMessages(result.files);
    if (report) options.log(report);
    options.log(`${result.ok ? "rebuilt" : "failed"} ${basename(source)} in ${ms.toFixed(0)} ms`);
    if (result.ok) server.reload();
    return { ok: result.ok, ms };
  };
  // One build at a time, also when `rebuild()` is called while a save's rebuild runs: two builds
  // would race to write the same files.
  let queue: Promise<unknown> = Promise.resolve();
  const rebuild = (): Promise<Rebuild> => {
    const next = queue.then(rebuildNow, rebuildNow);
    queue = next;
    return next;
  };
  /** Coalesces bursts of events (editors write, rename and touch): one rebuild at a time, one more after. */
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild().then((r) => {
      running = undefined;
      for (const resolve of waiting.splice(0)) resolve(r);
      if (again) {
        again = false;
        schedule();
      }
      return r;
    });
  };

  await rebuild();
  // Watch folders, not files: editors often save by writing a new file and renaming it over.
  const watchers: FSWatcher[] = [
    watch(dirname(source), (_event, file) => {
      if (file === basename(source)) schedule();
    }),
    watch(templatesDir, { recursive: true }, () => schedule()),
  ];
  return {
    url: server.url,
    rebuild,
    nextRebuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      for (const watcher of watchers) watcher.close();
      await running;
      await server.close();
    },
  };
}
