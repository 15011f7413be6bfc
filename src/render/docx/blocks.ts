import { BorderStyle, LineRuleType, Paragraph, type ParagraphChild, TextRun } from "docx";
import type {
  Blockquote,
  Code,
  Heading,
  List,
  ListItem,
  Paragraph as MdParagraph,
  PhrasingContent,
} from "mdast";
import { plainText, plainTextLengthBound } from "../../model/plain-text.ts";
import { orderedMarkerWidth } from "../../theme/theme.ts";
import { anchorRuns, withSourceAnchor } from "./anchors.ts";
import { chartFigure } from "./charts.ts";
import {
  type DocxContext,
  type Piece,
  paragraph,
  renderBlocks,
  renderInlines,
  withFrame,
  withMarks,
} from "./context.ts";
import { figure } from "./images.ts";
import { bookmarked, textRun } from "./inlines.ts";
import { shapedWidth } from "./measure.ts";
import { maxListLevel } from "./numbering.ts";
import { headingStyleId, listStyleId, styleIds } from "./style-ids.ts";
import { headingLook } from "./styles.ts";
import { hex, twips } from "./units.ts";

/** Where text starts here, in twips from the margin (block quotes and list items move it in). */
export function effectiveIndent(context: DocxContext): number {
  return context.frame.indent;
}

/**
 * A paragraph; an image alone in one is a figure (src/model/apparatus/figures.ts): the picture, kept with
 * its alt text as a caption below it. A picture in a line of text sets that line's height.
 */
export function paragraphNode(node: MdParagraph, context: DocxContext): Piece[] {
  const { images } = context.state.model;
  const decided = node.data?.figure;
  // A chart (src/model/charts) is drawn from its data, not read from a file.
  const chart = decided?.image.data?.chart;
  if (decided && chart) return chartFigure(chart, context, decided);
  if (decided && images.has(decided.image.url)) return figure(decided.image, context, decided);
  const children = renderInlines(node.children, context);
  // A paragraph with hard line breaks (a list of "key: value" lines) keeps its lines together:
  // LibreOffice's widow control does not hold across a hard break, and leaves a last line alone at
  // a page's head, which the PDF never does. Only while it is short enough to move whole.
  const broken = node.children.some((child) => child.type === "break");
  const together = broken && shortEnoughToKeep(node) ? { keepLines: true } : {};
  if (!holdsPicture(node.children, images)) return [paragraph(children, context, together)];
  // Single-spaced: the style's exact line pitch would crop the picture to one line of text.
  const { after } = context.frame;
  return [
    paragraph(children, context, {
      spacing: { ...(after !== undefined ? { after } : {}), line: 240, lineRule: LineRuleType.AUTO },
    }),
  ];
}

/** The longest hard-broken paragraph kept on one page (about a third of a page of text). */
const maxCharactersKeptTogether = 1200;

/**
 * Whether a paragraph's text, as a reader sees it, is short enough to keep together: counted from
 * its runs when that is enough to tell (a list of "key: value" lines, 154 of them in the Nigeria
 * factbook), else as `plainText` renders it.
 */
function shortEnoughToKeep(node: MdParagraph): boolean {
  const bound = plainTextLengthBound(node.children);
  if (bound !== undefined && bound <= maxCharactersKeptTogether) return true;
  return plainText(node).length <= maxCharactersKeptTogether;
}

/** Whether phrasing content holds a local picture (one Word draws, not its alt text). */
function holdsPicture(nodes: readonly PhrasingContent[], images: ReadonlyMap<string, unknown>): boolean {
  return nodes.some((node) =>
    node.type === "image"
      ? images.has(node.url)
      : "children" in node && holdsPicture(node.children as PhrasingContent[], images),
  );
}

/**
 * Headings use Word's "Heading n" styles, at the model's structure level (the body's top level is
 * Heading 1, none skipped, as the PDF edition tags them H2…), and carry a bookmark named by their id, so the Navigation
 * pane, the TOC field and `#id` links all find them. In the title block the level-1 heading is the
 * document's Title; in a footnote a heading is bold note text (a note is not part of the outline).
 */
