import { Footer, Header, type ImageRun, PageNumber, Paragraph, TextRun } from "docx";
import type { RunningText } from "../../model/types.ts";
import { styleIds } from "./style-ids.ts";

/** Running text from the shared partials, with real PAGE / NUMPAGES fields for the page numbers. */
function runningParagraph(text: RunningText, style: string, logo?: ImageRun): Paragraph {
  const children = text.map((part) =>
    typeof part === "string" ? part : part.field === "page" ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES,
  );
  return new Paragraph({ style, children: [new TextRun({ children }), ...(logo ? [logo] : [])] });
}

/** The page header of the body pages (with the brand's logo at its right, when it asks for one). */
export const runningHeader = (text: RunningText, logo?: ImageRun): Header =>
  new Header({ children: [runningParagraph(text, styleIds.header, logo)] });

/** The page footer of the body pages. */
export const runningFooter = (text: RunningText): Footer =>
  new Footer({ children: [runningParagraph(text, styleIds.footer)] });
