import type { List, ListItem } from "mdast";
import { blocksToPdf } from "./blocks.ts";
import { checkbox } from "./boxes.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";

/** Bullet shapes by depth, as browsers draw them. */
const bullets = ["disc", "circle", "square"] as const;
/** Width pdfmake gives a list marker; images in items are scaled to what is left. */
const markerWidth = 14;

/** A bullet, ordered (keeping its start number) or task list, nested to any depth. */
export function listToPdf(node: List, ctx: PdfContext): PdfBlock[] {
  const tight = !node.spread && !node.children.some((item) => item.spread);
  const inner = nested(ctx, { width: ctx.width - markerWidth, tight, listDepth: ctx.listDepth + 1 });
  const items = node.children.map((item) => listItem(item, inner));
  const space = ctx.tight ? 2 : ctx.theme.spacing.paragraphAfter;
  const list: PdfBlock = node.ordered
    ? { ol: items, start: node.start ?? 1 }
    : { ul: items, type: bullets[ctx.listDepth % bullets.length], markerColor: ctx.theme.colors.muted };
  return [{ ...list, margin: [0, 0, 0, space] }];
}

function listItem(item: ListItem, ctx: PdfContext): PdfBlock {
  const blocks = blocksToPdf(item.children, ctx);
  // An empty item still needs a line for its marker to sit on.
  const content: PdfBlock = { stack: blocks.length ? blocks : [{ text: " " }] };
  if (typeof item.checked !== "boolean") return content;
  const size = ctx.theme.sizes.body;
  return {
    columns: [
      { svg: checkbox(ctx.theme, item.checked), width: size, height: size, margin: [0, 2.5, 0, 0] },
      { ...content, width: "*" },
    ],
    columnGap: 6,
    listType: "none",
  };
}
