import { PageBreak, Paragraph } from "docx";
import type { BlockContent, DefinitionContent } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import {
  type DocxContext,
  type Piece,
  paragraph,
  renderBlocks,
  renderInlines,
  withFrame,
  withMarks,
} from "./context.ts";
import { styleIds } from "./style-ids.ts";
import { tableOfContents } from "./toc.ts";

type ContainerChild = BlockContent | DefinitionContent;

const isLabel = (node: ContainerChild): boolean =>
  node.type === "paragraph" &&
  (node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;

/**
 * Layout blocks by name (title block, colophon, note, keep-together). An unknown one is a plain
 * block with its content kept (the loader has already warned about it).
 */
export function containerDirective(node: ContainerDirective, context: DocxContext): Piece[] {
  const children = node.children as ContainerChild[];
  switch (node.name) {
    case "title-block":
      return renderBlocks(children, withFrame(context, { inTitleBlock: true }));
    case "colophon":
      return renderBlocks(children, withFrame(context, { style: styleIds.colophon }));
    case "note": {
      const noteContext = withFrame(context, {
        style: context.frame.inFootnote ? styleIds.footnoteText : styleIds.note,
      });
      // The `:::note[Label]` label leads the note in bold.
      return children.flatMap((child) =>
        isLabel(child) && child.type === "paragraph"
          ? [
              paragraph(renderInlines(child.children, withMarks(noteContext, { bold: true })), noteContext, {
                keepNext: true,
              }),
            ]
          : renderBlocks([child], noteContext),
      );
    }
    case "keep-together":
      return keepTogether(children, context);
    default:
      return renderBlocks(children, context);
  }
}

/** Every block but the last keeps with the next one, so Word moves the group to one page. */
function keepTogether(children: ContainerChild[], context: DocxContext): Piece[] {
  const head = children.slice(0, -1);
  const last = children.slice(-1);
  return [...renderBlocks(head, withFrame(context, { keepWithNext: true })), ...renderBlocks(last, context)];
}

/** Leaf layout directives: page break, title-block lines and the table of contents. */
export function leafDirective(node: LeafDirective, context: DocxContext): Piece[] {
  const runs = () => renderInlines(node.children, context);
  switch (node.name) {
    case "pagebreak":
      return [new Paragraph({ children: [new PageBreak()] })];
    case "eyebrow":
      return [paragraph(runs(), context, { style: styleIds.eyebrow })];
    case "subtitle":
      return [paragraph(runs(), context, { style: styleIds.subtitle })];
    case "byline":
      return [paragraph(runs(), context, { style: styleIds.byline })];
    case "toc": {
      // Only the `::toc` the contents plan placed; any other was warned about at load.
      const { contents } = context.state.model;
      return node === contents.at && contents.show ? tableOfContents(context.state.model) : [];
    }
    default:
      return [paragraph(runs(), context)];
  }
}

/** Text directives: none is known, so their content is kept as text. */
export const textDirective = (node: TextDirective, context: DocxContext): Piece[] =>
  renderInlines(node.children, context);
