import type { ReportModel } from "../../model/types.ts";
import type { Format, RenderOptions } from "../format.ts";
import { pdfDocument } from "./document.ts";
import { themePrinter } from "./fonts.ts";
import { addOutline } from "./outline.ts";

/** Renders a report as a print-ready PDF (pure: model + options in, bytes out). */
export async function renderPdf(model: ReportModel, options: RenderOptions = {}): Promise<Uint8Array> {
  const plan = pdfDocument(model, options);
  const printer = themePrinter(model.theme);
  return printer.render(plan.definition, plan.resources, (doc) =>
    addOutline(doc, model.outline, plan.placedIds),
  );
}

/** The PDF edition: `out/NAME.pdf`. */
export const pdfFormat: Format = {
  id: "pdf",
  suffixes: [".pdf"],
  async render(model, options) {
    return [{ suffix: ".pdf", bytes: await renderPdf(model, options) }];
  },
};
