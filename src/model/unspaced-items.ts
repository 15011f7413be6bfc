import type { Paragraph, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/**
 * A paragraph that starts as a list item would, but with no space after its marker: `1.Item`,
 * `-Item`. Not `*`: `*Item` is more often emphasis left open than a bullet.
 */
const unspacedItem = /^(\d{1,3}[.)]|[-+])(?=\p{L})/u;

/**
 * Warns at paragraphs typed as list items without the space after the marker (`1.Le Ministère…`,
 * `-Funding`): Markdown reads each as a paragraph, so every format prints the marker glued to its
 * text where a list was meant. A run of such paragraphs, one after another, gets one warning, at
 * the first. A number needs a letter right after its `.` or `)` (`3.5 million` is prose).
 */
export function checkUnspacedItems(tree: Root, file: VFile, source: string): void {
  // As typed: an escaped or encoded marker (`\-one`, `&#45;one`) is meant as text.
  const markerOf = (node: RootContent | undefined) => {
    const marker = typedMarker(node);
    const at = node?.position?.start.offset;
    return marker !== undefined && at !== undefined && source.startsWith(marker, at) ? marker : undefined;
  };
  visit(tree, (node) => {
    if (!("children" in node)) return undefined;
    const children = node.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const marker = markerOf(children[i]);
      if (marker === undefined) continue;
      let last = i;
      while (last + 1 < children.length && markerOf(children[last + 1]) !== undefined) last++;
      const first = children[i] as Paragraph;
      const typed = (first.children[0] as { value: string }).value.split("\n")[0]?.slice(0, 30) ?? "";
      const more = last - i;
      file.message(
        more > 0
          ? `\`${typed}…\` and the ${more} paragraph${more === 1 ? "" : "s"} after it are printed as typed, not as a list: put a space after each one's marker (\`${marker} \`)`
          : `\`${typed}…\` is printed as typed, not as a list item: put a space after the \`${marker}\``,
        { place: first.position?.start, ruleId: "item-without-space", source: "folio" },
      );
      i = last;
    }
    return undefined;
  });
}

/** The list marker a paragraph's text starts with, glued to a letter; undefined for any other block. */
function typedMarker(node: RootContent | undefined): string | undefined {
  if (node?.type !== "paragraph") return undefined;
  const first = node.children[0];
  if (first?.type !== "text") return undefined;
  return unspacedItem.exec(first.value)?.[1];
}
