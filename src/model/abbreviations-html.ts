import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Data, Html, Nodes, Parent, PhrasingContent, Root } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";

// `<abbr title="Centers for Disease Control and Prevention">CDC</abbr>` arrives from the parser
// as three nodes (an opening tag, the text, a closing tag) that only the HTML edition understood.
// Here the pair becomes one `abbr` node, so every format renders the same decision: HTML keeps
// `<abbr title>`, the PDF tags a Span with its expansion (/E), the DOCX spells it out at first use.

/** An abbreviation the source marked with `<abbr>`, with what it stands for. */
export interface Abbr extends Parent {
  type: "abbr";
  children: PhrasingContent[];
  /** What it stands for (the `title` attribute); undefined when the source gave none. */
  expansion?: string;
  /**
   * The first use of this abbreviation with this expansion in the body text (not a heading), where
   * the text around it does not already spell it out: the formats that cannot show an expansion on
   * demand (Word) print it here, once.
   */
  spellOut?: boolean;
  /**
   * The first use is spelled out in the text of every format, not only Word's (the theme's
   * `abbreviations.expandFirstUse`): set with `spellOut`.
   */
  inText?: boolean;
  data?: Data;
}

declare module "mdast" {
  interface PhrasingContentMap {
    abbr: Abbr;
  }
  interface RootContentMap {
    abbr: Abbr;
  }
}

const opening = /^<abbr(?:\s[^>]*)?>$/i;
const closing = /^<\/abbr\s*>$/i;

const isTag = (node: Nodes, pattern: RegExp): node is Html =>
  node.type === "html" && pattern.test(node.value.trim());

/** The `title` of an opening `<abbr …>` tag, parsed as a browser does (entities decoded). */
function titleOf(tag: string): string | undefined {
  const element = fromHtml(`${tag}</abbr>`, { fragment: true }).children[0] as Element | undefined;
  const title = element?.properties?.title;
  return typeof title === "string" && title.trim() ? title.trim() : undefined;
}

/**
 * Replaces each inline `<abbr …>…</abbr>` (tags in one paragraph; an unclosed one runs to the
 * paragraph's end, as a browser reads it) with an `abbr` node, and marks the first use of each.
 */
export function abbreviationsFromHtml(tree: Root): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (!("children" in node)) continue;
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Nodes;
      if (isTag(child, opening)) {
        let depth = 0;
        let end = i + 1;
        for (; end < children.length; end++) {
          const next = children[end] as Nodes;
          if (isTag(next, opening)) depth++;
          else if (isTag(next, closing) && depth-- === 0) break;
        }
        const close = children[end];
        const abbr: Abbr = {
          type: "abbr",
          children: children.slice(i + 1, end) as PhrasingContent[],
          expansion: titleOf(child.value.trim()),
          // Every mdast → hast conversion (the plain text of sentences) sees an inline element.
          data: { hName: "abbr" },
        };
        const start = child.position?.start;
        const stop = (close ?? children[end - 1] ?? child).position?.end;
        if (start && stop) abbr.position = { start, end: stop };
        children.splice(i, end - i + (close ? 1 : 0), abbr as never);
      }
      stack.push(children[i] as Nodes);
    }
  }
}

/**
 * Sets `spellOut` on the first use of each abbreviation in body text that is not spelled out beside
 * it (and `inText` there too when every format spells it out: the theme's switch).
 */
export function markFirstUses(tree: Root, inText = false): void {
  const seen = new Set<string>();
  const walk = (node: Nodes, block: Nodes | undefined): void => {
    if (node.type === "heading") return;
    if (node.type === "abbr" && node.expansion) {
      const key = `${nodeText(node)}\u0000${node.expansion}`;
      if (!seen.has(key)) {
        seen.add(key);
        const around = block ? nodeText(block).toLowerCase() : "";
        if (!around.includes(node.expansion.toLowerCase())) {
          node.spellOut = true;
          if (inText) node.inText = true;
        }
      }
    }
    const inner = node.type === "paragraph" || node.type === "tableCell" ? node : block;
    if ("children" in node) for (const child of node.children as Nodes[]) walk(child, inner);
  };
  walk(tree, undefined);
}

/**
 * A copy of the tree as the formats that spell abbreviations out read it: each abbreviation
 * marked `spellOut` followed by its expansion in parentheses (the DOCX's text, for parity checks);
 * with `onlyInText`, only those every format spells out (the HTML's and PDF's text).
 */
export function spelledOut(tree: Root, onlyInText = false): Root {
  const copy = structuredClone(tree);
  const walk = (node: Nodes): void => {
    if (node.type === "abbr" && node.spellOut && node.expansion && (!onlyInText || node.inText))
      node.children.push({ type: "text", value: ` (${node.expansion})` });
    if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(copy);
  return copy;
}
