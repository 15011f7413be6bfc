import type { AlignType, Table } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import { dataTableLayout } from "./boxes.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";
import { inlinesToPdf } from "./inline.ts";

/** Columns whose longest cell is at most this many characters keep their natural width. */
const shortColumn = 24;

/**
 * A GFM table: the header row repeats on every page the table reaches, columns keep the source's
 * alignment, and rows are padded or cut to the header's width as GFM renders them.
 */
export function tableToPdf(node: Table, ctx: PdfContext): PdfBlock[] {
  const columns = node.children[0]?.children.length ?? 0;
  if (columns === 0) return [];
  const align = (i: number): AlignType => node.align?.[i] ?? null;
  const lengths = new Array<number>(columns).fill(0);
  const inner = nested(ctx, { width: ctx.width / columns, tight: true });
  const body = node.children.map((row, r) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = row.children[c];
      lengths[c] = Math.max(lengths[c] ?? 0, cell ? plainText(cell).length : 0);
      return {
        text: cell ? inlinesToPdf(cell.children, nested(inner, { role: r === 0 ? "heading" : "body" })) : "",
        style: r === 0 ? "tableHeader" : "tableCell",
        alignment: align(c) ?? "left",
      };
    }),
  );
  checkFits(node, ctx);
  const widths = lengths.every((n) => n <= shortColumn)
    ? lengths.map(() => "auto")
    : lengths.map((n) => (n <= shortColumn ? "auto" : "*"));
  return [
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        dontBreakRows: lengths.every((n) => n < 400),
        widths,
        body,
      },
      tag: { type: "Table" },
      layout: dataTableLayout(ctx.theme),
      margin: [0, 2, 0, ctx.theme.spacing.paragraphAfter + 4],
    },
  ];
}

/**
 * pdfmake never breaks a word, so a table whose columns' longest words add up past the text width
 * runs off the page and its last columns are lost. Such a table fails the build at its line rather
 * than printing half of it (the estimate takes half an em per character plus the cell padding).
 */
function checkFits(node: Table, ctx: PdfContext): void {
  const em = ctx.theme.sizes.body - 0.5;
  const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((w) => w.length));
  const columns = node.children[0]?.children.length ?? 0;
  let needed = 0;
  for (let c = 0; c < columns; c++) {
    const longest = Math.max(
      ...node.children.map((row) => longestWord(row.children[c] ? plainText(row.children[c]) : "")),
    );
    needed += longest * em * 0.5 + 10;
  }
  if (needed > ctx.width)
    ctx.file.fail(
      `Table too wide for the PDF page: its ${columns} columns need about ${Math.round(needed)} pt, the page has ${Math.round(ctx.width)} pt (use fewer or shorter columns, or split the table)`,
      { place: node.position, ruleId: "table-width", source: "folio" },
    );
}
