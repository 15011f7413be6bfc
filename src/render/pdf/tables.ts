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
      layout: dataTableLayout(ctx.theme),
      margin: [0, 2, 0, ctx.theme.spacing.paragraphAfter + 4],
    },
  ];
}
