import {
  AlignmentType,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
} from "docx";
import type { AlignType, Table as MdTable, TableCell as MdTableCell, TableRow as MdTableRow } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import type { PackageParts } from "../../engine/docx/compile.ts";
import { breakableCell, type FaceBytes, type TablePage, tableLayout } from "../table-layout.ts";
import { withSourceAnchor } from "./anchors.ts";
import { effectiveIndent } from "./blocks.ts";
import { captionRuns } from "./captions.ts";
import { type DocxContext, type Piece, paragraph, renderInlines, withFrame, withMarks } from "./context.ts";
import { textRun } from "./inlines.ts";
import { styleIds } from "./style-ids.ts";
import { halfPoints, twips } from "./units.ts";
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
  const { state } = context;
  const indent = effectiveIndent(context);
  const faces: FaceBytes = (role, bold, italic) => state.faces.face(role, bold, italic).file.bytes;
  const layout = tableLayout(node, state.theme, tablePage(state, indent), faces);
  if (layout.fit === "impossible")
    return state.file.fail(
      `Table too wide for the Word page even on a landscape page in ${state.theme.table.minFontSize} pt type: its ${columns} columns need at least ${Math.round(layout.needed)} pt, the page has ${Math.round(layout.available)} pt (use fewer or shorter columns, or split the table)`,
      { place: node.position, ruleId: "table-width", source: "folio" },
    );
  // The shared layout's columns, so Word breaks lines where the PDF does and never inside a word.
  const columnWidths = Array.from({ length: columns }, (_, c) => twips(layout.widths[c] ?? 0));
  const width = columnWidths.reduce((a, b) => a + b, 0);
  const size = state.theme.sizes.body - 0.5; // the Table Text style's (styles.ts)
  const look = layout.fontSize === size ? {} : { look: { size: halfPoints(layout.fontSize) } };
  const cellContext = withMarks(
    withFrame(context, { style: styleIds.tableText, indent: 0, keepWithNext: false, after: undefined }),
    look,
  );
  const headContext = withMarks(withFrame(cellContext, { style: styleIds.tableHeading }), {
    styleBold: true,
  });
  const headers = (node.children[0]?.children ?? []).map((cell) => plainText(cell).trim()).filter(Boolean);
  const { tableCaptions, model } = state;
  const n = tableCaptions.length + 1;
  if (layout.fit === "landscape") state.landscapeTables.add(tableCaptions.length);
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
      const children = cell ? breakableCell(cell, r === 0, layout, c, faces).children : [];
      cells.push(
        new TableCell({
          width: { size: columnWidths[c] ?? 0, type: WidthType.DXA },
          children: [
            paragraph(renderInlines(children, rowContext), anchoredCell(cell, rowContext), alignment(align)),
          ],
        }),
      );
    }
    return new TableRow({ tableHeader: r === 0, cantSplit: true, children: cells });
  });
  const table = new Table({
    style: styleIds.table,
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths,
    // Fixed: Word and LibreOffice keep the grid's widths instead of fitting columns to their text.
    layout: TableLayoutType.FIXED,
    ...(indent > 0 ? { indent: { size: indent, type: WidthType.DXA } } : {}),
  });
  // The source's caption (the model's decision) above the table, in Word's Caption style.
  const decided = node.data?.tableCaption;
  const caption = decided
    ? [
        paragraph(captionRuns("tbl", decided, context), context, {
          style: styleIds.caption,
          keepNext: true,
        }),
      ]
    : [];
  // A landscape table ends its own section (writeTableSections): what follows starts a new page.
  if (layout.fit === "landscape") return [...caption, table];
  return [
    ...caption,
    table,
    // Word merges two tables that touch: an empty paragraph keeps the next block apart, as high
    // as the space the PDF leaves under a table.
    new Paragraph({
      style: styleIds.tableText,
      spacing: {
        after: 0,
        line: twips(state.theme.spacing.paragraphAfter + 4),
        lineRule: LineRuleType.EXACT,
      },
      children: [],
    }),
  ];
}

/** The text width for a table at this indent, upright and on a landscape page of the same paper, in points. */
function tablePage(state: DocxContext["state"], indent: number): TablePage {
  const { margins } = state.theme.page;
  const pageHeight = state.textHeight + margins.top + margins.bottom;
  const inset = indent / 20;
  return {
    width: state.textWidth - inset,
    landscapeWidth: pageHeight - margins.left - margins.right - inset,
  };
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

/**
 * Puts each landscape table (by index among the tables) in a section of its own: the paragraph
 * before it ends the upright section, and one after it ends the landscape one, each a copy of the
 * body's section properties (its headers and footers, page numbers running on), turned for the table.
 */
export function writeTableSections(parts: PackageParts, landscape: ReadonlySet<number>): PackageParts {
  const xml = parts.get("word/document.xml");
  if (typeof xml !== "string" || landscape.size === 0) return parts;
  const body = [...xml.matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].at(-1)?.[0];
  if (!body) return parts;
  const upright = body.replace(/<w:titlePg\/>/, "");
  const turned = upright.replace(
    /<w:pgSz w:w="(\d+)" w:h="(\d+)"[^>]*\/>/,
    (_all, w: string, h: string) => `<w:pgSz w:w="${h}" w:h="${w}" w:orient="landscape"/>`,
  );
  // A section break takes a line of its own: a hair's height, so it adds nothing visible.
  const breakWith = (sectPr: string) =>
    `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>${sectPr}</w:pPr></w:p>`;
  let index = 0;
  const filled = xml.replace(/<w:tbl>.*?<\/w:tbl>/gs, (table) =>
    landscape.has(index++) ? `${breakWith(upright)}${table}${breakWith(turned)}` : table,
  );
  return new Map([...parts, ["word/document.xml", filled]]);
}

/** A cell's paragraph carries the cell's source anchor (a cell is rendered here, not by its handler). */
function anchoredCell(cell: MdTableCell | undefined, context: DocxContext): DocxContext {
  return cell ? withSourceAnchor(cell, context) : context;
}
