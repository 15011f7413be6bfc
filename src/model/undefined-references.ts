import type { Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { didYouMean } from "./suggest.ts";
import { SKIP, visit } from "./visit.ts";

/** A full or collapsed reference link as it stays in text when its label has no definition: `[text][label]`, `[text][]`. */
const referenceLike = /\[([^[\]\n^@][^[\]\n]*)\]\[([^[\]\n]*)\]/g;

/**
 * Warns at a reference link whose label no definition gives (`[the report][rpt]` without a line
 * `[rpt]: https://…`): Markdown then makes no link, and every format prints the brackets as typed.
 * Found in running text only (a label that is defined made a link already); code is left alone.
 */
export function checkUndefinedReferences(tree: Root, file: VFile, source: string): void {
  const defined: string[] = [];
  visit(tree, "definition", (node) => {
    defined.push(node.label ?? node.identifier);
  });
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return SKIP;
    if (node.type !== "text") return undefined;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    for (const match of node.value.matchAll(referenceLike)) {
      const label = match[2] || (match[1] ?? "");
      const at = start === undefined ? -1 : source.indexOf(match[0], start);
      const found = at >= 0 && (end === undefined || at < end);
      const near = didYouMean(label, defined);
      file.message(
        `\`${match[0]}\` is printed as typed: no line \`[${label}]: …\` defines the link${near ? `; did you mean \`[${near}]\`?` : ""}`,
        {
          place: found && node.position ? placeAfter(source, node.position.start, at) : node.position?.start,
          ruleId: "undefined-reference",
          source: "folio",
        },
      );
    }
    return undefined;
  });
}
