import { runtimeRequire } from "../assets/runtime-require.ts";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
/** pdf.js, loaded when a check first reads a PDF (at run time: a startup snapshot cannot hold it). */
let pdfjs: PdfJs | undefined;

export interface PdfText {
  pages: number;
  /** Text inside each page's content area, the running header and footer left out. */
  text: string;
}

/**
 * Extracts a PDF's text with pdfjs-dist, page by page, dropping whatever lies in the top and
 * bottom margins (running header, footer, page numbers) so a sentence that runs over a page
 * break reads as one.
 */
export async function pdfText(bytes: Uint8Array, margins = { top: 54, bottom: 54 }): Promise<PdfText> {
  pdfjs ??= runtimeRequire<PdfJs>("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , , height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const y = item.transform[5] as number;
      if (y > height - margins.top || y < margins.bottom) continue;
      parts.push(item.str, item.hasEOL ? "\n" : "");
    }
    parts.push("\n");
    page.cleanup();
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  // A line broken after a hyphen ("suicide-|vehicle") joins without a space, as a reader reads it.
  return { pages, text: parts.join("").replace(/(\p{L}-)\n(?=\p{L})/gu, "$1") };
}
