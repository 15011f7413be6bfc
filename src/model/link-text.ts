import type { Root } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/**
 * Warns at a link with no text (`[](https://example.org)`, or one holding only an image with no alt
 * text): every format prints nothing to follow, and a screen reader finds a link with no name
 * (WCAG 2.4.4, 4.1.2).
 */
export function checkLinkText(tree: Root, file: VFile): void {
  visit(tree, "link", (node) => {
    if (plainText(node, { includeImageAlt: true }).trim() !== "") return;
    file.message(
      `A link with no text (\`${node.url}\`): readers see nothing to follow, and a screen reader names it only “link”; write its text between the brackets: \`[text](${node.url})\``,
      { place: node.position?.start, ruleId: "link-text", source: "folio" },
    );
  });
}
