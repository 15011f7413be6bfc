import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select } from "hast-util-select";
import { toText } from "hast-util-to-text";

/** The text a reader sees in an HTML artifact's main content (the whole body when there is no `main`). */
export function htmlText(bytes: Uint8Array): string {
  const tree: Root = fromHtml(new TextDecoder().decode(bytes));
  const main: Element | Root = select("main", tree) ?? select("body", tree) ?? tree;
  return toText(main, { whitespace: "normal" });
}
