import type { BibEntry, Bibliography } from "../../model/apparatus/bibliography-node.ts";
import { type DocxContext, type Piece, paragraph, renderInlines } from "./context.ts";
import { bookmarked } from "./inlines.ts";

/** Indent of an entry's lines after its first, when the style sets a hanging indent (twentieths of a point). */
const hangingIndent = 360;

/** The bibliography: its entries in order. */
export function bibliography(node: Bibliography, context: DocxContext): Piece[] {
  return node.children.flatMap((entry) => bibEntry(entry, context, node.hangingIndent));
}

/** One entry: a paragraph in a bookmark named by its id, which every citation of it links to. */
export function bibEntry(node: BibEntry, context: DocxContext, hanging = false): Piece[] {
  const runs = renderInlines(node.children, context);
  return [
    paragraph(
      bookmarked(node.id, runs, context),
      context,
      hanging ? { indent: { left: hangingIndent, hanging: hangingIndent } } : {},
    ),
  ];
}
