import type { Root as HastRoot } from "hast";
import { raw } from "hast-util-raw";
import { sanitize } from "hast-util-sanitize";
import { toText } from "hast-util-to-text";
import type { Nodes } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { sanitizeSchema } from "./sanitize-schema.ts";

/**
 * The text a reader sees of an mdast node: raw HTML parsed and sanitised as in the HTML edition,
 * so `a<script>x</script>b` reads "ab", not "axb".
 */
export function plainText(node: Nodes): string {
  const hast = toHast(node, { allowDangerousHtml: true }) as HastRoot;
  return toText(sanitize(raw(hast), sanitizeSchema) as HastRoot, { whitespace: "normal" });
}
