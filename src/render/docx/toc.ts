import { type FileChild, Paragraph, TableOfContents } from "docx";
import type { ReportModel } from "../../model/types.ts";
import { bookmarkName } from "./links.ts";
import { styleIds } from "./style-ids.ts";

/** Heading levels the table of contents lists. */
const tocDepth = 3;

/**
 * "Contents" and Word's own TOC field (`TOC \o "1-3" \h`), so Word updates it; its cached result is
 * written from the outline, with links to the heading bookmarks, so it is not blank before the first
 * update (or in readers that never update fields). Word fills in page numbers on update.
 */
export function tableOfContents(model: ReportModel): FileChild[] {
  const entries = model.outline
    .filter((entry) => entry.depth <= tocDepth)
    .map((entry) => ({ title: entry.text, level: entry.depth, href: bookmarkName(entry.id) }));
  if (entries.length === 0) return [];
  return [
    new Paragraph({ style: styleIds.tocHeading, text: "Contents" }),
    new TableOfContents("Table of Contents", {
      hyperlink: true,
      headingStyleRange: `1-${tocDepth}`,
      cachedEntries: entries,
    }),
  ];
}
