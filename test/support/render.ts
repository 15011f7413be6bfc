// Tests render the way the pipeline does, with Folio's assets loaded once per test file: these
// wrappers keep the tests short (a report path in; bytes or text out) and pure renderers pure.
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { VFileMessage } from "vfile-message";
import { inject } from "vitest";
import { loadAssets } from "../../src/assets/load.ts";
import type { Assets } from "../../src/assets/types.ts";
import { reportFacts } from "../../src/model/facts/report-facts.ts";
import { type LoadOptions, loadReport as loadWithAssets } from "../../src/model/load.ts";
import type { ReportModel } from "../../src/model/types.ts";
import { renderOptions } from "../../src/pipeline/build.ts";
import { docxFormat } from "../../src/render/docx/format.ts";
import type { Artifact, Format, RenderOptions, RenderResult } from "../../src/render/format.ts";
import { htmlFormat } from "../../src/render/html/format.ts";
import { pdfFormat } from "../../src/render/pdf/format.ts";

let shared: Assets | undefined;
/** Folio's own assets (templates/, theme, fonts), loaded once per test file. */
export function testAssets(): Assets {
  shared ??= loadAssets();
  return shared;
}

/**
 * Loads a report with Folio's assets as a build of the HTML, PDF or DOCX does: without the fact
 * sheet's facts, which none of them drafts.
 */
export function loadModel(path: string, options?: LoadOptions): ReportModel {
  return loadWithAssets(path, testAssets(), options);
}

/**
 * Loads a report with Folio's assets, and its facts (`reportFacts`, which a build runs only for
 * the fact sheet): throws the first error of either, as a build of every format fails on it.
 */
export function loadReport(path: string, options?: LoadOptions): ReportModel {
  const model = loadModel(path, options);
  reportFacts(model, testAssets().gazetteer);
  return model;
}

/** What a test may set: the render options, or SOURCE_DATE_EPOCH for the pipeline to decide the date from. */
export type TestRenderOptions = Partial<RenderOptions> & { sourceDateEpoch?: number };

/** The options the pipeline would decide for the model, with `options` over them. */
export function optionsFor(model: ReportModel, options: TestRenderOptions = {}): RenderOptions {
  const { sourceDateEpoch, ...rest } = options;
  return { ...renderOptions(model, { sourceDateEpoch }), ...rest };
}

/** Renders with a format; its artifacts and messages. */
export function renderWith(
  format: Format,
  model: ReportModel,
  options: TestRenderOptions = {},
  assets: Assets = testAssets(),
): Promise<RenderResult> {
  return format.render(model, assets, optionsFor(model, options));
}

/** A format's artifacts. */
export async function artifactsOf(
  format: Format,
  model: ReportModel,
  options: TestRenderOptions = {},
): Promise<Artifact[]> {
  return (await renderWith(format, model, options)).artifacts;
}

const first = async (format: Format, model: ReportModel, options?: TestRenderOptions) =>
  ((await artifactsOf(format, model, options))[0] as Artifact).bytes;

export const renderPdf = (model: ReportModel, options?: TestRenderOptions) =>
  first(pdfFormat, model, options);
export const renderDocx = (model: ReportModel, options?: TestRenderOptions) =>
  first(docxFormat, model, options);
export async function renderHtml(model: ReportModel, options?: TestRenderOptions): Promise<string> {
  return new TextDecoder().decode(await first(htmlFormat, model, options));
}

/** What a shared build is keyed by besides the source: a fixed date, so the bytes do not depend on the clock. */
export type SharedRenderOptions = Omit<TestRenderOptions, "date" | "factSheets"> & {
  sourceDateEpoch: number;
};

type StoredMessage = Pick<
  VFileMessage,
  "name" | "message" | "reason" | "fatal" | "line" | "column" | "ruleId" | "source" | "file"
>;
interface StoredResult {
  artifacts: Array<{ suffix: string; bytes: string }>;
  messages: StoredMessage[];
}

/** The shared builds this worker is rendering now, by key. */
const sharedInWorker = new Map<string, Promise<RenderResult>>();

/**
 * A format's render of a report loaded from its file, built once per test run: by the first file
 * that asks for it, kept in the run's folder (test/support/shared-builds-setup.ts) for every other
 * file of either worker (one asking while another renders it waits for that build). For the sweeps that render the same
 * fixtures (every fixture, the real documents): a test of determinism or of a changed model must
 * call `renderWith` instead. A render that throws (a fixture refused on purpose) is not kept.
 */
export function sharedRender(
  format: Format,
  model: ReportModel,
  options: SharedRenderOptions,
): Promise<RenderResult> {
  // The path as given (artifacts and messages name it) and the source text are the key: a model
  // loaded from a text given in place of its file is not the file's.
  const key = createHash("sha256")
    .update(JSON.stringify([model.path, format.id, options, String(model.file.value ?? "")]))
    .digest("hex");
  let result = sharedInWorker.get(key);
  if (!result) {
    result = renderShared(key, format, model, options);
    sharedInWorker.set(key, result);
    // Only while it renders: once built, it is read from the run's folder (memory stays small).
    const done = () => sharedInWorker.delete(key);
    result.then(done, done);
  }
  return result;
}

async function renderShared(
  key: string,
  format: Format,
  model: ReportModel,
  options: SharedRenderOptions,
): Promise<RenderResult> {
  const dir = inject("sharedBuilds");
  const path = dir ? join(dir, `${key}.json`) : undefined;
  if (path) {
    const built = await builtElsewhere(path);
    if (built) return restore(built);
  }
  let result: RenderResult;
  try {
    result = await renderWith(format, model, options);
  } catch (error) {
    // Refused (on purpose, or not): every worker that asks renders it and sees the error itself.
    if (path) rmSync(`${path}.lock`, { force: true });
    throw error;
  }
  if (path) {
    const stored: StoredResult = {
      artifacts: result.artifacts.map((a) => ({
        suffix: a.suffix,
        bytes: Buffer.from(a.bytes).toString("base64"),
      })),
      messages: result.messages.map(
        ({ name, message, reason, fatal, line, column, ruleId, source, file }) => ({
          name,
          message,
          reason,
          fatal,
          line,
          column,
          ruleId,
          source,
          file,
        }),
      ),
    };
    // Written whole, then renamed: the other worker never reads half a file.
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(stored));
    renameSync(partial, path);
  }
  return result;
}

/**
 * The build another worker made, or is making (it holds the build's lock: wait for it, idle, rather
 * than render the same again); undefined when this worker is to build it. A lock older than two
 * minutes is taken for a worker that died.
 */
async function builtElsewhere(path: string): Promise<StoredResult | undefined> {
  const lock = `${path}.lock`;
  for (;;) {
    if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as StoredResult;
    try {
      closeSync(openSync(lock, "wx"));
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const locked = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - locked > 120_000) return undefined;
    await new Promise((done) => setTimeout(done, 100));
  }
}

function restore(stored: StoredResult): RenderResult {
  return {
    artifacts: stored.artifacts.map((a) => ({
      suffix: a.suffix,
      bytes: new Uint8Array(Buffer.from(a.bytes, "base64")),
    })),
    messages: stored.messages.map((m) => Object.assign(new VFileMessage(m.reason), m)),
  };
}

/** The bytes of a format's first artifact, built once per test run (`sharedRender`). */
export async function sharedBytes(
  format: Format,
  model: ReportModel,
  options: SharedRenderOptions,
): Promise<Uint8Array> {
  return ((await sharedRender(format, model, options)).artifacts[0] as Artifact).bytes;
}
