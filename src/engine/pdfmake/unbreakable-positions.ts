import { createRequire } from "node:module";

// pdfmake (0.3.11) sets an unbreakable block (a figure, `:::keep-together`, a table row that must
// not break, a table's header with its first row) on a scratch page, then adds it to the page as
// one fragment, on the next page when it does not fit. Every line, image or vector of the block
// records as its position the place where the block began, and that stays so when the fragment
// goes overleaf: `pageBreakBefore` is told that a figure, or a table's header, is on the page
// where it is not drawn, so a heading before it stays alone at that page's foot. Here the
// positions recorded inside the outermost unbreakable block are moved to where its fragment
// really starts. Nothing drawn changes; only what the layout reports (and so what the callback
// decides) does.
//
// A block longer than a page (a `:::keep-together` of many paragraphs) is laid out on one scratch
// page taller than any page, which pdfmake then tried to add to a page and, failing on a new page
// too, dropped: the whole block vanished from the PDF without a word. Here such a block, which no
// page can keep together, flows on from where the page stands, cut between its lines.

interface Position {
  pageNumber: number;
  top: number;
  verticalRatio: number;
  pageInnerHeight: number;
}
interface Item {
  type: string;
  item: { y?: number; y1?: number; getHeight?: () => number };
}
interface Fragment {
  items: Item[];
  height?: number;
  xOffset?: number;
  yOffset?: number;
}
interface Context {
  page: number;
  y: number;
  pages: Fragment[];
  pageMargins: { top: number; bottom: number };
  getCurrentPosition(): Position;
  x: number;
  availableHeight: number;
  getCurrentPage(): { pageSize: { height: number } };
}
interface Writer {
  transactionLevel: number;
  repeatables: unknown[];
  /** The contexts under the current one (the page's, under an unbreakable block's scratch page). */
  contextStack: Context[];
  context(): Context;
  popContext(): void;
  addFragment(fragment: Fragment, useBlockXOffset?: boolean, useBlockYOffset?: boolean): boolean;
  moveToNextPage(): void;
  getCurrentPositionOnPage(): Position;
  commitUnbreakableBlock(forcedX?: number, forcedY?: number): void;
}

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.unbreakablePositions");
/** Positions handed out inside the writer's current outermost unbreakable block. */
const recorded = new WeakMap<Writer, Position[]>();

/** Wraps pdfmake's `PageElementWriter` position and commit methods (once; see src/engine/install.ts). */
export function installUnbreakablePositions(): void {
  const PageElementWriter = require("pdfmake/js/PageElementWriter.js").default as { prototype: Writer };
  const proto = PageElementWriter.prototype as Writer & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const positionOnPage = proto.getCurrentPositionOnPage;
  const commit = proto.commitUnbreakableBlock;

  proto.getCurrentPositionOnPage = function (this: Writer) {
    const position = positionOnPage.call(this);
    if (this.transactionLevel > 0) {
      const list = recorded.get(this);
      if (list) list.push(position);
      else recorded.set(this, [position]);
    }
    return position;
  };

  proto.commitUnbreakableBlock = function (this: Writer, forcedX?: number, forcedY?: number) {
    const outermost = this.transactionLevel === 1;
    const scratch = this.context();
    const positions = outermost ? recorded.get(this) : undefined;
    if (outermost) recorded.delete(this);
    const placed = forcedX === undefined && forcedY === undefined;
    if (outermost && placed && scratch.pages.length === 1 && this.repeatables.length === 0) {
      const startsOn = commitTallBlock(this, scratch);
      if (startsOn) {
        if (positions) for (const position of positions) Object.assign(position, startsOn);
        return;
      }
    }
    commit.call(this, forcedX, forcedY);
    // A block placed at a given point (headers, footers) or longer than a page stays as pdfmake has it.
    const first = positions?.[0];
    if (!first || forcedX !== undefined || forcedY !== undefined || scratch.pages.length !== 1) return;
    const ctx = this.context();
    if (ctx.page + 1 === first.pageNumber) return;
    const top = ctx.y - scratch.y; // the fragment ends where the context now stands
    const { pageNumber, pageInnerHeight } = ctx.getCurrentPosition();
    const verticalRatio = (top - ctx.pageMargins.top) / pageInnerHeight;
    for (const position of positions) Object.assign(position, { pageNumber, top, verticalRatio });
  };
}

/** The page's body height: what one fragment of a block may fill. */
function bodyHeight(ctx: Context): number {
  return ctx.getCurrentPage().pageSize.height - ctx.pageMargins.top - ctx.pageMargins.bottom;
}

/** Where an item of a scratch page starts, and (for a line) ends, in points from the block's top. */
function extent(entry: Item): { top: number; bottom?: number } {
  const top = entry.item.y ?? entry.item.y1 ?? 0;
  return entry.type === "line" && entry.item.getHeight
    ? { top, bottom: top + entry.item.getHeight() }
    : { top };
}

/**
 * Ends the outermost unbreakable block when it is taller than a page, as pdfmake's commit does
 * but in fragments cut between lines, each as long as its page allows, the first where the page
 * stands; returns where its first fragment is drawn. Returns undefined, having done nothing, for a
 * block that fits a page (pdfmake's commit handles it).
 */
function commitTallBlock(writer: Writer, scratch: Context): Position | undefined {
  const page = scratch.pages[0] as Fragment;
  const below = writer.contextStack.at(-1);
  if (!below) return undefined;
  const whole = bodyHeight(below);
  if (!(scratch.y > whole)) return undefined;
  // It cannot be kept on one page, so it starts where the page stands (on the next page only when
  // not even its first line fits) and is cut where a line would end past the page.
  const available = below.availableHeight;
  const lines = page.items
    .map(extent)
    .filter((e): e is { top: number; bottom: number } => e.bottom !== undefined)
    .sort((a, b) => a.top - b.top);
  const startsHere = (lines[0]?.bottom ?? 0) <= available;
  const cuts = [0];
  for (const line of lines) {
    const cut = cuts.at(-1) as number;
    const room = cuts.length === 1 && startsHere ? available : whole;
    if (line.bottom - cut > room && line.top > cut) cuts.push(line.top);
  }
  const pieces = cuts.map(() => [] as Item[]);
  for (const entry of page.items) {
    const { top } = extent(entry);
    let k = cuts.length - 1;
    while (k > 0 && (cuts[k] as number) > top) k--;
    pieces[k]?.push(entry);
  }
  writer.transactionLevel--;
  writer.popContext();
  let startsOn: Position | undefined;
  pieces.forEach((items, k) => {
    if (k > 0 || !startsHere) writer.moveToNextPage();
    const here = writer.context();
    const from = cuts[k] as number;
    const to = k + 1 < cuts.length ? (cuts[k + 1] as number) : scratch.y;
    startsOn ??= here.getCurrentPosition();
    writer.addFragment({ items, height: to - from, xOffset: here.x, yOffset: here.y - from }, true, true);
  });
  return startsOn;
}
