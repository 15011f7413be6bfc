import type { Nodes } from "mdast";
import type { ContainerDirective, LeafDirective } from "mdast-util-directive";
import type { ContentToc, Margins } from "pdfmake/interfaces.js";
import { captionListTitle } from "../../model/apparatus/lists.ts";
import { calloutParts } from "../../model/callouts.ts";
import type { DirectiveTable } from "../../model/directives.ts";
import { noteLook } from "../../theme/theme.ts";
import { box } from "./boxes.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";
import { captionListIds } from "./figures.ts";
import { inlinesToPdf } from "./inline.ts";
import { coverLogo } from "./logo.ts";

type RenderBlocks = (nodes: readonly Nodes[], ctx: PdfContext) => PdfBlock[];

/** The table of contents: pdfmake fills in the page numbers of every heading marked `tocItem`. */
export function tocBlock(ctx: PdfContext): ContentToc {
  return {
    toc: {
      title: {
        text: ctx.labels.text("contents"),
        style: "tocTitle",
        tag: { type: "H2" },
        margin: [0, 0, 0, 8],
      },
      textStyle: "tocEntry",
      numberStyle: "tocNumber",
    },
    tag: { type: "TOC" },
    margin: [0, 0, 0, ctx.theme.spacing.paragraphAfter * 2],
  };
}

/** A list of figures or tables: pdfmake lists each numbered caption (`tocItem`) with its page. */
function captionListBlock(kind: "fig" | "tbl", ctx: PdfContext): PdfBlock {
  return {
    toc: {
      id: captionListIds[kind],
      title: {
        text: captionListTitle(kind, ctx.labels),
        style: "tocTitle",
        tag: { type: "H2" },
        margin: [0, 0, 0, 8],
      },
      textStyle: "tocEntry",
      numberStyle: "tocNumber",
    },
    tag: { type: "TOC" },
    margin: [0, 0, 0, ctx.theme.spacing.paragraphAfter * 2],
  };
}

const line = (
  node: LeafDirective,
  ctx: PdfContext,
  style: string,
  margin: Margins,
  role: "body" | "heading" = "heading",
): PdfBlock[] => [
  { text: inlinesToPdf(node.children, nested(ctx, { role })), style, tag: { type: "P" }, margin },
];

/**
 * A note (a call-out) in a box of its kind's colours, one Div: its title first, tagged Caption (a
 * label of the box, not a section heading: the outline and the heading levels stay the body's).
 */
function note(node: ContainerDirective, ctx: PdfContext, render: RenderBlocks): PdfBlock[] {
  const { spacing, sizes } = ctx.theme;
  const { kind, title, body } = calloutParts(node);
  const look = noteLook(ctx.theme, kind);
  const inner = nested(ctx, { width: ctx.width - 24 });
  const heading: PdfBlock[] = title
    ? [
        {
          text: inlinesToPdf(title.children, nested(inner, { role: "heading" })),
          font: "heading",
          bold: true,
          fontSize: sizes.body,
          color: look.title,
          tag: { type: "Caption" },
          // Paginated as a heading (src/render/pdf/pagination.ts): a title that would end a page,
          // its text overleaf, moves to the next page, and the note's box with it.
          headlineLevel: 6,
          margin: [0, 0, 0, 4],
        },
      ]
    : [];
  return [
    {
      ...box([...heading, ...render(body, inner)], {
        fill: look.background,
        rule: look.rule,
        ruleWidth: 2.5,
        padding: 10,
        paddingLeft: 12,
      }),
      tag: { type: "Div" },
      margin: [0, 2, 0, spacing.paragraphAfter + 4],
    },
  ];
}

/**
 * Layout blocks of the shared templates and the body (`title-block`, `colophon`, `note`,
 * `keep-together`, `eyebrow`, `subtitle`, `byline`, `pagebreak`, `toc`), one handler per name. An
 * unknown directive prints its content as a plain block (the loader warned about it).
 */
export function pdfDirectives(render: RenderBlocks) {
  return {
    containerDirective: {
      "title-block": (node, ctx) => [{ stack: render(node.children, nested(ctx, { inTitleBlock: true })) }],
      colophon: (node, ctx) => [
        { stack: render(node.children, nested(ctx, { tight: true })), style: "small" },
      ],
      note: (node, ctx) => note(node, ctx, render),
      "keep-together": (node, ctx) => [{ stack: render(node.children, nested(ctx, {})), unbreakable: true }],
      // The front matter's abstract: its label and text indented as one block under the dateline.
      abstract: (node, ctx) => {
        const indent = ctx.theme.sizes.body * 2;
        return [
          {
            stack: render(node.children, nested(ctx, { width: ctx.width - 2 * indent })),
            tag: { type: "Div" },
            margin: [indent, 18, indent, 0],
          },
        ];
      },
    },
    leafDirective: {
      eyebrow: (node, ctx) => line(node, ctx, "eyebrow", [0, 0, 0, 12]),
      subtitle: (node, ctx) => line(node, ctx, "subtitle", [0, 0, 0, 12]),
      authors: (node, ctx) => line(node, ctx, "authors", [0, 6, 0, 0]),
      byline: (node, ctx) => line(node, ctx, "byline", [0, 6, 0, 0]),
      dateline: (node, ctx) => line(node, ctx, "byline", [0, 6, 0, 0]),
      "abstract-title": (node, ctx) => line(node, ctx, "eyebrow", [0, 0, 0, 4]),
      pagebreak: () => [{ text: "", pageBreak: "after" }],
      // The brand's logo in the title block (docs/brands.md).
      logo: (_node, ctx) => coverLogo(ctx),
      // Only the `::toc` the contents plan placed; any other was warned about at load.
      toc: (node, ctx) => (node === ctx.contents?.at && ctx.contents.show ? [tocBlock(ctx)] : []),
      "list-of-figures": (_node, ctx) => [captionListBlock("fig", ctx)],
      "list-of-tables": (_node, ctx) => [captionListBlock("tbl", ctx)],
    },
    textDirective: {},
    unknown: (node, ctx) =>
      node.type === "leafDirective"
        ? line(node, ctx, "", [0, 0, 0, ctx.theme.spacing.paragraphAfter], "body")
        : node.type === "containerDirective"
          ? [{ stack: render(node.children, nested(ctx, {})) }]
          : [{ text: inlinesToPdf(node.children, ctx) }],
  } satisfies DirectiveTable<PdfContext, PdfBlock[]>;
}
