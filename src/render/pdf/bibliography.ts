import type { BibEntry, Bibliography } from "../../model/apparatus/bibliography-node.ts";
import type { PdfBlock, PdfContext } from "./context.ts";
import { inlinesToPdf } from "./inline.ts";

/** Indent of an entry's lines after its first, when the style sets a hanging indent (points). */
const hangingIndent = 18;

/** The bibliography: its entries in order, each a block of its own. */
export function bibliographyToPdf(node: Bibliography, ctx: PdfContext): PdfBlock[] {
  return node.children.flatMap((entry) => bibEntryToPdf(entry, ctx, node.hangingIndent));
}

/**
 * One entry: tagged `BibEntry` in the structure tree, a destination named by its id that every
 * citation of it links to; a hanging indent when the style sets one.
 */
export function bibEntryToPdf(node: BibEntry, ctx: PdfContext, hanging = false): PdfBlock[] {
  const id = ctx.idPrefix + node.id;
  ctx.collected.placedIds.add(id);
  const after = ctx.tight ? 2 : ctx.theme.spacing.paragraphAfter;
  return [
    {
      text: inlinesToPdf(node.children, ctx),
      tag: { type: "BibEntry" },
      id,
      margin: [hanging ? hangingIndent : 0, 0, 0, after * 0.75],
      ...(hanging ? { leadingIndent: -hangingIndent } : {}),
      ...ctx.theme.pagination,
    },
  ];
}
