import { type FSWatcher, fstatSync, statSync, watch } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { VFile } from "vfile";
import { loadAssets } from "../assets/load.ts";
import { templatesDir } from "../assets/paths.ts";
import type { Assets } from "../assets/types.ts";
import { brandFolders } from "../brand/choose.ts";
import { findProjectFile } from "../brand/project.ts";
import { formatMessages } from "../cli/report.ts";
import { holdMeasures } from "../engine/pdfmake/measure-keep.ts";
import { type BuildRequest, buildReports, loadFormats } from "../pipeline/build.ts";
import { formats as registry } from "../pipeline/formats.ts";
import { record } from "../pipeline/output.ts";
import type { Format, FormatId } from "../render/format.ts";
import { factSheetInputs, memoizeFormat } from "./memo.ts";
import { startPreviewServer } from "./server.ts";

export interface WatchOptions extends BuildRequest {
  /** Preview server port on 127.0.0.1; 0 picks a free one. */
  port: number;
  log: (line: string) => void;
  /** Where the formats come from (default: Folio's registry); tests count renders through it. */
  registry?: Partial<Record<FormatId, () => Promise<Format>>>;
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
 * Builds a report, then rebuilds it on every change of its source, of a file beside it (its
 * images), of Folio's templates and theme or of its brand (brands/NAME/), in this process: modules, fonts and the map's
 * projected geometry stay loaded, and the fact sheet is reused while the facts it shows (and the
 * assets) are unchanged. A change under the templates folder reloads the assets first. Serves the
 * preview (see server.ts), which also shows a failed build's messages.
 */
export async function watchReport(path: string, options: WatchOptions): Promise<WatchSession> {
  const source = resolve(path);
  // Messages name the source as it was given, as `folio build` does.
  const shown = path;
  // This session's formats: the registry is left as it is; one fact sheet memo for the session.
  const loaded = (await loadFormats(options.formats, options.registry ?? registry)).map((format, i) =>
    options.formats[i] === "factsheet" ? memoizeFormat(format, factSheetInputs) : format,
  );
  const templates = templatesDir();
  // Loaded for the first rebuild, and again after a change under the templates folder.
  let assets: Assets | undefined;
  const name = basename(source).replace(/\.md$/, "");
  const server = await startPreviewServer({ outDir: options.outDir, name, port: options.port });
  // A rebuild's PDF measures again only the paragraphs the edit changed.
  const releaseMeasures = holdMeasures();
  const waiting: Array<(r: Rebuild) => void> = [];
  let running: Promise<Rebuild> | undefined;
  let again = false;
  // Set by close(): a burst's queued rebuild must not start, and write, after the session closed.
  let closed = false;
  /** Every file a build of this session wrote: a change to one is the build's own. */
  const written = new Set<string>();

  const rebuildNow = async (): Promise<Rebuild> => {
    const started = performance.now();
    let result: Awaited<ReturnType<typeof buildReports>>;
    try {
      assets ??= loadAssets(templates);
      result = await buildReports([shown], { ...options, loaded, assets });
    } catch (error) {
      // Folio's own files are broken (a template, the theme): report it like a build error.
      const file = new VFile({ path: shown });
      result = { ok: false, written: [], files: [...record(error, file), file] };
    }
    const ms = performance.now() - started;
    for (const path of result.written) written.add(resolve(path));
    const report = formatMessages(result.files);
    if (report) options.log(report);
    options.log(`${result.ok ? "rebuilt" : "failed"} ${shown} in ${ms.toFixed(0)} ms`);
    if (result.ok) server.reload();
    else server.failed(report || `failed ${shown}`);
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
    if (closed) return;
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
  const outDir = resolve(options.outDir);
  const isOwnOutput = ownOutputTest();
  const inside = (dir: string, file: string) => file === dir || file.startsWith(dir + sep);
  const folder = dirname(source);
  // Everything under the out folder is the build's own, unless the source is in it too (`--out .`):
  // then only what a build wrote there (its artifacts and manifest; its temporaries are hidden files).
  const outHoldsSource = inside(outDir, folder);
  const ownWrite = (where: string) =>
    outHoldsSource ? written.has(where) || where === join(outDir, "manifest.json") : inside(outDir, where);
  /** One handler for both watchers: a change under the templates reloads the assets first. */
  const changed = (folder: string, file: string | null) => {
    if (!file || /(^|[\\/])\.|~$|\.tmp$|\.swp$/.test(file)) return;
    const where = resolve(folder, file);
    if (ownWrite(where)) return;
    if (isOwnOutput(where)) return; // our own messages, `folio watch … 2> watch.log` beside the source
    if (inside(templates, where)) assets = undefined;
    schedule();
  };
  // Watch folders, not files: editors often save by writing a new file and renaming it over.
  const watchers: FSWatcher[] = [
    watch(folder, { recursive: true }, (_event, file) => changed(folder, file)),
    watch(templates, { recursive: true }, (_event, file) => changed(templates, file)),
    // The brands (read at run time): a rebuild reloads a brand whose files changed (src/brand/choose.ts).
    ...brandFolders(source).map((brands) =>
      watch(brands, { recursive: true }, (_event, file) => changed(brands, file)),
    ),
  ];
  // A folio.yaml above the source's folder (one beside it is watched with the folder).
  const project = findProjectFile(folder);
  if (project && dirname(project) !== folder) {
    const projectDir = dirname(project);
    watchers.push(
      watch(projectDir, (_event, file) => {
        if (file === "folio.yaml") changed(projectDir, file);
      }),
    );
  }
  return {
    url: server.url,
    rebuild,
    nextRebuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      closed = true;
      for (const watcher of watchers) watcher.close();
      // The last build asked for, saved or called, finishes before the preview and the keep go.
      await queue.catch(() => undefined);
      await server.close();
      releaseMeasures();
    },
  };
}

/**
 * Whether a file is the one this process's output or messages go to: redirected into the watched
 * folder (`folio watch report.md > watch.log 2>&1`), each rebuild's "rebuilt …" line changed the
 * folder and started the next rebuild, without end. Compared by device and inode, so any path to
 * the file (a link, another spelling) is the same file; a test that never finds one when neither
 * goes to a file.
 */
function ownOutputTest(): (path: string) => boolean {
  const outputs: Array<{ dev: number; ino: number }> = [];
  for (const fd of [1, 2]) {
    try {
      const stats = fstatSync(fd);
      if (stats.isFile()) outputs.push({ dev: stats.dev, ino: stats.ino });
    } catch {
      // no such descriptor (closed): nothing is written there
    }
  }
  if (outputs.length === 0) return () => false;
  return (path) => {
    try {
      const stats = statSync(path);
      return outputs.some((output) => output.dev === stats.dev && output.ino === stats.ino);
    } catch {
      return false; // gone (an editor renamed a new file over it): not where this process writes
    }
  };
}
