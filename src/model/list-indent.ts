import type { List, ListItem, Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/**
 * Warns at a list item indented past the item above it but not far enough to be nested in it:
 * `1. Item` then `  - detail` (two spaces, where `1. ` needs three). Markdown reads it as a list
 * of its own after the first (or the next item of the same list), so every format prints it flat
 * where the editor meant it under the item. Said once per list, at its first item so placed.
 */
export function checkListIndents(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (!("children" in node)) return undefined;
    const children = node.children as Array<{ type: string }>;
    for (let i = 0; i < children.length; i++) {
      const list = children[i];
      if (list?.type !== "list") continue;
      const items = (list as List).children;
      // The item before each: the list's own previous item, or the last item of a list right before it.
      const before = children[i - 1]?.type === "list" ? (children[i - 1] as List).children.at(-1) : undefined;
      for (let k = 0; k < items.length; k++) {
        // The next number of a numbered list indented a little (`1. a` then ` 2. b`) goes on the list.
        if (k > 0 && (list as List).ordered) continue;
        const above = k === 0 ? before : items[k - 1];
        const item = items[k] as ListItem;
        if (above && underButFlat(above, item)) {
          report(above, item, file);
          break;
        }
      }
    }
    return undefined;
  });
}

/** Whether an item's marker stands right of the item above's marker, but left of its text. */
function underButFlat(above: ListItem, item: ListItem): boolean {
  const aboveMarker = above.position?.start;
  const text = above.children[0]?.position?.start;
  const marker = item.position?.start;
  if (!aboveMarker || !text || !marker || text.line !== aboveMarker.line) return false;
  return marker.column > aboveMarker.column && marker.column < text.column;
}

function report(above: ListItem, item: ListItem, file: VFile): void {
  const has = (item.position?.start.column ?? 1) - 1;
  const needs = (above.children[0]?.position?.start.column ?? 1) - 1;
  file.message(
    `This list item is indented ${has} space${has === 1 ? "" : "s"}, as if under the item above, but is not nested in it: indent it ${needs} spaces (to where the text of the item above starts) to nest it; as typed, every format prints it flat`,
    { place: item.position?.start, ruleId: "list-indent", source: "folio" },
  );
}
