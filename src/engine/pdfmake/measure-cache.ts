import { createRequire } from "node:module";
import { keepMeasure, keptMeasure, type MeasuringDocument, measureKey } from "./measure-keep.ts";

// A document is laid out more than once: pdfmake's loop lays it all out again after every page
// break its `pageBreakBefore` callback adds, and Folio's windowed layout (windowed-layout.ts) lays out
// windows of it and then the whole once more. Each pass re-measures every text node: ~20 style
// look-ups per word, each walking the style stack (with pdfmake's loop, a 100 KB document needed
// 65 passes, 70% of the time in measuring). A window keeps the document's root object, so the
// style stacks, and this cache, are the same in windows as in full passes. The measured words of a node
// do not change between passes (same node, same style stack), so they are kept per layout. The
// line breaker takes words off the node's list and, when a word is wider than the line, cuts it
// (its `text` and `width`); placing a word sets `x`, `justifyShift` and `_pageNodeRef`, which every
// pass sets again. So a pass gets a new list of the same words, with text and width restored:
// copying every word each pass cost more in garbage collection than the restore. A node this
// document has not measured yet may take another document's words (measure-keep.ts, in a watch).

interface Inline {
  [key: string]: unknown;
}
interface TextNode {
  text?: unknown;
  _textRef?: unknown;
  _inlines?: Inline[];
  _minWidth?: number;
  _maxWidth?: number;
}
interface TocItem {
  _nodeRef: unknown;
  _textNodeRef: { text?: unknown; outline?: unknown };
}
interface TocNode {
  toc: { _items: TocItem[]; _table?: unknown; title?: unknown; outlines?: boolean };
}
interface TableNode {
  pageBreakCalculated?: boolean;
  table: { body: { pageBreakCalculated?: boolean }[][] };
}
interface Measured {
  text: unknown;
  stack: unknown[];
  inlines: Inline[];
  texts: unknown[];
  widths: unknown[];
  minWidth: number;
  maxWidth: number;
}
interface TocMeasured {
  items: { node: unknown; text: unknown }[];
  table: unknown;
}
interface DocMeasurePrototype {
  measureLeaf(this: DocMeasure, node: TextNode): TextNode;
  measureToc(this: DocMeasure, node: TocNode): TocNode;
}
interface DocMeasure extends MeasuringDocument {
  measureNode<T>(node: T): T;
  [leafCache]?: WeakMap<object, Measured>;
  [tocCache]?: WeakMap<object, TocMeasured>;
}

const require = createRequire(import.meta.url);
const leafCache = Symbol("folio.measuredLeaves");
const tocCache = Symbol("folio.measuredToc");
const installed = Symbol.for("folio.pdfmakeMeasureCache");

/** The measured words as they were before a pass cut any of them. */
function restored(measured: Measured): Inline[] {
  const { inlines, texts, widths } = measured;
  for (let i = 0; i < inlines.length; i++) {
    const inline = inlines[i] as Inline;
    inline.text = texts[i];
    inline.width = widths[i];
  }
  return inlines.slice();
}
const sameStack = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Makes pdfmake measure each text node once per document instead of once per layout pass. The
 * cache lives on pdfmake's per-document DocMeasure, so nothing is shared between documents; a node
 * is re-measured when its text or the styles around it differ. Output is byte-identical.
 */
export function installMeasureCache(): void {
  const proto = (require("pdfmake/js/DocMeasure.js") as { default: { prototype: DocMeasurePrototype } })
    .default.prototype as DocMeasurePrototype & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const measureLeaf = proto.measureLeaf;
  const measureToc = proto.measureToc;

  proto.measureLeaf = function (node) {
    if (node._textRef) return measureLeaf.call(this, node); // text copied from another node each pass
    const stack = this.styleStack.styleOverrides;
    this[leafCache] ??= new WeakMap();
    const hit = this[leafCache].get(node);
    if (hit && hit.text === node.text && sameStack(hit.stack, stack)) {
      node._inlines = restored(hit);
      node._minWidth = hit.minWidth;
      node._maxWidth = hit.maxWidth;
      return node;
    }
    // Another document's measure of the same text and styles (a watch rebuild), else a new one.
    const key = measureKey(this, node);
    const kept = key === undefined ? undefined : keptMeasure(this, key, node);
    if (kept) {
      node._inlines = kept.inlines;
      node._minWidth = kept.minWidth;
      node._maxWidth = kept.maxWidth;
    } else {
      measureLeaf.call(this, node);
      if (key !== undefined)
        keepMeasure(this, key, node, {
          inlines: node._inlines ?? [],
          minWidth: node._minWidth ?? 0,
          maxWidth: node._maxWidth ?? 0,
        });
    }
    const inlines = node._inlines ?? [];
    this[leafCache].set(node, {
      text: node.text,
      stack: [...stack],
      inlines: inlines.slice(),
      texts: inlines.map((inline) => inline.text),
      widths: inlines.map((inline) => inline.width),
      minWidth: node._minWidth ?? 0,
      maxWidth: node._maxWidth ?? 0,
    });
    return node;
  };

  // The contents table is rebuilt from new row objects every pass; keeping the same table while
  // its entries are the same lets its cells hit the cache above (pdfmake re-measures an ordinary
  // table the same way, on the same objects, every pass).
  proto.measureToc = function (node) {
    this[tocCache] ??= new WeakMap();
    const items = node.toc._items.map((item) => ({ node: item._nodeRef, text: item._textNodeRef.text }));
    const hit = this[tocCache].get(node);
    const same =
      hit?.table !== undefined &&
      hit.items.length === items.length &&
      hit.items.every((item, i) => item.node === items[i]?.node && item.text === items[i]?.text);
    if (!same) {
      measureToc.call(this, node);
      this[tocCache].set(node, { items, table: node.toc._table });
      return node;
    }
    // What measureToc does besides building the rows, in its order.
    if (node.toc.title) node.toc.title = this.measureNode(node.toc.title);
    if (node.toc.outlines)
      for (const item of node.toc._items) item._textNodeRef.outline = item._textNodeRef.outline || true;
    node.toc._table = this.measureNode(freshRows(hit.table as TableNode));
    return node;
  };
}

/** Forgets the one decision pdfmake keeps on a laid-out node, as if the rows were new objects. */
function freshRows(table: TableNode): TableNode {
  delete table.pageBreakCalculated;
  for (const row of table.table.body) for (const cell of row) delete cell.pageBreakCalculated;
  return table;
}
