import type { Nodes, Root } from "mdast";
import { bodyText } from "./facts/provenance.ts";
import { visit } from "./visit.ts";

// Every block a fact can quote gets its id here, at load, from the body alone: the HTML edition
// carries the same ids whether or not a fact sheet is built (facts are drafted only for the fact
// sheet, see src/model/facts/report-facts.ts), and the fact sheet links to the block that holds
// each quote by the id it already has.

/**
 * The id a block already carries: a heading's `data.id`, a labelled figure's label, else its
 * `data.hProperties.id`.
 */
export function blockId(node: Nodes): string | undefined {
  if (node.data?.id) return node.data.id;
  if (node.type === "paragraph" && node.data?.figure?.id) return node.data.figure.id;
  const id = node.data?.hProperties?.id;
  return typeof id === "string" ? id : undefined;
}

/**
 * Gives every block a quote can stand in (the anchors of `bodyText`: a paragraph, heading, table
 * cell or code block, or the list item around it) that has no id yet the id `src-1`, `src-2`… in
 * reading order, skipping `taken` and every id already in the tree.
 */
export function anchorQuotableBlocks(tree: Root, taken: Iterable<string>): void {
  const ids = new Set(taken);
  visit(tree, (node) => {
    const id = blockId(node);
    if (id) ids.add(id);
  });
  let n = 0;
  const anchored = new Set<Nodes>();
  for (const { anchor } of bodyText(tree).segments) {
    if (anchored.has(anchor) || blockId(anchor)) continue;
    anchored.add(anchor);
    let id: string;
    do id = `src-${++n}`;
    while (ids.has(id));
    ids.add(id);
    anchor.data = { ...anchor.data, hProperties: { ...anchor.data?.hProperties, id } };
  }
}
