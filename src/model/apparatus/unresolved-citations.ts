import type { Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "../visit.ts";
import { isCrossReferenceKey } from "./cite-syntax.ts";

/**
 * Until a bibliography resolves them, a citation of a bibliography key is an error at its line:
 * never printed as typed.
 */
export function reportUnresolvedCitations(tree: Root, file: VFile): void {
  visit(tree, "cite", (node) => {
    for (const item of node.items) {
      if (isCrossReferenceKey(item.key)) continue;
      const message = file.message(`No bibliography: citation \`@${item.key}\` cannot be resolved`, {
        place: node.position,
        ruleId: "citation",
        source: "folio",
      });
      message.fatal = true;
    }
  });
}
