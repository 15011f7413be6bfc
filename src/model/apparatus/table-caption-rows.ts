import type { Paragraph, PhrasingContent, Table, TableRow } from "mdast";
import type { VFile } from "vfile";

// pandoc reads `Table: Caption` (or `: Caption`) on the line right under a table as its caption;
// GFM, which Folio parses, has no captions and continues the table with any line that is not
// blank, so the caption becomes the table's last row. Such a row is taken back out of the table
// here, as the caption paragraph pandoc would see, before captions are read.

/** A line that starts a caption (`Table: …`, `: …`), not a row (a row written with a leading `|`). */
const captionLine = /^[ \t]*(?:Table)?:[ \t]+/u;

/** The cells' contents of a row, as one line of text: cells joined by the `|` GFM split them at. */
function rowContents(row: TableRow): PhrasingContent[] {
  const cells = row.children.filter((cell) => cell.children.length > 0);
  return cells.flatMap((cell, i) => [
    ...(i > 0 ? [{ type: "text", value: " | " } as PhrasingContent] : []),
    ...cell.children,
  ]);
}

/**
 * The caption GFM took as the table's last rows, removed from the table, as a paragraph; or
 * undefined. A caption line followed by rows written with `|` is left in place with a warning:
 * a caption goes above or under its table, not between its rows.
 */
export function takeCaptionRows(table: Table, file: VFile): Paragraph | undefined {
  const lines = String(file.value ?? "").split("\n");
  const lineOf = (row: TableRow) => lines[(row.position?.start.line ?? 0) - 1] ?? "";
  // The header row is never one: the delimiter row follows it.
  const at = table.children.findIndex((row, i) => i > 0 && captionLine.test(lineOf(row)));
  if (at < 0) return undefined;
  const rest = table.children.slice(at);
  const rowAfter = rest.slice(1).find((row) => lineOf(row).trimStart().startsWith("|"));
  if (rowAfter) {
    file.message(
      "This row reads as a table caption (`Table: …` or `: …`), but rows follow it: it is printed as a row; put the caption under the table's last row or above the table",
      { place: rest[0]?.position, ruleId: "table-caption", source: "folio" },
    );
    return undefined;
  }
  // Lines under the caption line continue it (pandoc's caption is a paragraph).
  const children = rest.flatMap((row, i) => [
    ...(i > 0 ? [{ type: "text", value: " " } as PhrasingContent] : []),
    ...rowContents(row),
  ]);
  table.children = table.children.slice(0, at);
  const last = table.children.at(-1);
  if (table.position && last?.position) table.position = { ...table.position, end: last.position.end };
  const start = rest[0]?.position?.start;
  const end = rest.at(-1)?.position?.end;
  return { type: "paragraph", children, ...(start && end ? { position: { start, end } } : {}) };
}
