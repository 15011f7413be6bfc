import { TableOfContents } from "docx";
import { checkDocxEngine } from "../install-docx.ts";

type TabStops = (level: number, leader: unknown, pageWidth?: number) => unknown[];

/** docx's own tab stops of a pre-filled contents entry (a method its types keep private). */
const tabStopsOf = (TableOfContents.prototype as unknown as { getTabStopsForLevel: TabStops })
  .getTabStopsForLevel;

const classes = new Map<number, typeof TableOfContents>();

/**
 * docx's TableOfContents whose pre-filled entries put their page numbers at a right tab stop at
 * `width` twips, the section's text width: docx 9.15.2 writes them at 9025 twips (the text width of
 * A4 with 1-inch margins) whatever the page, so on Letter the numbers stopped 17 pt short of the
 * margin. It passes the width docx's method already takes as a parameter.
 */
export function tableOfContentsAt(width: number): typeof TableOfContents {
  checkDocxEngine(); // checks that docx is the version this was written for
  let AtWidth = classes.get(width);
  if (!AtWidth) {
    AtWidth = class extends TableOfContents {};
    Object.defineProperty(AtWidth.prototype, "getTabStopsForLevel", {
      value(this: unknown, level: number, leader: unknown) {
        return tabStopsOf.call(this, level, leader, width);
      },
    });
    classes.set(width, AtWidth);
  }
  return AtWidth;
}
