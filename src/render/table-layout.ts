import type { Nodes, PhrasingContent, Table, TableCell } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import { KeptByKey } from "../assets/kept.ts";
import type { FontRole } from "../assets/types.ts";
import type { Theme } from "../theme/theme.ts";
import { type ParsedFace, parsedFace } from "./parsed-face.ts";

// How a data table is laid out in print, decided once for the PDF and the DOCX: both ask this
// module, with the same faces and page, so the Word brief's columns are the PDF's and Word never
// breaks a word the PDF keeps whole (docs/tables.md).

/** The bytes of a face (the sfnt file both print formats embed); undefined when there is none. */
export type FaceBytes = (role: FontRole, bold: boolean, italic: boolean) => Uint8Array | undefined;

/** The page a table is laid out for: its text width upright and turned, in points. */
export interface TablePage {
  width: number;
  /** The text width of a landscape page at the same indent; undefined where a table cannot turn. */
  landscapeWidth?: number;
}

/**
 * How a table fits: `fits` at the theme's size, `smaller` type (down to `table.minFontSize`),
 * `landscape` (on a page of its own turned sideways), or `impossible` even then.
 */
export type TableFit = "fits" | "smaller" | "landscape" | "impossible";

/** A table's layout in print. */
export interface TableLayout {
  fit: TableFit;
  /** Type size of every cell, in points. */
  fontSize: number;
  /** Each column's width in points, its cell padding included. */
  widths: number[];
  /** The least width the table needs at the floor size, in points (what an `impossible` table is told). */
  needed: number;
  /** The width it had (the landscape page's when it may turn). */
  available: number;
}

/** Left and right padding of a cell, in points: the PDF's (boxes.ts) and the DOCX's (100 twips, styles.ts). */
export const cellPadding = 5;
/** What measuring may be off by between fontkit, pdfkit and Word's or LibreOffice's own layout, per column. */
const slack = 1.5;
/** A run of letters and digits longer than this may break anywhere; a shorter one (a word, a number) never. */
export const longestWhole = 20;
/** Steps of the type size from the theme's down to its floor. */
const sizeStep = 0.5;

/** A text with one face: what a cell is measured as. */
interface Run {
  text: string;
  role: FontRole;
  bold: boolean;
  italic: boolean;
}

/** Where a reader expects a long URL or identifier to break: after these, unless between two digits (1,000.5). */
const breakAfter = /[/\-_.?&=#:;,@+~|\\]/;

/** A token cut after the characters a reader expects it to break at. */
export function softPieces(token: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < token.length - 1; i++) {
    const ch = token[i] as string;
    if (!breakAfter.test(ch)) continue;
    if (/\d/.test(token[i - 1] ?? "") && /\d/.test(token[i + 1] ?? "")) continue;
    if (breakAfter.test(token[i + 1] as string)) continue; // `//` or `--` stays together
    pieces.push(token.slice(start, i + 1));
    start = i + 1;
  }
  pieces.push(token.slice(start));
  return pieces;
}

/**
 * Where a long token may break where no width is known (the web page): after the characters a
 * reader expects, then every `longestWhole` characters of a piece still longer. A token no longer
 * than a word is kept whole.
 */
export function breakPieces(token: string): string[] {
  if ([...token].length <= longestWhole) return [token];
  return softPieces(token).flatMap((piece) =>
    [...piece].length > longestWhole ? chunksOf(piece, longestWhole) : [piece],
  );
}

/**
 * Widths in em of the texts measured in each face, for the life of the process (up to 4 million
 * characters a face): a watch rebuild or the build daemon lays a report's tables out again from new
 * table nodes, and a batch of reports shares its column headers, names and figures. fontkit shapes
 * each text (its substitutions and kerning) to measure it: measuring the cells again was some 15%
 * of a warm DOCX render of the 27 KB CRS report of 15-column tables (docs/performance.md).
 */
const widthsByFace = new WeakMap<ParsedFace, KeptByKey<number>>();

