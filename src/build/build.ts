import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { loadReport } from "../model/load.ts";
import type { Artifact, FormatId, RenderOptions } from "../render/format.ts";
import { TemplateError } from "../templates/engine.ts";
import { folioVersion } from "../version.ts";
import { formats } from "./formats.ts";
import { describeArtifact, type ManifestArtifact, sha256, updateManifest } from "./manifest.ts";
import { type WriteIo, writeFilesAtomic } from "./write.ts";

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

/**
 * Builds each source into every requested format. All artifacts of a source are rendered in
 * memory first and written together only when every one succeeded (`writeFilesAtomic`): a failed
 * build leaves the previous artifacts as they were.
 */
export async function buildReports(paths: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const result: BuildResult = { files: [], written: [], ok: true };
  const loaded = await Promise.all(
    options.formats.map(async (id) => {
      const load = formats[id];
      if (!load) throw new Error(`format \`${id}\` is not available in this version`);
      return load();
    }),
  );
  const manifest: ManifestArtifact[] = [];
  for (const path of paths) {
    let file = new VFile({ path });
    try {
      const model = loadReport(path);
      file = model.file;
      const artifacts: Array<Artifact & { format: string }> = [];
      for (const format of loaded) {
        for (const artifact of await format.render(model, options))
          artifacts.push({ ...artifact, format: format.id });
      }
      const source = {
        path: relative(process.cwd(), path).replace(/\\/g, "/"),
        sha256: sha256(readFileSync(path)),
      };
      const pending = artifacts.map((artifact) => ({
        ...artifact,
        name: `${model.name}${artifact.suffix}`,
        path: join(options.outDir, `${model.name}${artifact.suffix}`),
      }));
      writeFilesAtomic(pending, options.io);
      for (const artifact of pending) {
        result.written.push(artifact.path);
        manifest.push(describeArtifact(artifact.name, artifact.format, artifact.bytes, source));
      }
    } catch (error) {
      result.ok = false;
      record(error, file, result);
    }
    result.files.push(file);
  }
  if (manifest.length > 0) {
    try {
      updateManifest(options.outDir, folioVersion, options.sourceDateEpoch, manifest, options.io);
    } catch (error) {
      result.ok = false;
      const file = new VFile({ path: join(options.outDir, "manifest.json") });
      record(error, file, result);
      result.files.push(file);
    }
  }
  return result;
}

/** Turns a thrown problem into a vfile message so it is reported as `file:line:column: reason`. */
function record(error: unknown, file: VFile, result: BuildResult): void {
  if (error instanceof VFileMessage) {
    // file.fail() already recorded it on the file that threw.
    if (!file.messages.includes(error)) file.messages.push(error);
    return;
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
    result.files.push(templateFile);
    return;
  }
  const e = error as NodeJS.ErrnoException;
  const reason =
    e.code && e.path ? `Cannot write ${e.path} (${e.code})` : `Internal error: ${e.message ?? String(error)}`;
  const message = file.message(reason, { ruleId: "build", source: "folio" });
  message.fatal = true;
  if (process.env.FOLIO_DEBUG) console.error(error);
}