export function heading(node: Heading, context: DocxContext): Piece[] {
  const { state } = context;
  const id = node.data?.id;
  const level = (id && !context.frame.inTitleBlock && state.toc.levels.get(id)) || node.depth;
  // After a skipped level the Word level's style has another depth's look: the PDF's is kept.
  const own = Math.min(6, level + state.topDepth - 1) === node.depth;
  const look =
    own || context.frame.inTitleBlock ? undefined : headingLook(state.theme, state.faces, node.depth);
  const runs = renderInlines(
    node.children,
    withMarks(context, { styleBold: true, ...(look ? { look: look.run } : {}) }),
  );
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
  const children: ParagraphChild[] = id ? bookmarked(id, runs, context) : runs;
  return [
    paragraph(children, context, {
      style: headingStyleId(level),
      ...(look ? { spacing: look.spacing } : {}),
    }),
  ];
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
 * The font of a task item's ☐ or ☒, which the theme's faces do not have: Word's own check box
 * control draws them in MS Gothic, which every Windows has (elsewhere a substitute draws them).
 */
const checkboxFont = "MS Gothic";

/** A bullet's column, in points: pdfmake's, the width of "9. " in the text's face and size. */
function bulletWidth(context: DocxContext): number {
  const { theme, faces } = context.state;
  const size = context.frame.inFootnote ? theme.sizes.small : theme.sizes.body;
  const bytes = faces.face("body", false, false).file.bytes;
  return bytes ? shapedWidth(bytes, "9. ") * size : theme.layout.listMarkerWidth;
}

/**
 * A list gets a numbering definition of its own (so every list restarts and keeps its start number),
 * at the ilvl of its nesting depth so Word and pandoc see the nesting. Its indents and spacing are
 * the PDF edition's: text a marker's width in (wider for long numbers), 2 pt between the paragraphs
 * of a tight list, a paragraph's space in a loose one, and a paragraph's space after the list.
 */
export function list(node: List, context: DocxContext): Piece[] {
  const { state, frame } = context;
  const { spacing } = state.theme;
  const level = Math.min(frame.listLevel, maxListLevel);
  const ordered = node.ordered === true;
  const start = node.start ?? 1;
  const step = twips(
    ordered ? orderedMarkerWidth(state.theme, start, node.children.length) : bulletWidth(context),
  );
  const textIndent = effectiveIndent(context) + step;
  const reference = state.numbering.add(ordered, start, level, textIndent, step);
  const styleKind = ordered ? "ListNumber" : "ListBullet";
  const tight = node.spread !== true && !node.children.some((item) => item.spread === true);
  const paragraphGap = tight ? 2 : spacing.paragraphAfter;
  const itemGap = ordered ? (tight ? 2 : spacing.paragraphAfter / 2) : 0;
  const listAfter = frame.tightList ? 2 : spacing.paragraphAfter;
  const out: Piece[] = [];
  node.children.forEach((item, index) => {
    const isLast = index === node.children.length - 1;
    const itemFrame = {
      reference,
      level,
      styleKind,
      textIndent,
      after: twips(paragraphGap),
      lastAfter: twips(paragraphGap + (isLast ? listAfter : itemGap)),
    } as const;
    out.push(...listItem(item, withFrame(context, { item: itemFrame, tightList: tight })));
  });
  return out;
}

/**
 * The first paragraph of an item carries the number; the item's other blocks line up with its text
 * in "List Continue" style. A task item starts with ☐ or ☒.
 */
export function listItem(node: ListItem, parentContext: DocxContext): Piece[] {
  // The list renders its items itself, so the item takes its source anchor here.
  const context = withSourceAnchor(node, parentContext);
  const item = context.frame.item;
  if (!item) return renderBlocks(node.children, context);
  const box =
    typeof node.checked === "boolean"
      ? [new TextRun({ text: node.checked ? "☒" : "☐", font: checkboxFont }), textRun(" ", context)]
      : [];
  const inner = (after: number) =>
    withFrame(context, {
      item: undefined,
      indent: item.textIndent,
      listLevel: item.level + 1,
      style: context.frame.inFootnote ? styleIds.footnoteText : listStyleId("ListContinue", item.level),
      after,
    });
  const [first, ...rest] = node.children;
  const numbered = (runs: ParagraphChild[], after: number) =>
    new Paragraph({
      style: context.frame.inFootnote ? styleIds.footnoteText : listStyleId(item.styleKind, item.level),
      numbering: { reference: item.reference, level: item.level },
      spacing: { after },
      ...(context.frame.keepWithNext ? { keepNext: true, keepLines: true } : {}),
      children: anchorRuns(runs, context),
    });
  const out: Piece[] = [];
  if (first?.type === "paragraph") {
    out.push(
      numbered(
        [...box, ...renderInlines(first.children, context)],
        rest.length ? item.after : item.lastAfter,
      ),
    );
  } else {
    out.push(numbered(box, rest.length || first ? item.after : item.lastAfter));
    if (first) rest.unshift(first);
  }
  const tail = rest.pop();
  out.push(...renderBlocks(rest, inner(item.after)));
  if (tail) out.push(...renderBlocks([tail], inner(item.lastAfter)));
  return out;
}
