// src/engine/pdfmake/unbreakable-positions.ts against pdfmake 0.3.11's own PageElementWriter, on
// its real DocumentContext (pages of 80 points of body, stand-in lines, no document): a block that
// fits, or is placed at a given point, reports what pdfmake reports; a block that goes overleaf
// reports the page and top where its fragment is drawn, not those of the page it left.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installUnbreakablePositions } from "../../src/engine/pdfmake/unbreakable-positions.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
interface Position {
  pageNumber: number;
  top: number;
  verticalRatio: number;
}
interface Writer {
  addLine(line: object): Position | false;
  beginUnbreakableBlock(): void;
  commitUnbreakableBlock(forcedX?: number, forcedY?: number): void;
  getCurrentPositionOnPage(): Position;
  context(): { page: number; y: number; pages: Array<{ items: Array<{ item: { y: number } }> }> };
}
type WriterClass = new (context: object) => Writer;
const PageElementWriter = (require("pdfmake/js/PageElementWriter.js") as { default: WriterClass }).default;
const DocumentContext = (
  require("pdfmake/js/DocumentContext.js") as {
    default: new () => { addPage(size: object, margins: object): void };
  }
).default;

/** pdfmake's methods, from a copy no earlier test file can have patched. */
const pristine = pristineModule<{ default: WriterClass }>("pdfmake/js/PageElementWriter.js").default
  .prototype;
const pdfmakeMethods = {
  getCurrentPositionOnPage: pristine.getCurrentPositionOnPage,
  commitUnbreakableBlock: pristine.commitUnbreakableBlock,
};
installUnbreakablePositions();
const proto = PageElementWriter.prototype;
const folioMethods = {
  getCurrentPositionOnPage: proto.getCurrentPositionOnPage,
  commitUnbreakableBlock: proto.commitUnbreakableBlock,
};

const margin = 10;
const lineHeight = 10;
/** A line of pdfmake's shape, as much of it as the writer reads. */
const line = () => ({
  inlines: [],
  getHeight: () => lineHeight,
  getWidth: () => 0,
  clone() {
    return { ...this };
  },
});

/** A writer on 100 x 100 pages with 10-point margins, running pdfmake's or Folio's methods. */
function writer(methods: typeof pdfmakeMethods): Writer {
  const context = new DocumentContext();
  context.addPage({ width: 100, height: 100 }, { left: margin, right: margin, top: margin, bottom: margin });
  return Object.assign(new PageElementWriter(context), methods);
}

/**
 * Sets `before` lines, then an unbreakable block of `block` lines (placed at `forced` when given),
 * and returns the positions the block's lines were told, and where they were drawn.
 */
function setBlock(methods: typeof pdfmakeMethods, before: number, block: number, forced?: number) {
  const w = writer(methods);
  for (let i = 0; i < before; i++) w.addLine(line());
  w.beginUnbreakableBlock();
  const told: Position[] = [];
  for (let i = 0; i < block; i++) told.push(w.addLine(line()) as Position);
  w.commitUnbreakableBlock(forced, forced);
  const page = w.context().page + 1;
  const drawnTop = w.context().pages.at(-1)?.items.at(-block)?.item.y;
  return {
    told: told.map(({ pageNumber, top, verticalRatio }) => ({ pageNumber, top, verticalRatio })),
    page,
    drawnTop,
  };
}

describe("unbreakable-positions: PageElementWriter against pdfmake's", () => {
  it("is installed in place of pdfmake's methods", () => {
    expect(folioMethods.commitUnbreakableBlock).not.toBe(pdfmakeMethods.commitUnbreakableBlock);
    expect(folioMethods.getCurrentPositionOnPage).not.toBe(pdfmakeMethods.getCurrentPositionOnPage);
  });

  it("reports what pdfmake reports for a block that fits on its page", () => {
    for (const before of [0, 2, 5]) {
      const theirs = setBlock(pdfmakeMethods, before, 3);
      expect(theirs.page).toBe(1);
      expect(theirs.told[0]?.top).toBe(margin + before * lineHeight);
      expect(setBlock(folioMethods, before, 3)).toEqual(theirs);
    }
  });

  it("reports what pdfmake reports for a block placed at a given point (a header or footer)", () => {
    const theirs = setBlock(pdfmakeMethods, 7, 3, 0);
    expect(setBlock(folioMethods, 7, 3, 0)).toEqual(theirs);
  });

  it("differs as documented: a block that goes overleaf reports the page and top where it is drawn", () => {
    const theirs = setBlock(pdfmakeMethods, 7, 3);
    const ours = setBlock(folioMethods, 7, 3);
    // Both draw the block at the top of page 2 ...
    expect(theirs.page).toBe(2);
    expect(ours.page).toBe(2);
    expect(ours.drawnTop).toBe(theirs.drawnTop);
    expect(theirs.drawnTop).toBe(margin);
    // ... but pdfmake tells its lines they are at the foot of page 1, where the block began.
    const foot = { pageNumber: 1, top: 80, verticalRatio: 70 / 80 };
    expect(theirs.told).toEqual([foot, foot, foot]);
    const head = { pageNumber: 2, top: margin, verticalRatio: 0 };
    expect(ours.told).toEqual([head, head, head]);
  });

  it("differs as documented: a block taller than a page flows on from where the page stands, none of it lost", () => {
    /** Every line drawn on the writer's pages: its page and top. */
    const drawn = (methods: typeof pdfmakeMethods) => {
      const w = writer(methods);
      for (let i = 0; i < 2; i++) w.addLine(line());
      w.beginUnbreakableBlock();
      for (let i = 0; i < 12; i++) w.addLine(line());
      w.commitUnbreakableBlock();
      return w.context().pages.flatMap((page, p) => page.items.map((entry) => [p + 1, entry.item.y]));
    };
    // pdfmake: the block's one scratch page is taller than a page, fits on none, and is dropped.
    expect(drawn(pdfmakeMethods)).toEqual([
      [1, 10],
      [1, 20],
    ]);
    // Folio: the two lines before, six lines of the block below them, the last six overleaf.
    const ours = drawn(folioMethods);
    expect(ours).toHaveLength(14);
    expect(ours.filter(([page]) => page === 1).map(([, top]) => top)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80,
    ]);
    expect(ours.filter(([page]) => page === 2).map(([, top]) => top)).toEqual([10, 20, 30, 40, 50, 60]);
  });
});
