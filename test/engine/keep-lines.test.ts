// src/engine/pdfmake/keep-lines.ts against pdfmake 0.3.11's own LayoutBuilder.processLeaf, on a
// stand-in page writer (pages of N lines, no document): a paragraph without `orphans`/`widows`
// is set by pdfmake's code alone; with them, lines move as documented (CSS's orphans and widows).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installKeepLines, linesBeforeBreak } from "../../src/engine/pdfmake/keep-lines.ts";

const require = createRequire(import.meta.url);
interface Leaf {
  orphans?: number;
  widows?: number;
  positions: Array<{ pageNumber: number }>;
}
type ProcessLeaf = (this: object, node: Leaf) => void;
const proto = (
  require("pdfmake/js/LayoutBuilder.js") as { default: { prototype: { processLeaf: ProcessLeaf } } }
).default.prototype;
const pdfmakeProcessLeaf = proto.processLeaf;
installKeepLines();
const folioProcessLeaf = proto.processLeaf;

const lineHeight = 10;
const top = 5;

/**
 * The pages on which each line of paragraphs of `sizes` lines lands, set one after another on pages
 * of `perPage` lines, the first paragraph starting `used` lines down the first page.
 */
function pagesOfLines(processLeaf: ProcessLeaf, sizes: number[], perPage: number, used: number, rule = {}) {
  let page = 1;
  let y = top + used * lineHeight;
  const bottom = top + perPage * lineHeight;
  const context = () => ({
    y,
    availableHeight: bottom - y,
    pageMargins: { top },
    inSnakingColumns: () => false,
    isInNestedNonSnakingGroup: () => false,
  });
  const writer = {
    transactionLevel: 0,
    context,
    moveToNextPage: () => {
      page += 1;
      y = top;
    },
    addLine: (line: { getHeight(): number }) => {
      y += line.getHeight();
      return { pageNumber: page };
    },
  };
  return sizes.map((size) => {
    let left = size;
    const builder = {
      writer,
      buildNextLine: () => (left-- > 0 ? { getHeight: () => lineHeight, inlines: [] } : null),
    };
    const node: Leaf = { positions: [], ...rule };
    processLeaf.call(builder, node);
    return node.positions.map((p) => p.pageNumber);
  });
}

describe("keep-lines: processLeaf against pdfmake's", () => {
  it("sets a paragraph without orphans and widows exactly as pdfmake does", () => {
    for (const used of [0, 3, 8, 9]) {
      const theirs = pagesOfLines(pdfmakeProcessLeaf, [4, 7, 1, 12], 10, used);
      expect(pagesOfLines(folioProcessLeaf, [4, 7, 1, 12], 10, used)).toEqual(theirs);
    }
  });

  it("agrees with pdfmake where no page break falls inside a paragraph, or it leaves enough on both sides", () => {
    const rule = { orphans: 2, widows: 2 };
    // Page 1 holds the 4 lines and 6 of the 9-line paragraph; its last 3 go over (no lone line).
    const theirs = pagesOfLines(pdfmakeProcessLeaf, [4, 9], 10, 0);
    expect(theirs[1]).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2]);
    expect(pagesOfLines(folioProcessLeaf, [4, 9], 10, 0, rule)).toEqual(theirs);
  });

  it("differs as documented: a lone last line pulls a line over; a lone first line goes over with its paragraph", () => {
    const rule = { orphans: 2, widows: 2 };
    // A widow: pdfmake leaves 1 line for page 2; Folio takes one more line over.
    expect(pagesOfLines(pdfmakeProcessLeaf, [5], 10, 6)).toEqual([[1, 1, 1, 1, 2]]);
    expect(pagesOfLines(folioProcessLeaf, [5], 10, 6, rule)).toEqual([[1, 1, 1, 2, 2]]);
    // An orphan: pdfmake leaves the first line at the foot; Folio moves the paragraph over whole.
    expect(pagesOfLines(pdfmakeProcessLeaf, [5], 10, 9)).toEqual([[1, 2, 2, 2, 2]]);
    expect(pagesOfLines(folioProcessLeaf, [5], 10, 9, rule)).toEqual([[2, 2, 2, 2, 2]]);
  });

  it("decides each break by linesBeforeBreak: pdfmake's count where it may, fewer for a widow, none for an orphan", () => {
    const rule = { orphans: 2, widows: 2 };
    expect(linesBeforeBreak(6, 4, rule, true, true)).toBe(4); // it all fits: no break
    expect(linesBeforeBreak(3, 7, rule, true, true)).toBe(3); // pdfmake's 3
    expect(linesBeforeBreak(4, 5, rule, true, true)).toBe(3); // one line would be a widow
    expect(linesBeforeBreak(1, 5, rule, true, true)).toBe(0); // one line would be an orphan
    expect(linesBeforeBreak(1, 5, rule, true, false)).toBe(1); // at a page's top: nowhere better, pdfmake's
  });
});
