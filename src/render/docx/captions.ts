import {
  BookmarkEnd,
  BookmarkStart,
  InternalHyperlink,
  type ParagraphChild,
  type TextRun,
  XmlAttributeComponent,
  XmlComponent,
} from "docx";
import type { PhrasingContent } from "mdast";
import type { CrossReference } from "../../model/apparatus/cross-references.ts";
import type { Labels } from "../../model/labels.ts";
import { type DocxContext, type Piece, renderInlines, withMarks } from "./context.ts";
import { textRun } from "./inlines.ts";
import { bookmarkName } from "./links.ts";
import { styleIds } from "./style-ids.ts";

// Numbered captions and cross-references as Word's own fields, so that Word's "Insert Table of
// Figures" and "Update Field" keep working after an editor adds a figure: the number is a
// `SEQ Figure \* ARABIC` field, "Figure 2" sits in a bookmark, a reference is a `REF` field to that
// bookmark. Every field carries the model's number or text as its cached result.

class FieldAttributes extends XmlAttributeComponent<{ instr: string }> {
  protected override readonly xmlKeys = { instr: "w:instr" };
}

/** `<w:fldSimple w:instr="…">` whose cached result is a run with its own formatting. */
class CachedField extends XmlComponent {
  constructor(instruction: string, result: TextRun) {
    super("w:fldSimple");
    this.root.push(new FieldAttributes({ instr: instruction }));
    this.root.push(result);
  }
}

/** Word's SEQ identifier for each kind (the identifier `TOC \c` lists by; not translated). */
const sequence = { fig: "Figure", tbl: "Table" } as const;

/** The bookmarks around a caption's "Figure 2" (what a REF prints) and its number, by the anchor id. */
export function captionBookmarks(id: string): { whole: string; number: string } {
  const safe = id.replace(/[^A-Za-z0-9_]/g, "_");
  return { whole: bookmarkName(`_Ref_${safe}`), number: bookmarkName(`_Num_${safe}`) };
}

/** The words around the number in "Figure {{n}}" and around the label in "{{label}}:". */
function around(labels: Labels, kind: "fig" | "tbl"): { before: string; after: string; end: string } {
  const marker = "\u0000";
  const [before = "", after = ""] = labels
    .text(kind === "fig" ? "figureRef" : "tableRef", { n: marker })
    .split(marker);
  const [, end = ""] = labels.text("captionLabel", { label: marker }).split(marker);
  return { before, after, end };
}

/**
 * A caption's runs: "Figure 2: " with the number as a SEQ field, "Figure 2" and the number in
 * bookmarks when labelled, then the caption's own content. In a book numbered by chapter the
 * chapter's number is text before the field, which restarts at each Heading 1 (`\s 1`).
 */
export function captionRuns(
  kind: "fig" | "tbl",
  caption: { number?: string; id?: string; children: PhrasingContent[] },
  context: DocxContext,
): ParagraphChild[] {
  const content = renderInlines(caption.children, context) as ParagraphChild[];
  const { number, id } = caption;
  if (number === undefined || id === undefined) return content;
  const state = context.state;
  const { before, after, end } = around(state.model.labels, kind);
  const dot = number.lastIndexOf(".");
  const chapter = dot >= 0 ? number.slice(0, dot + 1) : "";
  const own = number.slice(dot + 1);
  const instruction = `SEQ ${sequence[kind]} \\* ARABIC${chapter ? " \\s 1" : ""}`;
  const marks = withMarks(context, {});
  const names = captionBookmarks(id);
  const wholeId = state.nextBookmarkId++;
  const numberId = state.nextBookmarkId++;
  const bookmark = (name: string, id: number) => new BookmarkStart(name, id) as unknown as ParagraphChild;
  const bookmarkEnd = (id: number) => new BookmarkEnd(id) as unknown as ParagraphChild;
  return [
    bookmark(names.whole, wholeId),
    textRun(`${before}${chapter}`, marks),
    bookmark(names.number, numberId),
    new CachedField(instruction, textRun(own, marks)) as unknown as ParagraphChild,
    bookmarkEnd(numberId),
    ...(after ? [textRun(after, marks)] : []),
    bookmarkEnd(wholeId),
    textRun(`${end} `, marks),
    ...content,
  ];
}

/**
 * A cross-reference: a REF field to the caption's bookmark (or a heading's), its cached result the
 * model's text in the hyperlink style, inside a hyperlink to the same bookmark.
 */
export function crossReference(node: CrossReference, context: DocxContext): Piece[] {
  const names = node.kind === "sec" ? undefined : captionBookmarks(node.id);
  const target = names ? (node.numberOnly ? names.number : names.whole) : bookmarkName(node.id);
  const result = textRun(node.text, withMarks(context, { style: styleIds.hyperlink }));
  const field = new CachedField(`REF ${target} \\h`, result) as unknown as ParagraphChild;
  return [new InternalHyperlink({ anchor: target, children: [field] })];
}
