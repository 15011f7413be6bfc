import type { Heading, Root } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import type { VFile } from "vfile";
import { linesAround } from "./source-place.ts";
import { SKIP, visit } from "./visit.ts";

/**
 * Warns at two headings an editor did not mean: one with no text (`## ` alone, an empty title in
 * every format and in the contents), and a paragraph that a line of `---` right under it made a
 * heading (Setext's underline), where a rule after it was meant: a heading that reads as a
 * sentence (it ends with `.`, `!`, `;` or `,`), runs over several lines, or is over 80
 * characters long. A short title underlined on purpose is left alone.
 */
export function checkHeadingTypos(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type !== "heading") return undefined;
    const start = node.position?.start;
    const end = node.position?.end;
    if (!start || !end) return SKIP;
    const text = plainText(node).trim();
    if (text === "" && !node.children.some((child) => child.type === "image")) {
      file.message(
        "A heading with no text: it is printed as an empty title, and listed empty in the contents (write its title, or remove the line)",
        { place: start, ruleId: "empty-heading", source: "folio" },
      );
      return SKIP;
    }
    if (start.offset === undefined || end.offset === undefined) return SKIP;
    const [first] = linesAround(source, start.offset);
    const [underline = ""] = linesAround(source, end.offset);
    if (isAtx(first) || !/^-+$/.test(underline.trim()) || !readsAsSentence(node, text)) return SKIP;
    file.message(
      "This paragraph is a heading because of the `---` right under it: for a rule after the paragraph, put a blank line before the `---`",
      { place: start, ruleId: "underlined-paragraph", source: "folio" },
    );
    return SKIP;
  });
}

function isAtx(line: string | undefined): boolean {
  return /^ {0,3}#{1,6}(?:[ \t]|$)/.test(line ?? "");
}

function readsAsSentence(node: Heading, text: string): boolean {
  const lines = (node.position?.end.line ?? 0) - (node.position?.start.line ?? 0);
  // Not a `?`: a question is a common heading (“Why does it matter?”), underlined or not.
  return /[.!;,]$/.test(text) || lines > 1 || text.length > 80;
}
