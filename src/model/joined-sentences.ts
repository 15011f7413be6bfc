import type { Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { SKIP, visit } from "./visit.ts";

/**
 * A word of two or more lower-case letters, a full stop, question or exclamation mark, and a
 * capitalised word, with no space between: `debt.Interest`, two sentences run together. Not after a
 * letter, digit, slash, dot, `@` or `-` (`U.S.Treasury`, `login.gov`, `path/file.Name`), and not an
 * initial or an abbreviation of one letter (`i.e.The` is left to the reader).
 */
const joined = /(?<![\p{L}\p{N}/.@_-])(\p{Ll}{2,})([.!?])(\p{Lu}\p{Ll}+)/gu;

/**
 * Warns at each full stop (or question or exclamation mark) with no space after it before a
 * capitalised word, in the prose's text: a hurried edit that joined two sentences, which every
 * format prints as typed. Code, raw HTML and links whose text is their address are left out.
 */
export function checkJoinedSentences(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html" || node.type === "yaml")
      return SKIP;
    if (
      node.type === "link" &&
      node.children.every((child) => child.type === "text" && isAddress(child.value, node.url))
    )
      return SKIP;
    if (node.type !== "text") return undefined;
    const start = node.position?.start;
    const end = node.position?.end.offset;
    for (const match of node.value.matchAll(joined)) {
      const [typed, before, mark, after] = match as unknown as [string, string, string, string];
      // Where it was typed: found in the node's source (escapes and entities can move it), else the node's start.
      const at =
        start?.offset === undefined || end === undefined
          ? -1
          : source.slice(start.offset, end).indexOf(typed);
      file.message(
        `\`${typed}\` has no space after its \`${mark}\`: two sentences run together? (write \`${before}${mark} ${after}\`)`,
        {
          ...(start
            ? { place: at < 0 ? start : placeAfter(source, start, (start.offset ?? 0) + at + before.length) }
            : {}),
          ruleId: "joined-sentences",
          source: "folio",
        },
      );
    }
    return undefined;
  });
}

/** Whether a link's text is its own address, as an autolink's is (`www.example.org/Page`). */
function isAddress(text: string, url: string): boolean {
  const bare = (value: string) => value.replace(/^(?:[a-z]+:\/\/|mailto:)/i, "");
  return bare(text) === bare(url) || url.endsWith(text);
}
