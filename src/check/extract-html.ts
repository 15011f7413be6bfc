import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { SKIP, visit } from "../model/visit.ts";

/**
 * The text a reader sees in an HTML artifact's main content (the whole body when there is no
 * `main`), with pending CriticMarkup accepted: deleted marks and reviewers' comments left out, as
 * the PDF and DOCX print it and as the source's sentences read.
 */
export function htmlText(bytes: Uint8Array): string {
  const tree: Root = fromHtml(new TextDecoder().decode(bytes));
  visit(tree, "element", (node, index, parent) => {
    const classes = node.properties.className;
    const pending =
      Array.isArray(classes) && (classes.includes("critic-delete") || classes.includes("critic-comment"));
    if (!pending || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  const main: Element | Root = select("main", tree) ?? select("body", tree) ?? tree;
  return toText(main, { whitespace: "normal" });
}