function keptWidths(face: ParsedFace): KeptByKey<number> {
  let widths = widthsByFace.get(face);
  if (!widths) {
    widths = new KeptByKey<number>(4_000_000, { weigh: (_, text) => text.length + 16, notInSnapshot: true });
    widthsByFace.set(face, widths);
  }
  return widths;
}

/** Measures texts in faces, in em, caching each face and width. */
class Measure {
  private readonly fonts = new Map<string, ParsedFace | null>();
  constructor(private readonly bytes: FaceBytes) {}

  /** Whether this measures in these faces. */
  measures(faces: FaceBytes): boolean {
    return this.bytes === faces;
  }

  /** The width of a text in a run's face, in em (half an em per character where there is no face). */
  em(text: string, run: Omit<Run, "text">): number {
    const face = this.faceOf(run);
    if (!face) return text.length * 0.5;
    return keptWidths(face).get(text, () => face.layout(text).advanceWidth / face.unitsPerEm);
  }

  /** A run's face, parsed once per measure; null where the theme has none. */
  private faceOf(run: Omit<Run, "text">): ParsedFace | null {
    const key = `${run.role}${run.bold ? "b" : ""}${run.italic ? "i" : ""}`;
    let face = this.fonts.get(key);
    if (face === undefined) {
      const bytes = this.bytes(run.role, run.bold, run.italic);
      face = bytes ? parsedFace(bytes) : null;
      this.fonts.set(key, face);
    }
    return face;
  }
}

/** A cell's text as runs of one face each: the header's in the heading face, bold. */
function cellRuns(cell: TableCell, header: boolean): Run[] {
  const runs: Run[] = [];
  const walk = (nodes: readonly Nodes[], face: Omit<Run, "text">) => {
    for (const node of nodes) {
      if (node.type === "text") runs.push({ text: node.value, ...face });
      else if (node.type === "inlineCode") runs.push({ text: node.value, ...face, role: "mono" });
      else if (node.type === "strong") walk(node.children, { ...face, bold: true });
      else if (node.type === "emphasis") walk(node.children, { ...face, italic: true });
      else if (node.type === "break") runs.push({ text: "\n", ...face });
      else if ("children" in node) walk(node.children as Nodes[], face);
      else runs.push({ text: plainText(node), ...face });
    }
  };
  walk(cell.children, { role: header ? "heading" : "body", bold: header, italic: false });
  return runs;
}

/** The widths a column needs, in em: its longest piece that may not break, and its longest line. */
interface ColumnNeeds {
  least: number;
  natural: number;
}

function columnNeeds(table: Table, column: number, measure: Measure): ColumnNeeds {
  let least = 0;
  let natural = 0;
  table.children.forEach((row, r) => {
    const cell = row.children[column];
    if (!cell) return;
    // A token may span runs (`**2024**-Q3`): its width is its parts' widths.
    let line = 0;
    let token: Array<[string, Run]> = [];
    const endToken = () => {
      least = Math.max(least, tokenLeast(token, measure));
      token = [];
    };
    for (const run of cellRuns(cell, r === 0)) {
      for (const part of run.text.split(/(\s+)/)) {
        if (!part) continue;
        if (/^\s+$/.test(part)) {
          endToken();
          if (part.includes("\n")) {
            natural = Math.max(natural, line);
            line = 0;
          } else line += measure.em(" ", run);
          continue;
        }
        token.push([part, run]);
        line += measure.em(part, run);
      }
    }
    endToken();
    natural = Math.max(natural, line);
  });
  return { least, natural: Math.max(least, natural) };
}

/** The widest piece of a token that must stay whole, in em. */
function tokenLeast(token: ReadonlyArray<[string, Run]>, measure: Measure): number {
  if (token.length === 0) return 0;
  const text = token.map(([t]) => t).join("");
  const face = token[0]?.[1] as Run;
  const pieces = softPieces(text);
  // Measured in the first run's face: a token rarely changes face, and then only in emphasis.
  const width = (s: string) =>
    token.length === 1 ? measure.em(s, face) : Math.max(...token.map(([, run]) => measure.em(s, run)));
  let least = 0;
  for (const piece of pieces) {
    // A piece longer than any word breaks anywhere: it needs the widest run of `longestWhole` characters.
    const chunks = piece.length > longestWhole ? chunksOf(piece, longestWhole) : [piece];
    for (const chunk of chunks) least = Math.max(least, width(chunk));
  }
  return least;
}

