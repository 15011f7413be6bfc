import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { loadReport } from "../model/load.ts";
import type { Format, FormatId, RenderOptions } from "../render/format.ts";
import { TemplateError } from "../templates/engine.ts";
import { folioVersion } from "../version.ts";
import { formats } from "./formats.ts";
import { describeArtifact, type ManifestArtifact, sha256, updateManifest } from "./manifest.ts";
import { type PendingFile, type WriteIo, writeFilesAtomic } from "./write.ts";

export interface BuildOptions extends RenderOptions {
  outDir: string;
  formats: readonly FormatId[];
  /** File operations, replaceable in tests to simulate a failing disk. */
  io?: WriteIo;
}

export interface BuildResult {
  /** One vfile per source (and per failing template), carrying its messages for the reporter. */
  files: VFile[];
  /** Paths written, relative to nothing (as joined from outDir). */
  written: string[];
  ok: boolean;
}

/** One source rendered in memory: what to write, its manifest entries, and its messages. */
export interface RenderedReport {
  /** The source's vfile, carrying its messages. */
  file: VFile;
  /** Other files with messages about this build (a failing template), reported before the source. */
  related: VFile[];
  pending: PendingFile[];
  manifest: ManifestArtifact[];
  ok: boolean;
}

/** Loads the renderers of the requested formats (from the lazy registry). */
export function loadFormats(ids: readonly FormatId[]): Promise<Format[]> {
  return Promise.all(
    ids.map(async (id) => {
      const load = formats[id];
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
  options: RenderOptions & { outDir: string },
): Promise<RenderedReport> {
  const rendered: RenderedReport = {
    file: new VFile({ path }),
    related: [],
    pending: [],
    manifest: [],
    ok: true,
  };
  try {
    const model = loadReport(path);
    rendered.file = model.file;
    const source = {
      path: relative(process.cwd(), path).replace(/\\/g, "/"),
      sha256: sha256(readFileSync(path)),
    };
    for (const format of loaded) {
      for (const artifact of await format.render(model, options)) {
        const name = `${model.name}${artifact.suffix}`;
        rendered.pending.push({ path: join(options.outDir, name), bytes: artifact.bytes });
        rendered.manifest.push(describeArtifact(name, format.id, artifact.bytes, source));
      }
    }
  } catch (error) {
    rendered.ok = false;
    rendered.pending = [];
    rendered.manifest = [];
    rendered.related = record(error, rendered.file);
  }
  return rendered;
}

/**
 * Builds each source into every requested format. All artifacts of a source are rendered in
 * memory first and written together only when every one succeeded (`writeFilesAtomic`): a failed
 * build leaves the previous artifacts as they were.
 */
export async function buildReports(paths: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const result: BuildResult = { files: [], written: [], ok: true };
  const loaded = await loadFormats(options.formats);
  const manifest: ManifestArtifact[] = [];
  for (const path of paths) {
    const rendered = await renderReport(path, loaded, options);
    if (rendered.ok) {
      try {
        writeFilesAtomic(rendered.pending, options.io);
        result.written.push(...rendered.pending.map((f) => f.path));
        manifest.push(...rendered.manifest);
      } catch (error) {
        rendered.ok = false;
        record(error, rendered.file);
      }
    }
    if (!rendered.ok) result.ok = false;
    result.files.push(...rendered.related, rendered.file);
  }
  if (manifest.length > 0) {
    try {
      updateManifest(options.outDir, folioVersion, options.sourceDateEpoch, manifest, options.io);
    } catch (error) {
      result.ok = false;
      const file = new VFile({ path: join(options.outDir, "manifest.json") });
      record(error, file);
      result.files.push(file);
    }
  }
  return result;
}

/**
 * Turns a thrown problem into a vfile message so it is reported as `file:line:column: reason`.
 * Returns the other files it concerns (a failing template's), to report beside `file`.
 */
export function record(error: unknown, file: VFile): VFile[] {
  if (error instanceof VFileMessage) {
    // file.fail() already recorded it on the file that threw.
    if (!file.messages.includes(error)) file.messages.push(error);
    return [];
  }
  if (error instanceof TemplateError) {
    const templateFile = new VFile({ path: error.templatePath });
    const place = error.line ? { line: error.line, column: error.column ?? 1 } : undefined;
    const message = templateFile.message(`${error.message} (while building ${file.path})`, {
      place,
      ruleId: "template",
      source: "folio",
    });
    message.fatal = true;
    return [templateFile];
  }
  const e = error as NodeJS.ErrnoException;
  const reason =
    e.code && e.path ? `Cannot write ${e.path} (${e.code})` : `Internal error: ${e.message ?? String(error)}`;
  const message = file.message(reason, { ruleId: "build", source: "folio" });
  message.fatal = true;
  if (process.env.FOLIO_DEBUG) console.error(error);
  return [];
}
