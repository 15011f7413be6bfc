import type { Root as HastRoot } from "hast";
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
  return toText(sanitize(raw(hast), sanitizeSchema) as HastRoot, { whitespace: "normal" });
}

/**
 * Text of a raw HTML node after the same sanitising as the HTML edition: what a reader of the
 * web page sees is what the print formats show. Scripts, styles and their contents are gone.
 */
export function rawHtmlText(html: string): string {
  const tree = sanitize(fromHtml(html, { fragment: true }), sanitizeSchema) as HastRoot;
  return toText(tree, { whitespace: "normal" });
}
