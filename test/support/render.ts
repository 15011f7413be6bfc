// Tests render the way the pipeline does, with Folio's assets loaded once per test file: these
// wrappers keep the tests short (a report path in; bytes or text out) and pure renderers pure.
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
 * Loads a report with Folio's assets, and its facts (`reportFacts`, which a build runs only for
 * the fact sheet): throws the first error of either, as a build of every format fails on it.
 */
export function loadReport(path: string, options?: LoadOptions): ReportModel {
  const model = loadWithAssets(path, testAssets(), options);
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
