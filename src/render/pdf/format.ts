import type { Assets } from "../../assets/types.ts";
import type { ReportModel } from "../../model/types.ts";
import { type Format, messageFile, type RenderOptions, type RenderResult } from "../format.ts";
import { pdfDocument } from "./document.ts";
import { pdfFonts } from "./fonts.ts";
import { addOutline } from "./outline.ts";

/** Renders a report as a print-ready PDF (pure: model, assets and options in, bytes and messages out). */
export async function renderPdf(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
): Promise<RenderResult> {
  const file = messageFile(model);
  const plan = pdfDocument(model, assets, options, file);
  const bytes = await pdfFonts(assets.fonts)
    .printer()
    .render(plan.definition, plan.resources, (doc) => addOutline(doc, model.outline, plan.placedIds));
  return { artifacts: [{ suffix: ".pdf", bytes }], messages: file.messages };
}

/** The PDF edition: `out/NAME.pdf`. */
export const pdfFormat: Format = {
  id: "pdf",
  suffixes: [".pdf"],
  render: renderPdf,
};
