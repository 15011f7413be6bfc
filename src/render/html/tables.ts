import type { Element, ElementContent, Root, Text } from "hast";
import type { Labels } from "../../model/labels.ts";
import { SKIP, visit } from "../../model/visit.ts";
import { breakPieces } from "../table-layout.ts";

/**
 * Makes every table of a page readable at any width: a long URL or identifier in a cell may break
 * where the print formats break it (a `<wbr>` at each of the shared layout's break points), and the
 * table sits in a region that scrolls sideways on its own, which a keyboard can focus and a screen
 * reader names by the table's title (the DOCX's `tableTitle`, as a caption only it reads).
 * Folio's own markup, added after sanitising.
 */
export function tableRegions(tree: Root, labels: Labels): void {
  let n = 0;
  visit(tree, "element", (node: Element, index, parent) => {
    if (node.tagName !== "table" || !parent || index === undefined) return;
    n++;
    const id = `table-${n}-title`;
    const headers = headerTexts(node);
    const title = headers.length
      ? labels.text("tableTitle", { n, headers: headers.join(", ") })
      : labels.text("tableTitleBare", { n });
    breakLongTokens(node);
    // A table the source captions (the model's decision) is named by its own, visible caption.
    const own = node.children.find((child) => child.type === "element" && child.tagName === "caption");
    if (own?.type === "element") own.properties.id = id;
    else
      node.children.unshift({
        type: "element",
        tagName: "caption",
        properties: { id, className: ["sr-only"] },
        children: [{ type: "text", value: title }],
      });
    parent.children[index] = {
      type: "element",
      tagName: "div",
      properties: { className: ["table-region"], role: "region", tabIndex: 0, ariaLabelledBy: [id] },
      children: [node],
    };
    return SKIP;
  });
}

/** The text of the first row's cells. */
function headerTexts(table: Element): string[] {
  let row: Element | undefined;
  visit(table, "element", (node: Element) => {
    if (node.tagName !== "tr") return;
    row = node;
    return false;
  });
  const texts: string[] = [];
  for (const cell of row?.children ?? []) {
    if (cell.type !== "element") continue;
    let text = "";
    visit(cell, "text", (t: Text) => {
      text += t.value;
    });
    if (text.trim()) texts.push(text.trim());
  }
  return texts;
}

/** A `<wbr>` at each break point of every token longer than a word, in the cells' text. */
function breakLongTokens(table: Element): void {
  visit(table, "text", (node: Text, index, parent) => {
    if (!parent || index === undefined) return;
    const parts = node.value.split(/(\s+)/).map((token) => breakPieces(token));
    if (parts.every((pieces) => pieces.length === 1)) return;
    const children: ElementContent[] = [];
    for (const pieces of parts)
      pieces.forEach((piece, i) => {
        if (i > 0) children.push({ type: "element", tagName: "wbr", properties: {}, children: [] });
        if (piece) children.push({ type: "text", value: piece });
      });
    parent.children.splice(index, 1, ...children);
    return index + children.length;
  });
}
