import type { Root } from "mdast";
import type { VFile } from "vfile";
import { SKIP, visit } from "./visit.ts";

/** A link or image whose address has a space: `[text](my plan.pdf)`, which Markdown leaves as text. */
const spacedAddress = /(!?)\[([^[\]\n]*)\]\(([^()\s<>]+(?:[ \t]+[^()\s<>"']+)+)\)/g;

/** A paragraph that starts as a heading would, but with no space after its `#`s: `##Findings`. */
const unspacedHeading = /^(#{2,6})(?=[^\s#\d])/;

/**
 * Warns at Markdown a hurried editor typed that Markdown reads as plain text, so every format prints
 * it as typed: a link or image whose address has a space (the image is not shown at all), and a
 * heading with no space after its `#`s. Code is left alone.
 */
export function checkTypedAsText(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return SKIP;
    if (node.type === "paragraph") {
      const first = node.children[0];
      const start = node.position?.start;
      if (first?.type === "text" && start?.offset !== undefined) {
        const hashes = unspacedHeading.exec(source.slice(start.offset, start.offset + 7))?.[1];
        if (hashes)
          file.message(
            `\`${source.slice(start.offset).split("\n")[0]?.slice(0, 40)}\` is printed as typed, not as a heading: put a space after the \`${hashes}\``,
            {
              place: { line: start.line, column: start.column },
              ruleId: "heading-without-space",
              source: "folio",
            },
          );
      }
      return undefined;
    }
    if (node.type !== "text") return undefined;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    for (const match of node.value.matchAll(spacedAddress)) {
      const at = start === undefined ? -1 : source.indexOf(match[0], start);
      const found = at >= 0 && (end === undefined || at < end);
      const [typed, bang, , address] = match as unknown as [string, string, string, string];
      const what = bang ? "an image: it is not shown" : "a link";
      file.message(
        `\`${typed}\` is printed as typed, not as ${what}, because its address has a space: write \`${typed.replace(`(${address})`, `(<${address}>)`)}\` or \`${address.replace(/[ \t]+/g, "%20")}\``,
        {
          place: found ? pointAt(source, at) : node.position?.start,
          ruleId: bang ? "image-as-text" : "link-as-text",
          source: "folio",
        },
      );
    }
    return undefined;
  });
}

/** Line and column (1-based) of an offset in the source. */
function pointAt(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
