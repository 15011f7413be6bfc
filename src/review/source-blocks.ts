import type { Nodes } from "mdast";
import { parseMarkdown } from "../model/parse.ts";
import type { SourcePlace } from "../model/source-place.ts";
import { visit } from "../model/visit.ts";

/** A block of the source a DOCX anchor points at: its Markdown, and where a new paragraph after it goes. */
export interface SourceBlock {
  type: string;
  start: number;
  end: number;
  /** Where a paragraph added after this block goes (after the whole table, for a cell). */
  after: number;
}

/** The source's text, its anchored blocks by start offset, and line/offset arithmetic. */
export class SourceIndex {
  readonly text: string;
  private readonly lineStarts: number[] = [0];
  private readonly blocks = new Map<number, SourceBlock>();

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
    const tree = parseMarkdown(text);
    visit(tree, (node: Nodes) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || !anchored.has(node.type)) return;
      if (!this.blocks.has(start)) this.blocks.set(start, { type: node.type, start, end, after: end });
    });
    // A paragraph added after a table cell goes after the table: a cell holds one line.
    visit(tree, "table", (table) => {
      const after = table.position?.end.offset;
      if (after === undefined) return;
      for (const row of table.children)
        for (const cell of row.children) {
          const block = this.blocks.get(cell.position?.start.offset ?? -1);
          if (block) block.after = after;
        }
    });
  }

  /** The offset of a line and column, or undefined past the source's end. */
  offsetOf(place: SourcePlace): number | undefined {
    const lineStart = this.lineStarts[place.line - 1];
    if (lineStart === undefined) return undefined;
    const offset = lineStart + place.column - 1;
    return offset <= this.text.length ? offset : undefined;
  }

  /** The line and column of an offset. */
  placeOf(offset: number): SourcePlace {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] as number) + 1 };
  }

  /**
   * The block an anchor names: a paragraph, heading, code block or table cell starting there, or
   * else the rest of that line (a front matter field, such as `title:`).
   */
  blockAt(offset: number): SourceBlock {
    const block = this.blocks.get(offset);
    if (block) return block;
    const lineEnd = this.text.indexOf("\n", offset);
    const end = lineEnd < 0 ? this.text.length : lineEnd;
    return { type: "field", start: offset, end, after: end };
  }
}

const anchored = new Set(["paragraph", "heading", "code", "tableCell"]);
