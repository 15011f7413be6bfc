import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { toText } from "hast-util-to-text";

export { selectAll };

/** Parses a whole HTML page into hast. */
export function parsePage(html: string | Uint8Array): Root {
  return fromHtml(typeof html === "string" ? html : new TextDecoder().decode(html));
}

/** Visible text of a page or element, whitespace folded. */
export function visibleText(node: Root | Element): string {
  return toText(node, { whitespace: "normal" }).replace(/\s+/g, " ");
}

export function attr(element: Element | undefined, name: string): string | undefined {
  const value = element?.properties[name];
  return value === undefined || value === null
    ? undefined
    : Array.isArray(value)
      ? value.join(" ")
      : String(value);
}
