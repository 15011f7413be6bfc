import type { Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { SKIP, visit } from "./visit.ts";

/**
 * Warns at a `**` or `__` left in running text: a strong mark Markdown found no partner for
 * (`**Note: the figures` with no closing `**`), which every format prints as typed; and at a
 * backtick left there (`` `config.yaml is read``): a code span Markdown found no closing backtick
 * for. One left as text on purpose is written escaped (`\*\*`, `` \` ``), which this does not find;
 * code is left alone.
 */
export function checkUnclosedMarks(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return SKIP;
    if (node.type !== "text") return undefined;
    const origin = node.position?.start;
    const start = origin?.offset;
    const end = node.position?.end.offset;
    if (origin === undefined || start === undefined || end === undefined) return undefined;
    let from = start;
    for (const match of node.value.matchAll(/\*\*+|__+|`+/g)) {
      // As typed in the source, within this text: an escaped mark (`\*\*`) is not found there.
      const at = source.indexOf(match[0], from);
      if (at < 0 || at >= end) continue;
      from = at + match[0].length;
      if (source[at - 1] === "\\") continue;
      if (match[0].startsWith("`")) {
        const ticks = match[0];
        const what = ticks.length === 1 ? "A backtick (`)" : `A run of ${ticks.length} backticks (${ticks})`;
        file.message(
          `${what} opens code that nothing closes in its paragraph, so it is printed as typed: add the closing ${ticks}, or write it as ${[...ticks].map((c) => `\\${c}`).join("")}`,
          { place: placeAfter(source, origin, at), ruleId: "unclosed-code-span", source: "folio" },
        );
        continue;
      }
      const mark = match[0].slice(0, 2);
      file.message(
        `\`${mark}\` has no closing \`${mark}\`, so it is printed as typed: close it (\`${mark}bold${mark}\`) or write it as \`${[...mark].map((c) => `\\${c}`).join("")}\``,
        { place: placeAfter(source, origin, at), ruleId: "unclosed-strong", source: "folio" },
      );
    }
    return undefined;
  });
}
