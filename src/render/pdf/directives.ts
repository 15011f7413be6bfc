import type { Nodes } from "mdast";
import type { ContainerDirective, LeafDirective } from "mdast-util-directive";
import { box } from "./boxes.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";
import { inlinesToPdf } from "./inline.ts";

type RenderBlocks = (nodes: readonly Nodes[], ctx: PdfContext) => PdfBlock[];

/** The table of contents: pdfmake fills in the page numbers of every heading marked `tocItem`. */
export function tocBlock(ctx: PdfContext): PdfBlock {
  return {
    toc: {
      title: { text: ctx.labels.text("contents"), style: "tocTitle", margin: [0, 0, 0, 8] },
      textStyle: "tocEntry",
      numberStyle: "tocNumber",
    },
    margin: [0, 0, 0, ctx.theme.spacing.paragraphAfter * 2],
  };
}

/**
 * Layout blocks of the shared templates (`title-block`, `colophon`, `note`, `keep-together`).
 * An unknown container still prints its content as a plain block (the loader warned about it).
 */
export function containerDirective(
  node: ContainerDirective,
  ctx: PdfContext,
  render: RenderBlocks,
): PdfBlock[] {
  const { colors, spacing } = ctx.theme;
  switch (node.name) {
    case "title-block":
      return [{ stack: render(node.children, nested(ctx, { inTitleBlock: true })) }];
    case "colophon":
      return [{ stack: render(node.children, nested(ctx, { tight: true })), style: "small" }];
    case "note":
      return [
        {
          ...box(render(node.children, nested(ctx, { width: ctx.width - 24 })), {
            fill: colors.noteBackground,
            rule: colors.accent,
            ruleWidth: 2.5,
            padding: 10,
            paddingLeft: 12,
          }),
          margin: [0, 2, 0, spacing.paragraphAfter + 4],
        },
      ];
    case "keep-together":
      return [{ stack: render(node.children, nested(ctx, {})), unbreakable: true }];
    default:
      return [{ stack: render(node.children, nested(ctx, {})) }];
  }
}

/** One-line layout elements of the shared templates (`eyebrow`, `subtitle`, `byline`, `pagebreak`, `toc`). */
export function leafDirective(node: LeafDirective, ctx: PdfContext): PdfBlock[] {
  const line = (style: string, margin: number[], role: "body" | "heading" = "heading"): PdfBlock[] => [
    { text: inlinesToPdf(node.children, nested(ctx, { role })), style, margin },
  ];
  switch (node.name) {
    case "eyebrow":
      return line("eyebrow", [0, 0, 0, 12]);
    case "subtitle":
      return line("subtitle", [0, 0, 0, 12]);
    case "byline":
      return line("byline", [0, 6, 0, 0]);
    case "pagebreak":
      return [{ text: "", pageBreak: "after" }];
    case "toc":
      // Only the `::toc` the contents plan placed; any other was warned about at load.
      return node === ctx.contents?.at && ctx.contents.show ? [tocBlock(ctx)] : [];
    default:
      return line("", [0, 0, 0, ctx.theme.spacing.paragraphAfter], "body");
  }
}
