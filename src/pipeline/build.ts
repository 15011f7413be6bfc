import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { loadAssets } from "../assets/load.ts";
import type { Assets } from "../assets/types.ts";
import { assetsForSource } from "../brand/choose.ts";
import { isBook, loadBook } from "../model/book/load.ts";
import { bookChapterPaths, sourceKey } from "../model/book/paths.ts";
import { frontMatterPlace } from "../model/frontmatter.ts";
import type { ReportModel } from "../model/types.ts";
import type { Format, FormatId, Paper, RenderOptions, RenderResult } from "../render/format.ts";
import { formats } from "./formats.ts";
import { describeArtifact, type ManifestArtifact, type ManifestSource, sha256 } from "./manifest.ts";
import { ModelStore } from "./models.ts";
import { BuildOutput, type BuildResult, firstError, record, relativePath } from "./output.ts";
import { ownSnapshotBlob } from "./own-snapshot.ts";
import { taskClock } from "./task-clock.ts";
import type { PendingFile, WriteIo } from "./write.ts";

// The pool's own process writes and reports without loading the renderers: those parts live in
// output.ts, re-exported here for the modules that import them from the build.

/** What a build is asked for: the command line's choices, before any report is read. */
export interface BuildRequest {
  outDir: string;
  formats: readonly FormatId[];
  /** Overrides every report's `paper`. */
  paper?: Paper;
  /** Seconds since the epoch for every date written into an artifact (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  /**
   * Every source of the whole build, when this build makes only a share of them (`--shard`): a
   * book links the fact sheets of its chapters that are among them. The sources built, by default.
   */
  alongside?: readonly string[];
}

export interface BuildOptions extends BuildRequest {
  /** File operations, replaceable in tests to simulate a failing disk. */
  io?: WriteIo;
  /** Folio's templates, theme and fonts; loaded once for the build when not given. */
  assets?: Assets;
  /** The formats' renderers, already loaded (the watch wraps the fact sheet's); else from the registry. */
  loaded?: readonly Format[];
}

/**
 * The options every renderer of one report gets, decided once: the command line over the front
 * matter; for a book, which of its chapters' fact sheets the build writes (chapters among the
 * build's sources, when it makes fact sheets).
 */
export function renderOptions(
  model: ReportModel,
  request: Partial<Pick<BuildRequest, "paper" | "sourceDateEpoch" | "formats" | "alongside">>,
): RenderOptions {
  const options: RenderOptions = {
    paper: request.paper ?? model.meta.paper,
    date: request.sourceDateEpoch !== undefined ? new Date(request.sourceDateEpoch * 1000) : new Date(),
  };
  if (model.book && request.formats?.includes("factsheet") && request.alongside) {
    const built = new Set(request.alongside.map(sourceKey));
    options.factSheets = new Set(
      model.book.chapters
        .filter((chapter) => built.has(sourceKey(chapter.path)))
        .map((chapter) => chapter.name),
    );
  }
  return options;
}

/** One source rendered in memory: what to write, its manifest entries, and its messages. */
export interface RenderedReport {
  /** The source's vfile, carrying its messages. */
  file: VFile;
  /** Other files with messages about this build (a failing template), reported before the source. */
  related: VFile[];
  /** A book's chapters with messages (their own load's), reported after the book. */
  chapters: VFile[];
  pending: PendingFile[];
  manifest: ManifestArtifact[];
  ok: boolean;
}

/** Loads the renderers of the requested formats (from the lazy registry). */
export function loadFormats(ids: readonly FormatId[], registry: typeof formats = formats): Promise<Format[]> {
  return Promise.all(
    ids.map(async (id) => {
      const load = registry[id];
      if (!load) throw new Error(`format \`${id}\` is not available in this version`);
      return load();
    }),
  );
}

/**
 * Renders one source into every loaded format, in memory. A problem (bad input, a failing
 * template, a renderer's refusal) becomes a message and nothing to write.
 */
export async function renderReport(
  path: string,
  loaded: readonly Format[],
  assets: Assets,
  request: BuildRequest,
  models: ModelStore = new ModelStore([], request.formats.includes("factsheet")),
): Promise<RenderedReport> {
  const rendered: RenderedReport = {
    file: new VFile({ path }),
    related: [],
    chapters: [],
    pending: [],
    manifest: [],
    ok: true,
  };
  try {
    // The report's vfile is the loader's, so a failed load keeps every message it found. A model
    // already loaded in this build (a book's chapter built on its own too) is not loaded again.
    const clock = timings();
    // The report's brand (its front matter's, its folio.yaml's), read at run time from brands/.
    const branded = assetsForSource(path, assets, rendered.file);
    if (branded.warnings) rendered.related.push(branded.warnings);
    assets = branded.assets;
    const own = models.load(path, assets);
    rendered.file = own.file;
    if (!own.model) throw own.file.messages.find((m) => m.fatal) ?? new Error(`${path} did not load`);
    const model = isBook(own.model.meta)
      ? loadBook(own.model, assets, {
          // The book's brand dresses every chapter, whatever brand a chapter names on its own.
          loadSource: (chapter, lent) => models.load(chapter, assets, lent, true),
          chapterFiles: rendered.chapters,
        })
      : own.model;
    clock?.("load");
    const source = manifestSource(path);
    const options = renderOptions(model, { ...request, alongside: request.alongside ?? [path] });
    for (const format of loaded) {
      if (format.id === "factsheet" && model.meta.factsheet === "none") {
        // Asked for no sheet: said once, not an error, and nothing is drafted (facts are lazy).
        model.file.info("No fact sheet written: the front matter says `factsheet: none`", {
          place: frontMatterPlace(model.meta, ["factsheet"]),
          ruleId: "factsheet-none",
          source: "folio",
        });
        continue;
      }
      // A renderer's messages join the loader's, so the report lists them all, sorted by place.
      const result = await renderFormat(format, model, assets, options);
      clock?.(format.id);
      for (const message of result.messages) {
        // A message at a chapter's node of a book names the chapter's file.
        const origin = model.book?.sourceOf(message.place);
        if (origin) message.file = origin;
        if (!model.file.messages.includes(message)) model.file.messages.push(message);
      }
      for (const artifact of result.artifacts) {
        const name = `${model.name}${artifact.suffix}`;
        rendered.pending.push({ path: join(request.outDir, name), bytes: artifact.bytes });
        rendered.manifest.push(describeArtifact(name, format.id, artifact.bytes, source));
      }
    }
    // A report is written whole or not at all: a format that refused the document (every format's
    // errors are reported) leaves the others unwritten too, so out/ never mixes old and new.
    if (model.file.messages.some((m) => m.fatal)) {
      rendered.ok = false;
      rendered.pending = [];
      rendered.manifest = [];
    }
  } catch (error) {
    rendered.ok = false;
    rendered.pending = [];
    rendered.manifest = [];
    rendered.related.push(...record(error, rendered.file));
  }
  return rendered;
}

