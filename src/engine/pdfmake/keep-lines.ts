import { createRequire } from "node:module";

// pdfmake (0.3.11) sets a paragraph's lines one by one (`LayoutBuilder.processLeaf`) and turns the
// page when the next line does not fit: a paragraph may leave its first line alone at the foot of
// a page (an orphan) or its last line alone at the head of the next (a widow), and pdfmake has no
// setting against either. A `pageBreakBefore` callback can only move a whole node, so a long
// paragraph with a widow would leave a gap of many lines. This adaptation keeps pdfmake's
// `processLeaf` and gives it, for a text node that carries `orphans` and `widows` (Folio's
// paragraphs), its lines from a queue built before the first is set: knowing every line's height
// and the room left, it turns the page itself before the line where the break must fall so that at
// least `orphans` lines stay at the foot and `widows` lines go over (a paragraph too short to give
// both goes over whole), as CSS's `orphans` and `widows` do. It is part of the layout itself, so
// pdfmake's loop and the windowed layout see the same pages (test/pdf-pagination-windows.test.ts).
// A node without the two fields is laid out by pdfmake's code alone, byte for byte.

/** The lines a paragraph keeps together at a page break (CSS's `orphans` and `widows`). */
export interface KeepLines {
  orphans: number;
  widows: number;
}

declare module "pdfmake/interfaces.js" {
  /** A text node may carry both (Folio's paragraphs do): see above. */
  interface ContentBase extends Partial<KeepLines> {}
}

interface Line {
  getHeight(): number;
}
interface Context {
  y: number;
  availableHeight: number;
  pageMargins: { top: number };
  inSnakingColumns(): boolean;
}
interface TextNode extends Partial<KeepLines> {
  maxHeight?: number;
  pageOrientation?: string;
}
interface Builder {
  writer: { transactionLevel: number; context(): Context; moveToNextPage(orientation?: string): void };
  buildNextLine(node: TextNode): Line | null;
  processLeaf(node: TextNode): void;
}

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.keepLines");

/** Whether a node asks for line control and the place it is set in allows it. */
function controlled(builder: Builder, node: TextNode): node is TextNode & KeepLines {
  if (typeof node.orphans !== "number" || typeof node.widows !== "number" || node.maxHeight) return false;
  const ctx = builder.writer.context();
  // An unbreakable block is set on a page of its own and moved whole; snaking columns reflow lines.
  return builder.writer.transactionLevel === 0 && !ctx.inSnakingColumns();
}

/**
 * How many of `heights` (from the first) go on the current page, given `room`: pdfmake's own test
 * (a line fits when its height is not more than the room left), in its own arithmetic.
 */
function fitting(heights: readonly number[], room: number): number {
  let left = room;
  let n = 0;
  for (const h of heights) {
    if (h > left) break;
    left -= h;
    n++;
  }
  return n;
}

/**
 * The number of lines of what remains of a paragraph to set on this page before turning it
 * (`fit` lines would fit, `remaining` are left), or `remaining` when no break falls here.
 */
export function linesBeforeBreak(
  fit: number,
  remaining: number,
  rule: KeepLines,
  paragraphStart: boolean,
  canMoveWhole: boolean,
): number {
  if (fit >= remaining) return remaining;
  let keep = fit;
  if (remaining - keep < rule.widows) keep = remaining - rule.widows; // pull lines over for the widow
  if (paragraphStart && keep < rule.orphans) keep = 0; // too few for the foot: all go over
  if (keep <= 0) return canMoveWhole ? 0 : fit;
  return keep;
}

/** Wraps pdfmake's `LayoutBuilder.prototype.processLeaf` (once; see src/engine/install.ts). */
export function installKeepLines(): void {
  const LayoutBuilder = require("pdfmake/js/LayoutBuilder.js").default as { prototype: Builder };
  const proto = LayoutBuilder.prototype as Builder & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const processLeaf = proto.processLeaf;

  proto.processLeaf = function (this: Builder, node: TextNode) {
    if (!controlled(this, node)) return processLeaf.call(this, node);
    // Every line first: a line's content depends only on the width, which a page turn keeps.
    const lines: Line[] = [];
    for (let line = this.buildNextLine(node); line; line = this.buildNextLine(node)) lines.push(line);
    const heights = lines.map((line) => line.getHeight());
    // Beside another column (a list's number beside its text) the paragraph may go overleaf
    // without the rest of its row: Folio's pageBreakBefore then moves the row (pagination.ts).
    let next = 0;
    let turnBefore = -1; // the line before which this page ends
    const plan = (from: number) => {
      const ctx = this.writer.context();
      const atTop = ctx.y <= ctx.pageMargins.top;
      const fit = fitting(heights.slice(from), ctx.availableHeight);
      const keep = linesBeforeBreak(fit, lines.length - from, node, from === 0, !atTop);
      turnBefore = keep < lines.length - from ? from + keep : -1;
    };
    const serve = (): Line | null => {
      if (next >= lines.length) return null;
      if (next === 0) plan(0);
      if (next === turnBefore && next > 0) {
        this.writer.moveToNextPage(node.pageOrientation);
        plan(next);
      } else if (next === turnBefore) {
        // The whole paragraph goes over: turn now, then plan its first page.
        this.writer.moveToNextPage(node.pageOrientation);
        plan(0);
      }
      return lines[next++] as Line;
    };
    const own = Object.getOwnPropertyDescriptor(this, "buildNextLine");
    Object.defineProperty(this, "buildNextLine", { value: serve, configurable: true, writable: true });
    try {
      processLeaf.call(this, node);
    } finally {
      if (own) Object.defineProperty(this, "buildNextLine", own);
      else delete (this as Partial<Builder>).buildNextLine;
    }
  };
}
