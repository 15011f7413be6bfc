import { type FileChild, Paragraph, TableOfContents } from "docx";
import type { ReportModel } from "../../model/types.ts";
import { bookmarkName } from "./links.ts";
import { styleIds } from "./style-ids.ts";

/**
 * The contents' title and Word's own TOC field (`TOC \o "1-N" \h`, N the plan's depth), so Word
 * updates it; its cached result is written from the plan's entries, with links to the heading
 * bookmarks, so it is not blank before the first update (or in readers that never update fields).
 */
export function tableOfContents(model: ReportModel): FileChild[] {
  const { entries, depth } = model.contents;
  if (entries.length === 0) return [];
  return [
    new Paragraph({ style: styleIds.tocHeading, text: model.labels.text("contents") }),
    new TableOfContents("Table of Contents", {
      hyperlink: true,
      headingStyleRange: `1-${depth}`,
      cachedEntries: entries.map((entry) => ({
        title: entry.text,
        level: entry.depth,
        href: bookmarkName(entry.id),
      })),
    }),
  ];
}
