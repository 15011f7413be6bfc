import { Paragraph } from "docx";
import { tableOfContentsAt } from "../../engine/docx/toc-tabs.ts";
import { captionList, captionListTitle } from "../../model/apparatus/lists.ts";
import { captionBookmarks } from "./captions.ts";
import type { DocxContext, Piece } from "./context.ts";
import { styleIds } from "./style-ids.ts";

/** Word's SEQ identifier a list gathers (`TOC \c "Figure"`). */
const identifiers = { fig: "Figure", tbl: "Table" } as const;

/**
 * A list of figures or tables as Word's own Table of Figures field (`TOC \h \z \c "Figure"`, over
 * the Caption paragraphs' SEQ fields), its cached entries the model's numbered captions, each
 * linked to its caption's bookmark, so it reads complete before Word first updates it.
 */
export function captionListField(kind: "fig" | "tbl", context: DocxContext): Piece[] {
  const { model, toc } = context.state;
  const entries = captionList(model.apparatus, kind, model.labels).map((entry) => ({
    title: entry.text,
    level: 1,
    href: captionBookmarks(entry.id).whole,
  }));
  // The contents' right tab: page numbers line up with theirs.
  const TableOfContents = tableOfContentsAt(toc.textWidth);
  return [
    new Paragraph({ style: styleIds.tocHeading, text: captionListTitle(kind, model.labels) }),
    new TableOfContents(captionListTitle(kind, model.labels), {
      hyperlink: true,
      hideTabAndPageNumbersInWebView: true,
      captionLabelIncludingNumbers: identifiers[kind],
      cachedEntries: entries,
    }),
  ];
}
