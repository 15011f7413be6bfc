import type { List, ListItem, Nodes } from "mdast";
import type { ContentColumns, ContentStack } from "pdfmake/interfaces.js";
import { orderedMarkerWidth } from "../../theme/theme.ts";
import { checkbox } from "./boxes.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";

/** Bullet shapes by depth, as browsers draw them. */
const bullets = ["disc", "circle", "square"] as const;

/** Renders an item's blocks: handed in by blocks.ts, which renders lists (no import cycle). */
export type BlocksToPdf = (nodes: readonly Nodes[], ctx: PdfContext) => PdfBlock[];

/** A bullet, ordered (keeping its start number) or task list, nested to any depth. */
export function listToPdf(node: List, ctx: PdfContext, blocksToPdf: BlocksToPdf): PdfBlock[] {
  const tight = !node.spread && !node.children.some((item) => item.spread);
  const space = ctx.tight ? 2 : ctx.theme.spacing.paragraphAfter;
  if (node.ordered) return [{ ...orderedList(node, ctx, tight, blocksToPdf), margin: [0, 0, 0, space] }];
  const inner = nested(ctx, {
    width: ctx.width - ctx.theme.layout.listMarkerWidth,
    tight,
    listDepth: ctx.listDepth + 1,
  });
  const items = node.children.map((item) => listItem(item, inner, "Lbl", blocksToPdf));
  // Tagged L > LI > Lbl + LBody: the engine adds LI, a "•" Lbl and LBody around each item (tagging.ts).
  const list: PdfBlock = {
    ul: items,
    tag: { type: "L" },
    type: bullets[ctx.listDepth % bullets.length],
    markerColor: ctx.theme.colors.muted,
  };
  return [{ ...list, margin: [0, 0, 0, space] }];
}

/**
 * An ordered list laid out as number and item side by side. pdfmake's own `ol` writes each
 * number after its item's first line, so copied or extracted text read "…the end1. Next"; here the
 * number comes first in the text, as a reader and a screen reader meet it.
 */
function orderedList(node: List, ctx: PdfContext, tight: boolean, blocksToPdf: BlocksToPdf): PdfBlock {
  const start = node.start ?? 1;
  const width = orderedMarkerWidth(ctx.theme, start, node.children.length);
  const inner = nested(ctx, { width: ctx.width - width, tight, listDepth: ctx.listDepth + 1 });
  const gap = tight ? 2 : ctx.theme.spacing.paragraphAfter / 2;
  return {
    tag: { type: "L" },
    stack: node.children.map(
      (item, index): ContentColumns => ({
        tag: { type: "LI" },
        columns: [
          { text: `${start + index}.`, tag: { type: "Lbl" }, width: width - 4, alignment: "right" as const },
          { ...listItem(item, inner, "Span", blocksToPdf), tag: { type: "LBody" }, width: "*" },
        ],
        columnGap: 4,
        margin: [0, 0, 0, index === node.children.length - 1 ? 0 : gap],
      }),
    ),
  };
}

/**
 * An item's content. A task item's checkbox is drawn, so it is tagged with its state as text:
 * the item's Lbl in a bullet list (the item is then its own LI), a Span where a number is the Lbl.
 */
function listItem(
  item: ListItem,
  ctx: PdfContext,
  checkboxTag: "Lbl" | "Span",
  blocksToPdf: BlocksToPdf,
): ContentStack | ContentColumns {
  const blocks = blocksToPdf(item.children, ctx);
  // An empty item still needs a line for its marker to sit on.
  const content: ContentStack = { stack: blocks.length ? blocks : [{ text: " " }] };
  if (typeof item.checked !== "boolean") return content;
  const size = ctx.theme.sizes.body;
  const state = item.checked ? "[x]" : "[ ]";
  const lbl = checkboxTag === "Lbl";
  return {
    ...(lbl ? { tag: { type: "LI" } } : {}),
    columns: [
      {
        svg: checkbox(ctx.theme, item.checked),
        tag: { type: checkboxTag, text: state },
        width: size,
        height: size,
        margin: [0, 2.5, 0, 0],
      },
      { ...content, ...(lbl ? { tag: { type: "LBody" } } : {}), width: "*" },
    ],
    columnGap: 6,
    listType: "none",
  };
}
