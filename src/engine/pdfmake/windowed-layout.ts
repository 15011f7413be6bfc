import { createRequire } from "node:module";
import { type LaidNode, type NodeInfo, type PageBreakBefore, scanForBreak } from "./break-scan.ts";

// pdfmake lays the WHOLE document out again after every break its `pageBreakBefore` callback adds
// (Folio's keeps headings with what follows, avoids orphans and widows): N breaks, N + 1 passes,
// time quadratic in length (104 KB of GFM examples: 65 passes, 14 s). But a node with
// `pageBreak: 'before'` starts a fresh page, so nothing after it depends on what came before
// (running headers, page numbers and the contents' numbers are filled after layout). So the
// decisions are made on windows of top-level nodes, each laid out as its own document from such a
// clean start, and the document is laid out in full once more at the end with every break set.
//
// A window decides a node only when it holds everything the callback can see: the node's first
// page P and the next page P + 1, both before the window's last page (content past the window
// starts on that page or later). Otherwise the window doubles. Decisions happen in pdfmake's
// order, each with every earlier break set, so the breaks, and the bytes, are pdfmake's own
// (test/pdf-pagination-windows.test.ts compares with pdfmake's loop).
//
// Contract for a callback marked with `decidesOnWindows`: it reads page numbers only relative to
// each other (a window numbers its pages from 1), not `nodeInfo.pages`, not
// `getPreviousNodesOnPage()` (whose first entry, the document's root, differs in a window), and it
// ignores running headers and footers (a window has none).

const require = createRequire(import.meta.url);
const windowSafe = Symbol.for("folio.decidesOnWindows");
const installed = Symbol.for("folio.windowedLayout");

/** Top-level nodes in the first window, and the least after a break. */
const firstWindow = 16;

/** Marks a `pageBreakBefore` callback as keeping the contract above, so layout may use windows. */
export function decidesOnWindows<F extends (node: never, queries: never) => boolean>(callback: F): F {
  return Object.assign(callback, { [windowSafe]: true });
}

interface Layout {
  pages: unknown[];
  linearNodeList: LaidNode[];
}
interface TocNode {
  toc: { _items: unknown[]; _pseudo?: boolean };
}
interface Preprocessor {
  tocs: Record<string, TocNode>;
  preprocessDocument(doc: unknown): unknown;
}
type LayoutArgs = [
  docStructure: Root,
  pdfDocument: unknown,
  styleDictionary: unknown,
  defaultStyle: unknown,
  background: unknown,
  header: unknown,
  footer: unknown,
  watermark: unknown,
  pageBreakBefore: unknown,
];
interface Builder {
  svgMeasure: unknown;
  tableLayouts: unknown;
  linearNodeList: LaidNode[];
  docPreprocessor: Preprocessor;
  docMeasure: unknown;
  layoutDocument(...args: LayoutArgs): unknown[];
  tryLayoutDocument(...args: LayoutArgs): Layout;
  addHeadersAndFooters(header: unknown, footer: unknown): void;
  processTable(node: TableNode): void;
}
interface TableNode {
  _bottomByPage?: unknown;
  _breaksBySpan?: unknown;
}
interface Root {
  stack?: LaidNode[];
  section?: unknown;
}

/** Layout work of the last document laid out in this process (for tests and the size bench). */
export const lastLayout = {
  fullPasses: 0,
  windows: 0,
  windowNodes: 0,
  topLevelNodes: 0,
  breaks: 0,
  nestedBreaks: 0,
};

/**
 * Breaks to the next page of one parity (a book's right-hand pages): where the content after one
 * lands depends on the number of every page before it, not only on a fresh start.
 */
const parityBreaks = new Set(["beforeOdd", "beforeEven", "afterOdd", "afterEven"]);
const pageBreakKinds = new Set([undefined, "before", "after", ...parityBreaks]);

/**
 * Whether the document is one the windows handle: a stack of nodes with page breaks of pdfmake's
 * kinds at its top level only, no background.
 */
function windowable(root: Root, background: unknown, callback: unknown): callback is PageBreakBefore {
  if (typeof callback !== "function" || !(windowSafe in callback)) return false;
  if (background || root.section || !Array.isArray(root.stack)) return false;
  return root.stack.every(
    (node) => !node.section && !node.pageOrientation && pageBreakKinds.has(node.pageBreak as string),
  );
}

/**
 * The latest top-level node at or before `index` that starts a fresh page whatever precedes it. In
 * a document with parity breaks, that page's parity must be the same in a window as in the whole
 * document, or a later parity break in the window would add or skip a blank page: then only a node
 * with `beforeOdd`/`beforeEven` (its page has that parity, in a window too: a window's page 1 is odd
 * as the document's is) or the first node is such a start.
 */
function cleanStart(items: readonly LaidNode[], index: number, parity: boolean): number {
  for (let i = index; i > 0; i--) {
    const kind = items[i]?.pageBreak;
    if (
      parity
        ? kind === "beforeOdd" || kind === "beforeEven"
        : kind === "before" || items[i - 1]?.pageBreak === "after"
    )
      return i;
  }
  return 0;
}

/**
 * Replaces pdfmake's `LayoutBuilder.layoutDocument` for documents whose callback is marked with
 * `decidesOnWindows`; any other document is laid out by pdfmake's own method. Installed once.
 */