function chunksOf(text: string, size: number): string[] {
  const chars = [...text];
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(""));
  return chunks;
}

/** Column widths at a size for an available width: natural where all fit, else the spare shared by need. */
function columnWidths(needs: readonly ColumnNeeds[], size: number, available: number): number[] {
  const extra = cellPadding * 2 + slack;
  const least = needs.map((n) => n.least * size + extra);
  const natural = needs.map((n) => n.natural * size + extra);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= available) return natural;
  const spare = available - sum(least);
  const wanted = sum(natural) - sum(least);
  return least.map((w, i) => w + (wanted > 0 ? (spare * ((natural[i] as number) - w)) / wanted : 0));
}

const layouts = new WeakMap<Table, Map<string, TableLayout>>();

/**
 * The widths a table's layout measured, for its cells to break with (`breakableCell`): the same
 * tokens in the same faces, measured once per table rather than again for every cell.
 */
const measures = new WeakMap<TableLayout, Measure>();

/** The layout's measure when it measured in these faces, else a new one kept for the table's other cells. */
function measureFor(layout: TableLayout, faces: FaceBytes): Measure {
  let measure = measures.get(layout);
  if (!measure?.measures(faces)) {
    measure = new Measure(faces);
    measures.set(layout, measure);
  }
  return measure;
}

/**
 * How a table is laid out on a page: at the theme's type size if its unbreakable pieces fit, else at
 * a smaller size down to `table.minFontSize`, else on a landscape page (largest size that fits
 * there), else `impossible`. Long URLs and identifiers count as their pieces (see `softPieces`).
 */
export function tableLayout(table: Table, theme: Theme, page: TablePage, faces: FaceBytes): TableLayout {
  const key = `${page.width}/${page.landscapeWidth}/${theme.table.fontSize}/${theme.table.minFontSize}`;
  let known = layouts.get(table);
  const cached = known?.get(key);
  if (cached) return cached;
  const measure = new Measure(faces);
  const columns = Math.max(0, ...table.children.map((row) => row.children.length));
  const needs = Array.from({ length: columns }, (_, c) => columnNeeds(table, c, measure));
  const leastAt = (size: number) =>
    needs.reduce((total, n) => total + n.least * size + cellPadding * 2 + slack, 0);
  const { fontSize, minFontSize } = theme.table;
  const sizes: number[] = [];
  for (let s = fontSize; s >= minFontSize - 1e-9; s -= sizeStep) sizes.push(Math.round(s * 100) / 100);
  if (sizes[sizes.length - 1] !== minFontSize) sizes.push(minFontSize);
  const fitOn = (available: number) => sizes.find((s) => leastAt(s) <= available);
  let layout: TableLayout;
  const upright = fitOn(page.width);
  const turned = page.landscapeWidth === undefined ? undefined : fitOn(page.landscapeWidth);
  const needed = leastAt(minFontSize);
  if (upright !== undefined) {
    layout = {
      fit: upright === fontSize ? "fits" : "smaller",
      fontSize: upright,
      widths: columnWidths(needs, upright, page.width),
      needed,
      available: page.width,
    };
  } else if (turned !== undefined && page.landscapeWidth !== undefined) {
    layout = {
      fit: "landscape",
      fontSize: turned,
      widths: columnWidths(needs, turned, page.landscapeWidth),
      needed,
      available: page.landscapeWidth,
    };
  } else {
    const available = page.landscapeWidth ?? page.width;
    layout = {
      fit: "impossible",
      fontSize: minFontSize,
      widths: columnWidths(needs, minFontSize, available),
      needed,
      available,
    };
  }
  if (!known) {
    known = new Map();
    layouts.set(table, known);
  }
  known.set(key, layout);
  measures.set(layout, measure);
  return layout;
}

