import type { Nodes as HastNodes, Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import { raw } from "hast-util-raw";
import { sanitize } from "hast-util-sanitize";
import { toText } from "hast-util-to-text";
import type { Nodes } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { sanitizeSchema } from "./sanitize-schema.ts";

// What a reader sees, in one place: every format and every check sanitises raw HTML with the
// HTML edition's rules before taking its text.

/**
 * The text a reader sees of an mdast node: raw HTML parsed and sanitised as in the HTML edition,
 * so `a<script>x</script>b` reads "ab", not "axb".
 */
export function plainText(node: Nodes): string {
  const hast = toHast(node, { allowDangerousHtml: true }) as HastRoot;
  // Only raw HTML needs the HTML parser (hast-util-raw runs parse5 over the whole tree, most of
  // this function's time: 11 ms of a watch rebuild of the factbook, its many short paragraphs of
  // hard-broken lines measured for the DOCX): without it the tree is what parse5 would give back.
  const parsed = holdsRaw(hast) ? raw(hast) : hast;
  return toText(sanitize(parsed, sanitizeSchema) as HastRoot, { whitespace: "normal" });
}

/** Whether a hast tree holds raw HTML (`toHast` makes a `raw` node of each mdast `html` node). */
function holdsRaw(node: HastNodes): boolean {
  if (node.type === "raw") return true;
  return "children" in node && (node.children as HastNodes[]).some(holdsRaw);
}

/**
 * Text of a raw HTML node after the same sanitising as the HTML edition: what a reader of the
 * web page sees is what the print formats show. Scripts, styles and their contents are gone.
 */
export function rawHtmlText(html: string): string {
  const tree = sanitize(fromHtml(html, { fragment: true }), sanitizeSchema) as HastRoot;
  return toText(tree, { whitespace: "normal" });
}
