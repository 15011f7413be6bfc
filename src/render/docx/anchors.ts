import { createHash } from "node:crypto";
import { basename } from "node:path";
import { BookmarkEnd, BookmarkStart, type ParagraphChild } from "docx";
import type { Nodes } from "mdast";
import { frontMatterPlace } from "../../model/frontmatter.ts";
import { sourceAnchorName, sourceProperties } from "../../model/source-anchor.ts";
import type { SourcePlace } from "../../model/source-place.ts";
import type { ReportModel } from "../../model/types.ts";

/** The anchor a block's first paragraph is to carry; `used` once a paragraph took it. */
export interface AnchorSlot {
  name: string;
  used: boolean;
}

/**
 * What of the DOCX context the anchors read (structural, so that context.ts, which renders through
 * this file, is not imported back).
 */
export interface AnchorContext {
  state: { model: ReportModel; nextBookmarkId: number };
  frame: { inTitleBlock?: boolean };
  anchor?: AnchorSlot;
  sourceAnchors?: boolean;
}

/**
 * The context for rendering `node` with a source anchor waiting for its first paragraph (see
 * src/model/source-anchor.ts): blocks of the source's body and notes at their own start, a list
 * item at its first paragraph's, the title and subtitle of the title block at their front matter
 * field's line. Template text (the rest of the title block, the colophon) has no place in the source.
 */
export function withSourceAnchor<C extends AnchorContext>(node: Nodes, context: C): C {
  const place = anchorPlace(node, context);
  if (place) return { ...context, anchor: { name: sourceAnchorName(place), used: false } };
  // A block without an anchor of its own never takes its parent's (a list after an item's first paragraph).
  return context.anchor && !phrasing.has(node.type) ? { ...context, anchor: undefined } : context;
}

function anchorPlace(node: Nodes, context: AnchorContext): SourcePlace | undefined {
  const { meta, book } = context.state.model;
  // A book carries none yet: its chapters' places, and its title's, would share names.
  if (book) return undefined;
  if (context.frame.inTitleBlock) {
    if (node.type === "heading" && node.depth === 1) return frontMatterPlace(meta, ["title"]);
    if (node.type === "leafDirective" && node.name === "subtitle")
      return frontMatterPlace(meta, ["subtitle"]);
    return undefined;
  }
  if (!context.sourceAnchors) return undefined;
  if (node.type === "listItem") {
    const first = node.children[0];
    return first?.type === "paragraph" ? first.position?.start : undefined;
  }
  return anchoredTypes.has(node.type) ? node.position?.start : undefined;
}

/** Inline nodes: they render runs of their paragraph, which keeps its anchor. */
const phrasing = new Set<Nodes["type"]>([
  "text",
  "emphasis",
  "strong",
  "delete",
  "inlineCode",
  "break",
  "link",
  "image",
  "linkReference",
  "imageReference",
  "footnoteReference",
  "html",
  "textDirective",
  "abbr",
  "critic",
  "superscript",
  "subscript",
  "underline",
  "highlight",
]);

/** Blocks that are one paragraph of text in Word (a table cell's paragraph is anchored by tables.ts). */
const anchoredTypes = new Set<Nodes["type"]>(["paragraph", "heading", "code", "tableCell"]);

/** The paragraph's runs, with the waiting anchor as an empty hidden bookmark before them (taken once). */
export function anchorRuns(children: ParagraphChild[], context: AnchorContext): ParagraphChild[] {
  const slot = context.anchor;
  if (!slot || slot.used) return children;
  slot.used = true;
  const id = context.state.nextBookmarkId++;
  const start = new BookmarkStart(slot.name, id) as unknown as ParagraphChild;
  const end = new BookmarkEnd(id) as unknown as ParagraphChild;
  return [start, end, ...children];
}

/** The custom properties naming the source a brief was built from and its text's hash (`folio review` checks them). */
export function sourceIdentity(model: ReportModel): Array<{ name: string; value: string }> {
  const text = String(model.file.value ?? "");
  return [
    { name: sourceProperties.name, value: basename(model.path) },
    { name: sourceProperties.hash, value: createHash("sha256").update(text).digest("hex") },
  ];
}
