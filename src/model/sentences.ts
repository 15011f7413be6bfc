import type { Nodes, Root } from "mdast";
import { acceptedContent } from "./critic-markup.ts";
import { isRawBreak } from "./inline-html.ts";

/**
 * Folds every run of whitespace (including no-break spaces) to one space, so layouts compare equal.
 * A zero-width space is no space: it only offers a line break inside a word, so it stays.
 */
export function foldSpace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, " ").trim();
}

/**
 * Splits prose into sentences: after `.`, `!` or `?` (and any closing quote or bracket) followed
 * by a space and a capital, digit or opening quote. "U.S. foreign" stays one sentence.
 */
export function splitSentences(text: string): string[] {
  return foldSpace(text)
    .split(/(?<=[.!?][”’"')\]]*)\s+(?=[A-Z“‘"(0-9])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

const blockTypes = new Set(["paragraph", "heading", "tableCell", "code"]);

/**
 * Stands where a footnote reference is in a sentence the parity check reads (`notes: true`): an
 * artifact may print the note's number there (HTML, PDF) or nothing (the DOCX's reference mark).
 */
export const noteMark = "\u{e000}";

/** What {@link readerText} and the sentence lists read beside the text. */
export interface ReadingScope {
  /** Mark each footnote reference with {@link noteMark} (for the parity check). */
  notes?: boolean;
}

/**
 * The text a reader reads in a block: a hard line break (`\` or two spaces at a line's end, or a
 * raw `<br>`) separates the words on either side, as it does on the page; other raw HTML tags add
 * nothing of their own (their content is text nodes of its own); an image reads as its alt text;
 * a CriticMarkup mark reads as accepted (insertions in, deletions and comments out).
 */
export function readerText(node: Nodes, scope: ReadingScope = {}): string {
  switch (node.type) {
    case "footnoteReference":
      return scope.notes ? noteMark : "";
    case "text":
    case "inlineCode":
    case "code":
      return node.value;
    case "break":
      return " ";
    case "html":
      return isRawBreak(node.value) ? " " : "";
    case "image":
      return node.alt ?? "";
    case "crossReference":
      return node.text;
    case "critic":
      // Every format's text is the accepted text (the HTML's check reads its page as accepted too).
      return acceptedContent(node)
        .map((child) => readerText(child, scope))
        .join("");
    default:
      return "children" in node
        ? (node.children as Nodes[]).map((child) => readerText(child, scope)).join("")
        : "";
  }
}

/** Text blocks of a tree in reading order: headings, paragraphs, table cells, code. */
export function textBlocks(tree: Root | Nodes, scope: ReadingScope = {}): string[] {
  const blocks: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === "footnoteDefinition" || node.type === "definition" || node.type === "yaml") return;
    if (blockTypes.has(node.type)) {
      const text = foldSpace(readerText(node, scope));
      if (text) blocks.push(text);
      return;
    }
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree as Nodes);
  return blocks;
}

/** Every sentence and heading of a tree, in reading order: what every artifact must hold. */
export function treeSentences(tree: Root, scope: ReadingScope = {}): string[] {
  return textBlocks(tree, scope).flatMap(splitSentences);
}

/** Result of looking for sentences in an artifact's text. */
export interface OrderCheck {
  found: number;
  /** The first sentence not found after the previous one, if any. */
  missing?: string;
}

/** Checks that each sentence occurs in `text` after the one before it (whitespace folded on both sides). */
export function findInOrder(text: string, sentences: readonly string[]): OrderCheck {
  const haystack = foldSpace(text);
  let from = 0;
  let found = 0;
  for (const sentence of sentences) {
    const at = haystack.indexOf(foldSpace(sentence), from);
    if (at < 0) return { found, missing: sentence };
    from = at + sentence.length;
    found++;
  }
  return { found };
}
