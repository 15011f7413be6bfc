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

interface Position {
  pageNumber: number;
  top: number;
  verticalRatio: number;
  pageInnerHeight: number;
}
interface Context {
  page: number;
  y: number;
  pages: unknown[];
  pageMargins: { top: number; bottom: number };
  getCurrentPosition(): Position;
}
interface Writer {
  transactionLevel: number;
  context(): Context;
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
