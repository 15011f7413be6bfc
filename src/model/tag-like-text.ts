import type { Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { SKIP, visit } from "./visit.ts";

/**
 * HTML elements an editor writes inline in a report. A tag of one of these that Markdown does not
 * accept as HTML (an unquoted attribute value holding `=` or `/`, a stray quote) is printed as typed
 * in every format; this names it at its line instead of leaving it to a proof-reader.
 */
const inlineTags = new Set([
  "a",
  "abbr",
  "b",
  "br",
  "cite",
  "code",
  "del",
  "em",
  "i",
  "img",
  "ins",
  "kbd",
  "mark",
  "q",
  "s",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "u",
]);

/** The start of a tag in text: `<a ` or `</span>`. In a text node, Markdown did not take it as HTML. */
const tagStart = /<\/?([a-z]+)(?=[\s>/])/gi;

/**
 * Warns at every piece of running text that looks like an inline HTML tag but was not parsed as
 * one (CommonMark's rules for raw HTML are strict: `<a href=https://x.gov/?a=b>` is text). Code is
 * left alone: there a tag is meant to be shown.
 */
export function checkTagLikeText(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return SKIP;
    if (node.type !== "text") return undefined;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    for (const match of node.value.matchAll(tagStart)) {
      if (!inlineTags.has((match[1] ?? "").toLowerCase())) continue;
      const at = start === undefined ? -1 : source.indexOf(match[0], start);
      const found = at >= 0 && (end === undefined || at < end);
      // The tag as typed, to its `>` (it may run into a link Markdown made of its URL).
      const typed = found ? (/^<[^<>\n]{0,100}>?/.exec(source.slice(at))?.[0] ?? match[0]) : match[0];
      file.message(
        `\`${typed}\` is not valid inline HTML, so it is printed as typed: quote its attribute values (\`href="…"\`) or write a Markdown link`,
        {
          place: found && node.position ? placeAfter(source, node.position.start, at) : node.position?.start,
          ruleId: "tag-as-text",
          source: "folio",
        },
      );
    }
    return undefined;
  });
}
