import { AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableRow, WidthType } from "docx";
import type { AlignType, Table as MdTable, TableCell as MdTableCell, TableRow as MdTableRow } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import type { PackageParts } from "../../engine/docx/compile.ts";
import { effectiveIndent } from "./blocks.ts";
import { type DocxContext, type Piece, paragraph, renderInlines, withFrame, withMarks } from "./context.ts";
import { textRun } from "./inlines.ts";
import { styleIds } from "./style-ids.ts";
import { twips } from "./units.ts";
import { escapeXml } from "./xml.ts";

const alignments = {
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
} as const;

/**
 * A Word table in the "Table Grid" style whose first row is its header, in "Table Heading" and
 * repeated on every page (`tableHeader`), each column aligned as the Markdown delimiter row says.
 * Short rows are padded so the grid is regular. Its title for assistive technology (`w:tblCaption`,
 * Word's table alt text) names it by number and header cells (the `tableTitle` label);
 * `writeTableCaptions` writes it.
 */
export function table(node: MdTable, context: DocxContext): Piece[] {
  if (context.frame.inFootnote) return tableAsParagraphs(node, context);
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  const indent = effectiveIndent(context);
  const width = twips(context.state.textWidth) - indent;
  const columnWidth = Math.floor(width / columns);
  const cellContext = withFrame(context, {
    style: styleIds.tableText,
    indent: 0,
    keepWithNext: false,
    after: undefined,
  });
  const headContext = withMarks(withFrame(cellContext, { style: styleIds.tableHeading }), {
    styleBold: true,
  });
  const headers = (node.children[0]?.children ?? []).map((cell) => plainText(cell).trim()).filter(Boolean);
  const { tableCaptions, model } = context.state;
  const n = tableCaptions.length + 1;
  tableCaptions.push(
    headers.length
      ? model.labels.text("tableTitle", { n, headers: headers.join(", ") })
      : model.labels.text("tableTitleBare", { n }),
  );
  const rows = node.children.map((row, r) => {
    const rowContext = r === 0 ? headContext : cellContext;
    const cells: TableCell[] = [];
    for (let c = 0; c < columns; c++) {
      const cell = row.children[c];
      const align = node.align?.[c];
      cells.push(
        new TableCell({
          width: { size: columnWidth, type: WidthType.DXA },
          children: [
            paragraph(cell ? renderInlines(cell.children, rowContext) : [], rowContext, alignment(align)),
          ],
        }),
      );
    }
    return new TableRow({ tableHeader: r === 0, cantSplit: true, children: cells });
  });
  return [
    new Table({
      style: styleIds.table,
      rows,
      width: { size: width, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => columnWidth),
      ...(indent > 0 ? { indent: { size: indent, type: WidthType.DXA } } : {}),
    }),
    // Word merges two tables that touch: an empty paragraph keeps the next block apart, as high
    // as the space the PDF leaves under a table.
    new Paragraph({
      style: styleIds.tableText,
      spacing: {
        after: 0,
        line: twips(context.state.theme.spacing.paragraphAfter + 4),
        lineRule: LineRuleType.EXACT,
      },
      children: [],
    }),
  ];
}

function alignment(align: AlignType | undefined): {
  alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
} {
  return align ? { alignment: alignments[align] } : {};
}

/** Footnotes hold paragraphs only (docx's footnote model): a table there becomes one line per row. */
function tableAsParagraphs(node: MdTable, context: DocxContext): Piece[] {
  return node.children.map((row) => paragraph(rowRuns(row, context), context));
}

function rowRuns(row: MdTableRow, context: DocxContext) {
  return row.children.flatMap((cell, i) => [
    ...(i > 0 ? [textRun(" | ", context)] : []),
    ...renderInlines(cell.children, context),
  ]);
}

/** A row outside a table (never produced by the parser): its cells' text on one line. */
export const tableRow = (node: MdTableRow, context: DocxContext): Piece[] => rowRuns(node, context);

/** A cell outside a table (never produced by the parser): its text. */
export const tableCell = (node: MdTableCell, context: DocxContext): Piece[] =>
  renderInlines(node.children, context);

/** Writes each table's title (`w:tblCaption`, the last of its table properties) into the compiled body, in order. */
export function writeTableCaptions(parts: PackageParts, captions: readonly string[]): PackageParts {
  const xml = parts.get("word/document.xml");
  if (typeof xml !== "string" || captions.length === 0) return parts;
  let index = 0;
  const filled = xml.replace(/(<w:tbl><w:tblPr>.*?)(<\/w:tblPr>)/gs, (all, head: string, end: string) => {
    const caption = captions[index++];
    return caption === undefined ? all : `${head}<w:tblCaption w:val="${escapeXml(caption)}"/>${end}`;
  });
  return new Map([...parts, ["word/document.xml", filled]]);
}
