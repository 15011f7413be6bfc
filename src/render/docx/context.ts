import { FileChild, type IParagraphOptions, type IRunOptions, Paragraph, type ParagraphChild } from "docx";
import type { Nodes, RootContent } from "mdast";
import type { VFile } from "vfile";
import type { ReportModel } from "../../model/types.ts";
import type { Theme } from "../../theme/theme.ts";
import { dispatch, type HandlerTable } from "../handlers.ts";
import { type AnchorSlot, anchorRuns, withSourceAnchor } from "./anchors.ts";
import type { WordFaces } from "./faces.ts";
import type { ListNumbering } from "./numbering.ts";
import type { TocOptions } from "./toc.ts";

/** What a handler returns: blocks (paragraphs, tables, a table of contents) or runs, in reading order. */
export type Piece = FileChild | ParagraphChild;

/** Character formatting in force for the runs of an inline subtree. */
export interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  /** Raised or lowered text (`<sup>`, `<sub>` in the source). */
  superScript?: boolean;
  subScript?: boolean;
  underline?: boolean;
  /** Shaded in the theme's highlight colour (`<mark>`). */
  highlight?: boolean;
  /** Character style id (Hyperlink, Verbatim Char). */
  style?: string;
  /**
   * The paragraph style is bold already (headings, title, eyebrow, table header): strong text adds
   * nothing, as in the PDF, where the face is semi-bold either way (in Word, bold on the semi-bold
   * family would be drawn bolder still).
   */
  styleBold?: boolean;
  /** Direct run formatting over the paragraph style's (a heading set in another depth's look). */
  look?: IRunOptions;
}

/** The list item a `listItem` handler is rendering into. */
export interface ItemFrame {
  reference: string;
  level: number;
  styleKind: "ListBullet" | "ListNumber";
  /** Left indent of the item's text, in twips: where its later blocks line up. */
  textIndent: number;
  /** Space after the item's paragraphs, and after its last one, in twips (the PDF edition's list spacing). */
  after: number;
  lastAfter: number;
}

/** Block layout in force: what a paragraph written here looks like. */
export interface BlockFrame {
  /** Paragraph style of plain paragraphs here (Quote, Note, footnote text …); Normal when absent. */
  style?: string;
  /** Left indent from the margin in twips (block quotes, list item continuations); 0 = the style's own. */
  indent: number;
  /** ilvl a list opened here takes. */
  listLevel: number;
  item?: ItemFrame;
  /** Paragraphs keep with the next one (keep-together directive). */
  keepWithNext?: boolean;
  inFootnote?: boolean;
  inTitleBlock?: boolean;
  /** Style of the paragraphs of a list item after its first. */
  continueStyle?: string;
  /** Space after each paragraph here, in twips, when not the style's (list items). */
  after?: number;
  /** Inside a tight list: a list nested here is followed by a small gap only. */
  tightList?: boolean;
}

/** State shared by one render: the model, numbering definitions, and per-document counters. */
export interface RenderState {
  model: ReportModel;
  theme: Theme;
  /** Where this render reports problems (its messages are the render's result). */
  file: VFile;
  handlers: HandlerTable<DocxContext, Piece[]>;
  numbering: ListNumbering;
  /** Footnotes already referenced once (a second reference is a plain superscript number). */
  footnotesReferenced: Set<string>;
  /** Per-render counters, so ids do not depend on what else the process rendered. */
  nextBookmarkId: number;
  nextDrawingId: number;
  /** Width of the text column in points (page minus margins). */
  textWidth: number;
  /** Height of the text column in points. */
  textHeight: number;
  /** Heading levels and, after the first layout, heading pages: what headings and the contents are written with. */
  toc: TocOptions;
  /** The body's top heading depth (`#` count): Heading 1 has its look. */
  topDepth: number;
  /** The theme's faces in Word's terms. */
  faces: WordFaces;
  /** Each table's title for assistive technology, in document order (written after compiling). */
  tableCaptions: string[];
  /** Which of those tables (by index) go on a landscape page (src/render/table-layout.ts). */
  landscapeTables: Set<number>;
}

export interface DocxContext {
  state: RenderState;
  marks: Marks;
  frame: BlockFrame;
  /** The source anchor waiting for this block's first paragraph (anchors.ts). */
  anchor?: AnchorSlot;
  /** Rendering the source's own blocks (body, notes), which carry source anchors; not template text. */
  sourceAnchors?: boolean;
}

/** Renders one node through the handler table; a node type no handler knows fails the build. */
export function render(node: Nodes, context: DocxContext): Piece[] {
  return dispatch(context.state.handlers, node, withSourceAnchor(node, context), context.state.file, "DOCX");
}

const isBlock = (piece: Piece): piece is FileChild => piece instanceof FileChild;

/** Renders nodes as blocks: runs a node leaves at block level become a paragraph of their own. */
export function renderBlocks(nodes: readonly (RootContent | Nodes)[], context: DocxContext): FileChild[] {
  const out: FileChild[] = [];
  for (const node of nodes) {
    const pieces = render(node, context);
    let runs: ParagraphChild[] = [];
    for (const piece of pieces) {
      if (isBlock(piece)) {
        if (runs.length) out.push(paragraph(runs, context));
        runs = [];
        out.push(piece);
      } else {
        runs.push(piece);
      }
    }
    if (runs.length) out.push(paragraph(runs, context));
  }
  return out;
}

/** Renders phrasing nodes as runs. A block here would be a parser bug, so it fails loudly. */
export function renderInlines(nodes: readonly Nodes[], context: DocxContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    for (const piece of render(node, context)) {
      if (isBlock(piece)) {
        return context.state.file.fail(`DOCX: a \`${node.type}\` block cannot sit inside a line of text`, {
          place: node.position,
          ruleId: "docx-block-in-inline",
          source: "folio",
        });
      }
      out.push(piece);
    }
  }
  return out;
}

/** A paragraph in the current frame: its style, indent and keep-together come from the context. */
export function paragraph(
  children: ParagraphChild[],
  context: DocxContext,
  options: IParagraphOptions = {},
): Paragraph {
  const { frame } = context;
  const style = options.style ?? (options.heading ? undefined : frame.style);
  return new Paragraph({
    ...(style ? { style } : {}),
    ...(frame.indent > 0 && !options.numbering ? { indent: { left: frame.indent } } : {}),
    ...(frame.after !== undefined ? { spacing: { after: frame.after } } : {}),
    ...(frame.keepWithNext ? { keepNext: true, keepLines: true } : {}),
    ...options,
    children: anchorRuns(children, context),
  });
}

/** A copy of the context with some frame fields changed. */
export function withFrame(context: DocxContext, frame: Partial<BlockFrame>): DocxContext {
  return { ...context, frame: { ...context.frame, ...frame } };
}

/** A copy of the context with more character formatting. */
export function withMarks(context: DocxContext, marks: Marks): DocxContext {
  return { ...context, marks: { ...context.marks, ...marks } };
}
