import { type FileChild, Paragraph } from "docx";
import type { PackageParts } from "../../engine/docx/compile.ts";
import { tableOfContentsAt } from "../../engine/docx/toc-tabs.ts";
import type { ReportModel } from "../../model/types.ts";
import { contentsOnCover, type Theme } from "../../theme/theme.ts";
import type { WordFaces } from "./faces.ts";
import { bookmarkName } from "./links.ts";
import { advanceOf } from "./measure.ts";
import { styleIds } from "./style-ids.ts";

/** What the contents are written with. */
export interface TocOptions {
  /** Word heading level of each heading id (the model's structure levels). */
  levels: ReadonlyMap<string, number>;
  /** The text width in twips: where the page numbers are right-aligned. */
  textWidth: number;
  /** Page of each heading bookmark, when known before compiling (see `renderDocx`). */
  pages?: ReadonlyMap<string, string>;
  /** The geometry the PDF shares (the theme's `layout`): when the contents leave the cover, their indents. */
  layout: Theme["layout"];
}

/**
 * The contents' title and Word's own TOC field (`TOC \o "1-N" \h`, N the plan's depth as a Word
 * heading level), so Word updates it; its cached result is the contents plan's
 * entries at their nesting level, with links to the heading bookmarks, so it is complete before the
 * first update and in readers that never update fields; `writeTocPages` adds each heading's page
 * once the document is laid out. On the cover, a long list starts a page of its own, as in the PDF.
 */
export function tableOfContents(
  model: ReportModel,
  options: TocOptions,
  { ownPage = true }: { ownPage?: boolean } = {},
): FileChild[] {
  const entries = tocEntries(model).map((entry) => {
    const page = options.pages?.get(entry.href);
    return page ? { ...entry, page: Number(page) } : entry;
  });
  if (entries.length === 0) return [];
  const TableOfContents = tableOfContentsAt(options.textWidth);
  // The plan's depth (a `#` count, at least one below the top) in Word's levels, or deeper if a
  // listed heading's Word level is (after a skipped level).
  const top = Math.min(6, ...model.outline.map((entry) => entry.depth));
  const deepest = Math.max(
    model.contents.depth - top + 1,
    ...model.contents.entries.map((entry) => options.levels.get(entry.id) ?? 1),
  );
  return [
    new Paragraph({
      style: styleIds.tocHeading,
      text: model.labels.text("contents"),
      ...(ownPage && !contentsOnCover(options.layout, entries.length) ? { pageBreakBefore: true } : {}),
    }),
    new TableOfContents("Table of Contents", {
      hyperlink: true,
      headingStyleRange: `1-${deepest}`,
      cachedEntries: entries,
    }),
  ];
}

/** The entries the contents list (the plan's): title, level and the bookmark of each heading. */
function tocEntries(model: ReportModel) {
  return model.contents.entries.map((entry) => ({
    title: entry.text,
    level: entry.level,
    href: bookmarkName(entry.id),
  }));
}

/**
 * Whether every entry's title, with the widest number of `pageCount`'s digits after it, fits on its
 * line with room to spare: then writing the numbers in changes no line of the contents, and so no
 * page, and the pages laid out without them are final. Measured with the contents face's advance
 * widths (kerning moves them only a little: 3% and a few points are allowed for it and the leader).
 */
export function tocNumbersFit(
  model: ReportModel,
  options: TocOptions,
  faces: WordFaces,
  size: number,
  pageCount: number,
): boolean {
  const bytes = faces.face("heading", false, false).file.bytes;
  if (!bytes) return false;
  const advance = (cp: number) => advanceOf(bytes, cp);
  const digit = Math.max(...[..."0123456789"].map((d) => advance(d.codePointAt(0) ?? 0) ?? 1));
  const numberWidth = String(Math.max(1, pageCount)).length * digit * size;
  const line = options.textWidth / 20;
  return tocEntries(model).every((entry) => {
    let width = 0;
    for (const ch of entry.title) {
      const em = advance(ch.codePointAt(0) ?? 0);
      if (em === undefined) return false;
      width += em * size;
    }
    return (entry.level - 1) * options.layout.contentsLevelIndent + width * 1.03 + 6 + numberWidth <= line;
  });
}

/** Writes each contents entry's page (by the bookmark its link goes to) into the compiled document. */
export function writeTocPages(parts: PackageParts, pages: ReadonlyMap<string, string>): PackageParts {
  const xml = parts.get("word/document.xml");
  if (typeof xml !== "string") return parts;
  const filled = xml.replace(
    /<w:sdt>(?:(?!<\/w:sdt>).)*?<w:docPartGallery w:val="Table of Contents"\/>.*?<\/w:sdt>/gs,
    (toc) =>
      toc.replace(
        /(<w:hyperlink\b[^>]*\bw:anchor="([^"]+)"[^>]*>.*?<w:tab\/>)<w:t xml:space="default"(?:\/>|>[^<]*<\/w:t>)/gs,
        (_, head: string, anchor: string) =>
          `${head}<w:t xml:space="default">${pages.get(anchor) ?? ""}</w:t>`,
      ),
  );
  return new Map([...parts, ["word/document.xml", filled]]);
}
