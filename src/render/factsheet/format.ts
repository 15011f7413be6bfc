import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { Assets } from "../../assets/types.ts";
import type { LaidOutPdf, PdfPrinter } from "../../engine/pdfmake/printer.ts";
import { reportCharacters } from "../../model/characters.ts";
import { frontMatterPlace } from "../../model/frontmatter.ts";
import type { ReportModel } from "../../model/types.ts";
import { type Format, messageFile, type RenderOptions, type RenderResult } from "../format.ts";
import { summaryForms } from "./fallback.ts";
import { type ColumnMeasure, fillPage } from "./fill.ts";
import { fitByPriority } from "./fit.ts";
import { sheetPrinter } from "./fonts.ts";
import { renderFactSheetHtml } from "./html.ts";
import { factSheetLayout } from "./layout.ts";
import { columnMarkPrefix, factSheetDefinition } from "./pdf.ts";
import { buildFactSheet, type FactSheet, omitBlocks, sheetBlocks } from "./sheet.ts";

/** Lays out a definition with column marks (pdf.ts) and reads where the columns start and end. */
async function measureColumns(printer: PdfPrinter, definition: TDocumentDefinitions): Promise<ColumnMeasure> {
  const marks = new Map<string, number>();
  const pages = await printer.measure({
    ...definition,
    pageBreakBefore: (node) => {
      const id = (node as { id?: unknown }).id;
      if (typeof id === "string" && id.startsWith(columnMarkPrefix))
        marks.set(id.slice(columnMarkPrefix.length), node.startPosition.top);
      return false;
    },
  });
  const at = (name: string) => marks.get(name) ?? Number.POSITIVE_INFINITY;
  return { fits: pages === 1, top: at("left-start"), left: at("left-end"), right: at("right-end") };
}

/**
 * Renders the one-page fact sheet as PDF and HTML. The PDF is laid out first; while it runs onto
 * a second page the least important blocks are left out (with a warning), and the HTML shows the
 * same blocks in the same page geometry (one layout, `factSheetLayout`).
 */
async function renderFactSheet(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
): Promise<RenderResult> {
  // A book has no fact sheet of its own: its chapters have theirs, built with them.
  if (model.book) return { artifacts: [], messages: [] };
  const file = messageFile(model);
  const layout = factSheetLayout(assets.theme, options.paper);
  const full = await buildFactSheet(model, assets, layout, file);
  const info = {
    author: model.credits.names || undefined,
    subject: model.description,
    creator: "Folio",
    creationDate: options.date,
  };
  const printer = sheetPrinter(assets);
  // Tries are only measured (laid out, not drawn); the sheet kept is rendered once, at the end.
  const blocks = sheetBlocks(full);
  const { omitted, fitted } = await fitByPriority(
    blocks,
    async (omit) =>
      (await printer.measure(
        factSheetDefinition(await omitBlocks(full, omit, assets), assets.theme, info),
      )) === 1,
  );
  let pdf: Uint8Array;
  let sheet: FactSheet;
  if (fitted) {
    if (omitted.length > 0) {
      file.message(
        `Fact sheet: left out ${omitted.map((b) => b.label).join("; ")} to fit one page (lowest priority first)`,
        {
          place: omitted[0]?.line ? { line: omitted[0].line, column: 1 } : undefined,
          ruleId: "factsheet-overflow",
          source: "folio",
        },
      );
    }
    sheet = await omitBlocks(full, new Set(omitted.map((b) => b.key)), assets);
    // A page with room: the summary and findings grow (type, sentences, findings) until it is full.
    if (omitted.length === 0)
      sheet = await fillPage(sheet, (s) =>
        measureColumns(printer, factSheetDefinition(s, assets.theme, info, true)),
      );
    pdf = await printer.render(factSheetDefinition(sheet, assets.theme, info));
  } else {
    // Even the essential blocks overflow: the sheet becomes a shorter summary, never a failure.
    const forms = summaryForms(full, model);
    let laidOut: LaidOutPdf | undefined;
    // The shortest form last: the one laid out when none fits.
    sheet = forms.at(-1) as FactSheet;
    for (sheet of forms) {
      laidOut = await printer.layOut(factSheetDefinition(sheet, assets.theme, info));
      if (laidOut.pages === 1) break;
    }
    pdf = await (laidOut as LaidOutPdf).bytes();
    file.message(
      laidOut?.pages === 1
        ? "The fact sheet does not fit one page even with every optional block left out: it shows a shorter summary of the report instead"
        : `The fact sheet does not fit one page even in its shortest form: it runs over ${laidOut?.pages} pages`,
      { place: frontMatterPlace(model.meta, ["title"]), ruleId: "factsheet-overflow", source: "folio" },
    );
  }
  const html = renderFactSheetHtml(sheet, assets, {
    description: model.description,
    author: info.author,
    characters: reportCharacters(model),
  });
  return {
    artifacts: [
      { suffix: ".factsheet.pdf", bytes: pdf },
      { suffix: ".factsheet.html", bytes: new TextEncoder().encode(html) },
    ],
    messages: file.messages,
  };
}

/** The one-page fact sheet: key figures with provenance, a locator map, an incident chart, a timeline. */
export const factsheetFormat: Format = {
  id: "factsheet",
  suffixes: [".factsheet.pdf", ".factsheet.html"],
  render: renderFactSheet,
};
