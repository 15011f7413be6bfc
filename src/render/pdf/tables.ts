import type { AlignType, Table } from "mdast";
import { captionLabel } from "../../model/apparatus/cross-references.ts";
import { breakableCell, type TableLayout, tableLayout } from "../table-layout.ts";
import { dataTableLayout } from "./boxes.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";
import { captionListIds } from "./figures.ts";
import { inlinesToPdf, textRuns } from "./inline.ts";

/**
 * A GFM table: the header row repeats on every page the table reaches, columns keep the source's
 * alignment, and rows are padded or cut to the header's width as GFM renders them. Its column
 * widths, type size and page orientation are the shared table layout's (src/render/table-layout.ts):
 * a table too wide for the page even in smaller type goes on a landscape page of its own.
 */
export function tableToPdf(node: Table, ctx: PdfContext): PdfBlock[] {
  const columns = node.children[0]?.children.length ?? 0;
  if (columns === 0) return [];
  const faces = ctx.fonts.faceBytes;
  const layout = tableLayout(
    node,
    ctx.theme,
    { width: ctx.width, landscapeWidth: landscapeWidth(ctx) },
    faces,
  );
  if (layout.fit === "impossible") {
    reportImpossible(node, ctx, layout, columns);
    return [];
  }
  const align = (i: number): AlignType => node.align?.[i] ?? null;
  const body = node.children.map((row, r) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = row.children[c];
      const inner = nested(ctx, {
        width: layout.widths[c] ?? ctx.width,
        tight: true,
        role: r === 0 ? "heading" : "body",
      });
      return {
        text: cell ? inlinesToPdf(breakableCell(cell, r === 0, layout, c, faces).children, inner) : "",
        style: r === 0 ? "tableHeader" : "tableCell",
        fontSize: layout.fontSize,
        alignment: align(c) ?? "left",
      };
    }),
  );
  const table: PdfBlock = {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      // pdfmake adds each cell's padding to a number width: these are the widths inside it.
      widths: layout.widths.map((w) => w - 10),
      body,
    },
    tag: { type: "Table" },
    layout: dataTableLayout(ctx.theme),
    margin: [0, 2, 0, ctx.theme.spacing.paragraphAfter + 4],
  };
  const captioned = withCaption(node, table, ctx);
  if (layout.fit !== "landscape") return [captioned];
  // A page of its own turned sideways, then upright again for what follows.
  return [
    {
      stack: [{ ...captioned, pageBreak: "before", pageOrientation: "landscape" }],
      pageBreak: "after",
      pageOrientation: "portrait",
    },
  ];
}

/**
 * The text width of a landscape page at this block's indent (a list's, a quotation's): the page's
 * height less its side margins and the indent. Undefined on a page that is none of the theme's papers.
 */
function landscapeWidth(ctx: PdfContext): number | undefined {
  const { page } = ctx.theme;
  const { margins } = page;
  const height = ctx.height + margins.top + margins.bottom;
  const paper = [page.letter, page.a4].find((p) => Math.abs(p.height - height) < 0.5);
  if (!paper) return undefined;
  const indent = paper.width - margins.left - margins.right - ctx.width;
  return paper.height - margins.left - margins.right - indent;
}

/** A table that cannot fit even on a landscape page in the smallest type fails the PDF at its line. */
function reportImpossible(node: Table, ctx: PdfContext, layout: TableLayout, columns: number): void {
  ctx.file.fail(
    `Table too wide for the PDF page even on a landscape page in ${ctx.theme.table.minFontSize} pt type: its ${columns} columns need at least ${Math.round(layout.needed)} pt, the page has ${Math.round(layout.available)} pt (use fewer or shorter columns, or split the table)`,
    { place: node.position, ruleId: "table-width", source: "folio" },
  );
}

/**
 * A table with the source's caption (the model's decision) above it, "Table 2: …" when labelled:
 * one Table element holding the Caption and the rows (the tagger fills the stack's Table with the
 * table's rows), a destination for cross-references, listed where `::list-of-tables` stands.
 */
function withCaption(node: Table, table: PdfBlock, ctx: PdfContext): PdfBlock {
  const decided = node.data?.tableCaption;
  if (!decided) return table;
  const number = decided.number;
  const label =
    number === undefined ? [] : textRuns(`${captionLabel("tbl", number, ctx.labels)} `, ctx, node);
  const id = decided.id ? ctx.idPrefix + decided.id : undefined;
  if (id) ctx.collected.placedIds.add(id);
  // pdfmake makes a named destination only of a text's line: the caption's, above the table.
  return {
    stack: [
      {
        text: [...label, ...inlinesToPdf(decided.children, ctx)],
        ...(id ? { id } : {}),
        style: "caption",
        tag: { type: "Caption" },
        margin: [0, 4, 0, 4],
        ...(number !== undefined ? { tocItem: [captionListIds.tbl] } : {}),
        // The caption never ends a page without the table's first rows under it.
        headlineLevel: 6,
      },
      table,
    ],
    tag: { type: "Table" },
  };
}
