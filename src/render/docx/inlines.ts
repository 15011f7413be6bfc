import {
  BookmarkEnd,
  BookmarkStart,
  ExternalHyperlink,
  FootnoteReferenceRun,
  InternalHyperlink,
  type ParagraphChild,
  ShadingType,
  TextRun,
} from "docx";
import type { FootnoteReference, Link, PhrasingContent, Text } from "mdast";
import { rawHtmlText } from "../../model/plain-text.ts";
import { type DocxContext, type Piece, renderInlines, withMarks } from "./context.ts";
import { bookmarkName, linkTarget } from "./links.ts";
import { styleIds } from "./style-ids.ts";
import { hex } from "./units.ts";

/** A run of text with the marks in force. */
export function textRun(
  text: string,
  context: DocxContext,
  extra: { superScript?: boolean; style?: string } = {},
): TextRun {
  const { marks } = context;
  return new TextRun({
    ...marks.look,
    text,
    ...(marks.bold && !marks.styleBold ? { bold: true } : {}),
    ...(marks.italics ? { italics: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
    ...(marks.underline ? { underline: {} } : {}),
    ...(marks.highlight
      ? {
          shading: {
            type: ShadingType.CLEAR,
            color: "auto",
            fill: hex(context.state.theme.colors.highlight),
          },
        }
      : {}),
    ...((extra.style ?? marks.style) ? { style: extra.style ?? marks.style } : {}),
    ...(extra.superScript || marks.superScript ? { superScript: true } : {}),
    ...(marks.subScript && !extra.superScript && !marks.superScript ? { subScript: true } : {}),
  });
}

/** Source line endings inside a paragraph are soft breaks: a space, as a browser shows them. */
export function text(node: Text, context: DocxContext): Piece[] {
  return node.value ? [textRun(node.value.replace(/[ \t]*\r?\n[ \t]*/g, " "), context)] : [];
}

export const emphasis = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { italics: true }));

export const strong = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { bold: true }));

export const strikethrough = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { strike: true }));

/** Raised text, lowered text: the innermost wins, as nested `<sup>` and `<sub>` do in a browser. */
export const superscript = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { superScript: true, subScript: false }));

export const subscript = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { subScript: true, superScript: false }));

export const underline = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { underline: true }));

/** Highlighted text: shaded in the theme's colour (Word's own highlight has a fixed palette). */
export const highlight = (node: { children: PhrasingContent[] }, context: DocxContext): Piece[] =>
  renderInlines(node.children, withMarks(context, { highlight: true }));

/** Inline code keeps Word's "Verbatim Char" style (pandoc's name), so it can be restyled as one. */
export function inlineCode(node: { value: string }, context: DocxContext): Piece[] {
  return [textRun(node.value.replace(/\r?\n/g, " "), context, { style: styleIds.verbatimChar })];
}

/** A hard line break: a Word line break inside the paragraph. */
export const lineBreak = (): Piece[] => [new TextRun({ break: 1 })];

/** Raw HTML shows the text a reader of the web edition sees, after the same sanitising. */
export function html(node: { value: string }, context: DocxContext): Piece[] {
  const value = rawHtmlText(node.value);
  return value.trim() ? [textRun(value, context)] : [];
}

/** Links are real Word hyperlinks: external ones through a relationship, `#id` ones to a heading's bookmark. */
export function link(node: Link, context: DocxContext): Piece[] {
  const target = linkTarget(node.url);
  if (target.kind === "none") return renderInlines(node.children, context);
  const children = renderInlines(node.children, withMarks(context, { style: styleIds.hyperlink }));
  if (children.length === 0) return [];
  if (target.kind === "internal") return [new InternalHyperlink({ anchor: target.anchor, children })];
  return [new ExternalHyperlink({ link: target.url, children })];
}

/**
 * A real footnote reference. A second reference to the same note gets its number as superscript
 * text in the footnote reference style: Word numbers note references by position, so a repeated
 * reference would renumber every later note.
 */
export function footnoteReference(node: FootnoteReference, context: DocxContext): Piece[] {
  const note = context.state.model.footnotes.get(node.identifier);
  if (!note) return [textRun(`[^${node.label ?? node.identifier}]`, context)];
  const { footnotesReferenced } = context.state;
  if (context.frame.inFootnote || footnotesReferenced.has(node.identifier)) {
    return [textRun(String(note.number), context, { superScript: true, style: styleIds.footnoteReference })];
  }
  footnotesReferenced.add(node.identifier);
  return [new FootnoteReferenceRun(note.number)];
}

/**
 * Wraps runs in a bookmark named after a heading id. Built from BookmarkStart/End with a per-render
 * id rather than docx's `Bookmark`, whose ids come from a process-wide counter (two renders would differ).
 */
export function bookmarked(id: string, children: ParagraphChild[], context: DocxContext): ParagraphChild[] {
  const linkId = context.state.nextBookmarkId++;
  const start = new BookmarkStart(bookmarkName(id), linkId) as unknown as ParagraphChild;
  const end = new BookmarkEnd(linkId) as unknown as ParagraphChild;
  return [start, ...children, end];
}
