import { LineRuleType, Paragraph } from "docx";
import type { BlockContent, DefinitionContent } from "mdast";
import type { ContainerDirective, LeafDirective } from "mdast-util-directive";
import { calloutParts } from "../../model/callouts.ts";
import type { DirectiveTable } from "../../model/directives.ts";
import { captionListField } from "./caption-lists.ts";
import {
  type DocxContext,
  type Piece,
  paragraph,
  renderBlocks,
  renderInlines,
  withFrame,
  withMarks,
} from "./context.ts";
import { logo } from "./images.ts";
import { noteStyleId } from "./note-styles.ts";
import { styleIds } from "./style-ids.ts";
import { tableOfContents } from "./toc.ts";

type ContainerChild = BlockContent | DefinitionContent;

/**
 * A note (a call-out): its title in the kind's title style, kept with the body that follows, then
 * its blocks in the kind's note style (one shaded box in Word). In a footnote, the footnote's style.
 */
function note(node: ContainerDirective, context: DocxContext): Piece[] {
  const { kind, title, body } = calloutParts(node);
  const inFootnote = context.frame.inFootnote;
  const noteContext = withFrame(context, {
    style: inFootnote ? styleIds.footnoteText : noteStyleId(kind, "body"),
  });
  const heading = title
    ? [
        paragraph(
          renderInlines(
            title.children,
            withMarks(noteContext, inFootnote ? { bold: true } : { styleBold: true }),
          ),
          withFrame(context, { style: inFootnote ? styleIds.footnoteText : noteStyleId(kind, "title") }),
          { keepNext: true },
        ),
      ]
    : [];
  return [...heading, ...renderBlocks(body as ContainerChild[], noteContext)];
}

/** Every block but the last keeps with the next one, so Word moves the group to one page. */
function keepTogether(children: ContainerChild[], context: DocxContext): Piece[] {
  const head = children.slice(0, -1);
  const last = children.slice(-1);
  return [...renderBlocks(head, withFrame(context, { keepWithNext: true })), ...renderBlocks(last, context)];
}

const line = (node: LeafDirective, context: DocxContext, style?: string): Piece[] => [
  paragraph(renderInlines(node.children, context), context, style ? { style } : {}),
];

/** A line in a style that is bold already (eyebrow, authors): strong text in it adds no bold. */
const boldLine = (node: LeafDirective, context: DocxContext, style: string): Piece[] =>
  line(node, withMarks(context, { styleBold: true }), style);

/**
 * An empty paragraph a point high that starts a page, rather than a page break inside a paragraph:
 * the rest of such a paragraph takes a line on the new page (where the PDF has none), and
 * LibreOffice then moves a heading kept with a figure on to yet another page.
 */
const pageBreak = (): Piece[] => [
  new Paragraph({
    pageBreakBefore: true,
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    children: [],
  }),
];

/**
 * Layout directives by name (title block, colophon, note, keep-together, page break, the title
 * block's lines, the contents). An unknown one keeps its content as a plain block or text (the
 * loader has already warned about it).
 */
export const docxDirectives = {
  containerDirective: {
    "title-block": (node, context) =>
      renderBlocks(node.children as ContainerChild[], withFrame(context, { inTitleBlock: true })),
    colophon: (node, context) =>
      renderBlocks(node.children as ContainerChild[], withFrame(context, { style: styleIds.colophon })),
    note,
    "keep-together": (node, context) => keepTogether(node.children as ContainerChild[], context),
    abstract: (node, context) =>
      renderBlocks(node.children as ContainerChild[], withFrame(context, { style: styleIds.abstract })),
  },
  leafDirective: {
    pagebreak: pageBreak,
    eyebrow: (node, context) => boldLine(node, context, styleIds.eyebrow),
    subtitle: (node, context) => line(node, context, styleIds.subtitle),
    // In the heading face's bold (semi-bold) and the text colour, as the PDF's title block sets them.
    authors: (node, context) => boldLine(node, context, styleIds.authors),
    byline: (node, context) => line(node, context, styleIds.byline),
    dateline: (node, context) => line(node, context, styleIds.byline),
    "abstract-title": (node, context) => boldLine(node, context, styleIds.abstractTitle),
    // The brand's logo in the title block (docs/brands.md).
    logo: (_node, context) => logo(context),
    toc: (node, context) => {
      // Only the `::toc` the contents plan placed; any other was warned about at load. In the body,
      // the contents never start a page of their own.
      const { model, toc } = context.state;
      const { contents } = model;
      return node === contents.at && contents.show ? tableOfContents(model, toc, { ownPage: false }) : [];
    },
    "list-of-figures": (_node, context) => captionListField("fig", context),
    "list-of-tables": (_node, context) => captionListField("tbl", context),
  },
  textDirective: {},
  unknown: (node, context) =>
    node.type === "containerDirective"
      ? renderBlocks(node.children as ContainerChild[], context)
      : node.type === "leafDirective"
        ? line(node, context)
        : renderInlines(node.children, context),
} satisfies DirectiveTable<DocxContext, Piece[]>;
