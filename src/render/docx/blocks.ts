import { BorderStyle, Paragraph, type ParagraphChild, TextRun } from "docx";
import type { Blockquote, Code, Heading, List, ListItem, Paragraph as MdParagraph } from "mdast";
import { implicitFigure } from "../../model/figures.ts";
import {
  type DocxContext,
  type Piece,
  paragraph,
  renderBlocks,
  renderInlines,
  withFrame,
} from "./context.ts";
import { bookmarked, textRun } from "./inlines.ts";
import { maxListLevel } from "./numbering.ts";
import { headingStyleId, listStyleId, styleIds } from "./style-ids.ts";
import { hex, twips } from "./units.ts";

/** Where text starts here, in twips from the margin (block quotes and list items move it in). */
export function effectiveIndent(context: DocxContext): number {
  return context.frame.indent;
}

/** A paragraph; an image alone in one is a figure: the picture, kept with its caption below it. */
export function paragraphNode(node: MdParagraph, context: DocxContext): Piece[] {
  const children = renderInlines(node.children, context);
  const figure = implicitFigure(node);
  if (!figure || !context.state.model.images.has(figure.url)) return [paragraph(children, context)];
  return [
    paragraph(children, context, { keepNext: true }),
    paragraph([textRun(figure.alt ?? "", context)], context, { style: styleIds.caption }),
  ];
}

/**
 * Headings use Word's "Heading n" styles and carry a bookmark named by their id, so the Navigation
 * pane, the TOC field and `#id` links all find them. In the title block the level-1 heading is the
 * document's Title; in a footnote a heading is bold note text (a note is not part of the outline).
 */
export function heading(node: Heading, context: DocxContext): Piece[] {
  const runs = renderInlines(node.children, context);
  if (context.frame.inTitleBlock && node.depth === 1)
    return [paragraph(runs, context, { style: styleIds.title })];
  if (context.frame.inFootnote) {
    return [
      paragraph(
        renderInlines(node.children, { ...context, marks: { ...context.marks, bold: true } }),
        context,
      ),
    ];
  }
  const id = node.data?.id;
  const children: ParagraphChild[] = id ? bookmarked(id, runs, context) : runs;
  return [paragraph(children, context, { style: headingStyleId(node.depth) })];
}

/** Block quotes use Word's "Quote" style; a nested quote is indented one step further. */
export function blockquote(node: Blockquote, context: DocxContext): Piece[] {
  const { frame } = context;
  // One step in from where text starts here; written on every paragraph, so code and lists in the
  // quote line up with its text (the Quote style's own indent is the same step).
  const indent = frame.indent + twips(context.state.theme.spacing.listIndent);
  const style = frame.inFootnote ? styleIds.footnoteText : styleIds.quote;
  return renderBlocks(node.children, withFrame(context, { style, indent }));
}

/** A code block is one "Source Code" paragraph (pandoc's style name) with a line break per source line. */
export function code(node: Code, context: DocxContext): Piece[] {
  const lines = node.value.split(/\r?\n/);
  const runs: ParagraphChild[] = lines.map(
    (line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }),
  );
  return [paragraph(runs, context, { style: styleIds.sourceCode })];
}

/** A thematic break is an empty paragraph with a bottom rule in the theme's rule colour. */
export function thematicBreak(_node: unknown, context: DocxContext): Piece[] {
  return [ruleParagraph(context)];
}

/** An empty paragraph drawn as a horizontal rule. */
export function ruleParagraph(context: DocxContext): Paragraph {
  const color = hex(context.state.theme.colors.rule);
  return paragraph([], context, {
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, space: 1, color } },
  });
}

/**
 * A list gets a numbering definition of its own (so every list restarts and keeps its start number),
 * at the ilvl of its nesting depth so Word and pandoc see the nesting.
 */
export function list(node: List, context: DocxContext): Piece[] {
  const { state, frame } = context;
  const step = twips(state.theme.spacing.listIndent);
  const level = Math.min(frame.listLevel, maxListLevel);
  const textIndent = effectiveIndent(context) + step;
  const ordered = node.ordered === true;
  const reference = state.numbering.add(ordered, node.start ?? 1, level, textIndent, step);
  const styleKind = ordered ? "ListNumber" : "ListBullet";
  const spread = node.spread === true || node.children.some((item) => item.spread === true);
  const out: Piece[] = [];
  for (const item of node.children) {
    out.push(
      ...listItem(item, withFrame(context, { item: { reference, level, styleKind, textIndent, spread } })),
    );
  }
  return out;
}

/**
 * The first paragraph of an item carries the number; the item's other blocks line up with its text
 * in "List Continue" style. A task item starts with ☐ or ☒.
 */
export function listItem(node: ListItem, context: DocxContext): Piece[] {
  const item = context.frame.item;
  if (!item) return renderBlocks(node.children, context);
  const box = typeof node.checked === "boolean" ? [textRun(node.checked ? "☒ " : "☐ ", context)] : [];
  const inner = withFrame(context, {
    item: undefined,
    indent: item.textIndent,
    listLevel: item.level + 1,
    style: context.frame.inFootnote ? styleIds.footnoteText : listStyleId("ListContinue", item.level),
  });
  const [first, ...rest] = node.children;
  const numbered = (runs: ParagraphChild[]) =>
    new Paragraph({
      style: context.frame.inFootnote ? styleIds.footnoteText : listStyleId(item.styleKind, item.level),
      numbering: { reference: item.reference, level: item.level },
      ...(item.spread ? { contextualSpacing: false } : {}),
      ...(context.frame.keepWithNext ? { keepNext: true, keepLines: true } : {}),
      children: runs,
    });
  const out: Piece[] = [];
  if (first?.type === "paragraph") {
    out.push(numbered([...box, ...renderInlines(first.children, context)]));
  } else {
    out.push(numbered(box));
    if (first) rest.unshift(first);
  }
  out.push(...renderBlocks(rest, inner));
  return out;
}
