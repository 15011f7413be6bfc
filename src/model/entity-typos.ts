import { fromHtml } from "hast-util-from-html";
import type { Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { didYouMean } from "./suggest.ts";
import { SKIP, visit } from "./visit.ts";

/** The named character references editors type, for a suggestion (Markdown knows all of HTML's). */
const common = [
  "nbsp",
  "mdash",
  "ndash",
  "amp",
  "lt",
  "gt",
  "quot",
  "apos",
  "hellip",
  "rsquo",
  "lsquo",
  "rdquo",
  "ldquo",
  "laquo",
  "raquo",
  "copy",
  "reg",
  "trade",
  "deg",
  "times",
  "divide",
  "plusmn",
  "sect",
  "para",
  "middot",
  "bull",
  "euro",
  "pound",
  "yen",
  "cent",
  "frac12",
  "frac14",
  "frac34",
  "micro",
  "eacute",
  "egrave",
  "agrave",
  "ccedil",
  "ouml",
  "uuml",
  "auml",
  "ntilde",
  "shy",
  "thinsp",
  "minus",
];

/** `&name;` left in the text: Markdown decodes every reference HTML knows, so this one is no reference. */
const unknownReference = /&([A-Za-z][A-Za-z0-9]{1,31});/g;

/** A common reference typed without its `;`, which Markdown then leaves as text (`&mdash of`). */
const unterminated = new RegExp(`&(${common.join("|")})(?![A-Za-z0-9;])`, "g");

/**
 * Warns at a character reference printed as typed: a misspelt name (`&nbps;`) or a known one
 * without its `;` (`&mdash`), both of which every format prints letter for letter. An escaped
 * ampersand (`\&nbsp;`) is meant as text; code is left alone.
 */
export function checkEntityTypos(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return SKIP;
    if (node.type !== "text" || !node.value.includes("&")) return undefined;
    const origin = node.position?.start;
    const start = origin?.offset;
    const end = node.position?.end.offset;
    if (origin === undefined || start === undefined || end === undefined) return undefined;
    const typed = source.slice(start, end);
    const report = (at: number, found: string, why: string) => {
      if (typed[at - 1] === "\\") return;
      file.message(`\`${found}\` is printed as typed: ${why}`, {
        place: placeAfter(source, origin, start + at),
        ruleId: "character-reference",
        source: "folio",
      });
    };
    for (const match of typed.matchAll(unknownReference)) {
      const [found, name] = match as unknown as [string, string];
      if (isReference(found)) continue; // decoded: a reference HTML knows
      const near = didYouMean(name, common);
      report(
        match.index,
        found,
        near ? `did you mean \`&${near};\`?` : "no character has that name (type the character itself)",
      );
    }
    for (const match of typed.matchAll(unterminated)) {
      const [found] = match as unknown as [string];
      report(match.index, found, `a character reference ends with \`;\` (\`${found};\`)`);
    }
    return undefined;
  });
}

/** Whether HTML (and so Markdown, which knows the same names) decodes `&name;` to a character. */
function isReference(typed: string): boolean {
  const text = fromHtml(typed, { fragment: true }).children[0];
  return text?.type === "text" && text.value !== typed;
}
