import type { Nodes as HastNodes, Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import { raw } from "hast-util-raw";
import { sanitize } from "hast-util-sanitize";
import { toText } from "hast-util-to-text";
import type { Nodes } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { KeptByKey } from "../assets/kept.ts";
import { sanitizeSchema } from "./sanitize-schema.ts";

// What a reader sees, in one place: every format and every check sanitises raw HTML with the
// HTML edition's rules before taking its text.

/**
 * The text a reader sees of an mdast node: raw HTML parsed and sanitised as in the HTML edition,
 * so `a<script>x</script>b` reads "ab", not "axb".
 */
export function plainText(node: Nodes): string {
  const hast = toHast(node, { allowDangerousHtml: true }) as HastRoot;
  return toText(sanitizedHast(hast), { whitespace: "normal" });
}

/**
 * A hast tree made from mdast with its raw HTML kept (`allowDangerousHtml`) as the HTML edition
 * shows it: the raw HTML parsed, then everything sanitised with GitHub's rules. Only raw HTML needs
 * the HTML parser: hast-util-raw runs parse5 over the whole tree (11 ms of a watch rebuild of the
 * factbook for `plainText`, 15 ms of the web page of a report of tables), and a tree without any is
 * what parse5 would give back.
 */
export function sanitizedHast(hast: HastRoot): HastRoot {
  return sanitize(holdsRaw(hast) ? raw(hast) : hast, sanitizeSchema) as HastRoot;
}

/** Phrasing that `plainText` reads as the text of its children, when it carries no `data`. */
const runTypes = new Set(["emphasis", "strong", "delete", "link"]);

/**
 * At least `plainText(node).length`, counted without rendering: its text and inline code, and two
 * characters per hard break (the break and the newline after it), for phrasing made only of
 * those, emphasis, strong, deletions and links, none with `data` (which may give it other
 * children: a cross-reference's label). Undefined for anything else. Whitespace only collapses
 * on the way to plain text, so the count never falls short.
 */
export function plainTextLengthBound(nodes: readonly Nodes[]): number | undefined {
  let length = 0;
  for (const node of nodes) {
    if (node.data !== undefined) return undefined;
    if (node.type === "text" || node.type === "inlineCode") length += node.value.length;
    else if (node.type === "break") length += 2;
    else if (runTypes.has(node.type)) {
      const inner = plainTextLengthBound((node as { children: Nodes[] }).children);
      if (inner === undefined) return undefined;
      length += inner;
    } else return undefined;
  }
  return length;
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
  return rawTexts.get(html, () => {
    const tree = sanitize(fromHtml(html, { fragment: true }), sanitizeSchema) as HastRoot;
    return toText(tree, { whitespace: "normal" });
  });
}

/**
 * Each raw HTML snippet's text, kept by the snippet (its only input): a report repeats its few
 * snippets (`<strong>`, `</strong>`, a `<sup>`), each format and the facts read them, and each read
 * ran parse5 on it: 3 ms of a watch rebuild of the factbook, hundreds of calls per render.
 */
const rawTexts = new KeptByKey<string>(1_000_000, { weigh: (text, html) => text.length + html.length });
