import type { Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import { sanitize } from "hast-util-sanitize";
import { toText } from "hast-util-to-text";
import { sanitizeSchema } from "../model/sanitize-schema.ts";

/**
 * Text of a raw HTML node after the same sanitising as the HTML edition: what a reader of the
 * web page sees is what the print formats show. Scripts, styles and their contents are gone.
 */
export function rawHtmlText(html: string): string {
  const tree = sanitize(fromHtml(html, { fragment: true }), sanitizeSchema) as HastRoot;
  return toText(tree, { whitespace: "normal" });
}