/**
 * One format's render. A renderer's refusal of the document's content (`file.fail`, such as a table
 * no page can hold) is kept as a message, and the other formats still render, so one run reports
 * every format's errors; the report is then not written (see `renderReport`).
 */
async function renderFormat(
  format: Format,
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
): Promise<RenderResult> {
  try {
    return await format.render(model, assets, options);
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error;
    error.fatal = true;
    return { artifacts: [], messages: [error] };
  }
}

/**
 * A source as the manifest records it: its path and checksum, and a book's chapters' (as its front
 * matter names them: the same for a build and for `folio manifest`, which reads no model).
 */
export function manifestSource(path: string): ManifestSource {
  const source: ManifestSource = { path: relativePath(path), sha256: sha256(readFileSync(path)) };
  const chapters = bookChapterPaths(path);
  if (chapters)
    source.chapters = chapters.map((chapter) => ({
      path: relativePath(chapter),
      sha256: sha256(readFileSync(chapter)),
    }));
  return source;
}

/**
 * Builds each source into every requested format. All artifacts of a source are rendered in
 * memory first, then written with its manifest entries as one change (`commitReport`): a failed
 * or killed build leaves each report's previous artifacts, or its new ones, never a mix.
 */
export async function buildReports(paths: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const result: BuildResult = { files: [], written: [], ok: true };
  let assets: Assets;
  try {
    assets = options.assets ?? loadAssets();
  } catch (error) {
    // Folio's own files are broken: no report can be built; the message names the file to fix.
    result.ok = false;
    result.files.push(...record(error, new VFile({ path: paths[0] ?? "folio" })));
    return result;
  }
  const loaded = options.loaded ?? (await loadFormats(options.formats));
  const models = new ModelStore(paths, options.formats.includes("factsheet"));
  const request = { ...options, alongside: options.alongside ?? paths };
  const output = new BuildOutput(options.outDir, assets.version, options.sourceDateEpoch, options.io);
  output.repair(result);
  // A chapter built on its own and in a book has one vfile: its messages are reported once.
  const reported = new Set<VFile>();
  const report = (...files: VFile[]) => {
    for (const file of files) {
      if (reported.has(file)) continue;
      reported.add(file);
      result.files.push(file);
    }
  };
  for (const path of paths) {
    const rendered = await renderReport(path, loaded, assets, request, models);
    if (rendered.ok) {
      try {
        output.commit(path, rendered.pending, rendered.manifest);
        result.written.push(...rendered.pending.map((f) => f.path));
      } catch (error) {
        rendered.ok = false;
        record(error, rendered.file);
      }
    }
    if (!rendered.ok) {
      result.ok = false;
      output.notBuilt(path, firstError(rendered.file, rendered.related));
    }
    report(...rendered.related, rendered.file, ...rendered.chapters);
  }
  output.finish(result);
  return result;
}

/**
 * With FOLIO_TIMINGS=1, a stopwatch that prints each step of a report's render to stderr, wall and
 * CPU time (`folio: timings: load 41.0 ms cpu 35.2 ms`; the first step, `start`, is the process's
 * own start up to the report, or in the build daemon the time since it took the task), for `make bench` and profiling; otherwise undefined. CPU time
 * is what a shared machine leaves comparable.
 */
function timings(): ((step: string) => void) | undefined {
  if (!process.env.FOLIO_TIMINGS) return undefined;
  const print = (step: string, ms: number, cpuMs: number) =>
    process.stderr.write(`folio: timings: ${step} ${ms.toFixed(1)} ms cpu ${cpuMs.toFixed(1)} ms\n`);
  const origin = taskClock();
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const sinceOrigin = process.cpuUsage(origin.cpu);
  print("start", last - origin.ms, (sinceOrigin.user + sinceOrigin.system) / 1000);
  // Which startup snapshot the process began from, if any (src/pipeline/pool.ts chooses it).
  const blob = ownSnapshotBlob();
  const from = blob ? basename(blob) : "no snapshot";
  process.stderr.write(`folio: timings: started from ${origin.by ? `${origin.by} (${from})` : from}\n`);
  return (step) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    print(step, now - last, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
  };
}