export function installWindowedLayout(): void {
  const LayoutBuilder = require("pdfmake/js/LayoutBuilder.js").default as { prototype: Builder };
  const DocPreprocessor = require("pdfmake/js/DocPreprocessor.js").default as new () => Preprocessor;
  const DocMeasure = require("pdfmake/js/DocMeasure.js").default as new (...args: unknown[]) => unknown;
  const proto = LayoutBuilder.prototype as Builder & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const pdfmakeLayout = proto.layoutDocument;

  // pdfmake keeps a table's lowest point on each page (`_bottomByPage`, by page number) and its
  // row-span breaks on the table node, and reads them back when the next layout pass starts the
  // table: a pass then draws a table's rules down to where an earlier pass, with other page
  // numbers, had them (a quote's rule 0.25 pt too long after 65 passes). Each pass now starts the
  // table as the first pass does. Documents laid out once are unchanged.
  const processTable = proto.processTable;
  proto.processTable = function (node) {
    delete node._bottomByPage;
    delete node._breaksBySpan;
    return processTable.call(this, node);
  };

  proto.layoutDocument = function (this: Builder, ...args: LayoutArgs) {
    const [
      root,
      pdfDocument,
      styleDictionary,
      defaultStyle,
      background,
      header,
      footer,
      watermark,
      callback,
    ] = args;
    if (!windowable(root, background, callback)) return pdfmakeLayout.apply(this, args);
    Object.assign(lastLayout, { fullPasses: 0, windows: 0, windowNodes: 0, breaks: 0, nestedBreaks: 0 });
    this.docPreprocessor = new DocPreprocessor();
    this.docMeasure = new DocMeasure(
      pdfDocument,
      styleDictionary,
      defaultStyle,
      this.svgMeasure,
      this.tableLayouts,
    );

    // A contents table lists every heading of the document, also in a window without them. (The
    // tables are read right after the document's preprocessing: running headers reset the list.)
    let inWindows = false;
    const tocItems = new Map<TocNode, unknown[]>();
    const preprocess = this.docPreprocessor.preprocessDocument;
    this.docPreprocessor.preprocessDocument = function (doc) {
      const result = preprocess.call(this, doc);
      for (const toc of Object.values(this.tocs)) {
        if (toc.toc._pseudo) continue;
        const all = tocItems.get(toc);
        if (!inWindows) tocItems.set(toc, toc.toc._items);
        else if (all) toc.toc._items = all;
      }
      return result;
    };

    // Where the root's nodes end in the node list: running headers and footers come after.
    let bodyEnd = 0;
    this.addHeadersAndFooters = function (h, f) {
      bodyEnd = this.linearNodeList.length;
      proto.addHeadersAndFooters.call(this, h, f);
    };
    const layOut = (withRunning: boolean): Layout => {
      const running = withRunning ? [header, footer] : [null, null];
      const layout = this.tryLayoutDocument(
        root,
        pdfDocument,
        styleDictionary,
        defaultStyle,
        background,
        running[0],
        running[1],
        withRunning ? watermark : null,
        undefined,
      );
      return { pages: layout.pages, linearNodeList: layout.linearNodeList.slice(0, bodyEnd) };
    };
    // Before the next pass, as pdfmake's loop does: every node of the pass just made forgets its place.
    const reset = () => {
      for (const node of this.linearNodeList) node.resetXY?.();
    };
    const full = () => {
      lastLayout.fullPasses++;
      return layOut(true);
    };
    // The top-level node a node of a layout belongs to (-1 for the root itself).
    const owner = (layout: Layout, node: LaidNode, byNode: Map<LaidNode, number>): number => {
      let current = -1;
      for (const n of layout.linearNodeList) {
        current = byNode.get(n) ?? current;
        if (n === node) return current;
      }
      return -1;
    };

    // Pass 1 is pdfmake's: a document that needs no break costs one layout.
    const items = root.stack as LaidNode[];
    const parity = items.some((node) => parityBreaks.has(node.pageBreak as string));
    lastLayout.topLevelNodes = items.length;
    let layout = full();
    let outcome = scanForBreak(this.linearNodeList, layout.pages.length, callback);
    if (outcome === "none") return layout.pages;
    lastLayout.breaks++;
    const index = new Map(items.map((node, i) => [node, i]));
    let start = "moved" in outcome ? owner(layout, outcome.moved, index) : -1;
    reset();

    if (start >= 0) {
      inWindows = true;
      start = cleanStart(items, start, parity);
      let size = firstWindow;
      try {
        while (start >= 0) {
          const end = Math.min(items.length, start + size);
          root.stack = items.slice(start, end);
          lastLayout.windows++;
          lastLayout.windowNodes += end - start;
          const window = layOut(false);
          root.stack = items;
          const last = window.pages.length;
          const atEnd = end === items.length;
          const decidable = (info: NodeInfo) => atEnd || (info.pageNumbers[0] as number) <= last - 2;
          outcome = scanForBreak(window.linearNodeList, last, callback, decidable);
          reset();
          if (outcome === "none" && atEnd) break;
          if (outcome === "none" || "stopped" in outcome) {
            size *= 2;
            continue;
          }
          lastLayout.breaks++;
          const at = owner(window, outcome.moved, index);
          if (at < 0) {
            start = -1; // the root itself moved: finish with pdfmake's loop
            break;
          }
          if (items[at] !== outcome.moved) lastLayout.nestedBreaks++;
          const next = cleanStart(items, at, parity);
          // After a top-level break the next window starts there; size it from the gap just seen.
          size = next > start ? Math.max(firstWindow, 2 * (next - start)) : end - start;
          start = next;
        }
      } finally {
        root.stack = items;
        inWindows = false;
      }
    }

    // The final pass, then pdfmake's loop for whatever is left (nothing, when the windows decided all).
    layout = full();
    while (scanForBreak(this.linearNodeList, layout.pages.length, callback) !== "none") {
      lastLayout.breaks++;
      reset();
      layout = full();
    }
    return layout.pages;
  };
}