/**
 * A cell whose every token wider than its column is cut into lines by hard line breaks (`break`
 * nodes): after the characters a reader expects (`softPieces`), filling each line as far as it goes,
 * and inside a piece still too wide, where the column ends. The same cell for the PDF and the DOCX,
 * so both break a long string at the same places, and no other word breaks at all. A break, not a
 * zero-width space: pdfkit writes that as a space into the text a reader copies. The source tree is
 * left as it is.
 */
export function breakableCell(
  cell: TableCell,
  header: boolean,
  layout: TableLayout,
  column: number,
  faces: FaceBytes,
): TableCell {
  // Made once per cell and layout: the PDF and the DOCX of one build break the same cells (a report
  // of 247 table rows broke its cells twice, some 8 ms of each watch rebuild).
  let byLayout = broken.get(cell);
  if (!byLayout) {
    byLayout = new WeakMap();
    broken.set(cell, byLayout);
  }
  let byColumn = byLayout.get(layout);
  if (!byColumn) {
    byColumn = new Map();
    byLayout.set(layout, byColumn);
  }
  const key = `${column}${header ? "h" : ""}`;
  let made = byColumn.get(key);
  if (!made) {
    made = breakCell(cell, header, layout, column, faces);
    byColumn.set(key, made);
  }
  return made;
}

const broken = new WeakMap<TableCell, WeakMap<TableLayout, Map<string, TableCell>>>();

function breakCell(
  cell: TableCell,
  header: boolean,
  layout: TableLayout,
  column: number,
  faces: FaceBytes,
): TableCell {
  // The column was made as wide as its widest whole piece: a hair's tolerance keeps rounding from cutting it.
  const room = ((layout.widths[column] ?? 0) - cellPadding * 2 - slack) / layout.fontSize + 1e-6;
  const measure = measureFor(layout, faces);
  /** A text's lines: each token wider than the room cut into lines of pieces. */
  const lines = (text: string, face: Omit<Run, "text">): string[] => {
    const out = [""];
    for (const token of text.split(/(\s+)/)) {
      if (measure.em(token, face) <= room) {
        out[out.length - 1] += token;
        continue;
      }
      const pieces = softPieces(token).flatMap((piece) =>
        measure.em(piece, face) <= room ? [piece] : fitChunks(piece, face),
      );
      // The token starts where the text stands; its later pieces fill lines of their own.
      let line = "";
      pieces.forEach((piece, i) => {
        if (i > 0 && measure.em(line + piece, face) > room) {
          out[out.length - 1] += line;
          out.push("");
          line = "";
        }
        line += piece;
      });
      out[out.length - 1] += line;
    }
    return out;
  };
  const fitChunks = (piece: string, face: Omit<Run, "text">) => {
    const chunks: string[] = [];
    let chunk = "";
    for (const ch of piece) {
      if (chunk && measure.em(chunk + ch, face) > room) {
        chunks.push(chunk);
        chunk = "";
      }
      chunk += ch;
    }
    chunks.push(chunk);
    return chunks;
  };
  const withBreaks = <T extends Nodes>(parts: string[], make: (value: string) => T): Nodes[] =>
    parts.flatMap((value, i) => (i === 0 ? [make(value)] : [{ type: "break" } as Nodes, make(value)]));
  const walk = (node: Nodes, face: Omit<Run, "text">): Nodes[] => {
    if (node.type === "text") return withBreaks(lines(node.value, face), (value) => ({ ...node, value }));
    if (node.type === "inlineCode")
      return withBreaks(lines(node.value, { ...face, role: "mono" }), (value) => ({ ...node, value }));
    if (!("children" in node)) return [node];
    const inner =
      node.type === "strong"
        ? { ...face, bold: true }
        : node.type === "emphasis"
          ? { ...face, italic: true }
          : face;
    // A link's text breaks too; its address stays as written.
    return [{ ...node, children: (node.children as Nodes[]).flatMap((c) => walk(c, inner)) } as Nodes];
  };
  const face = { role: header ? "heading" : "body", bold: header, italic: false } as const;
  return { ...cell, children: cell.children.flatMap((c) => walk(c, face)) as PhrasingContent[] };
}
