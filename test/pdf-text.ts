import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** One page of a PDF as pdf.js reads it: its text, in content order, lines separated by newlines. */
export interface PdfPage {
  text: string;
  width: number;
  height: number;
}

/** Extracts the text of every page of a PDF in process (no CLI spawn), for assertions on content. */
export async function pdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : "");
    }
    const [, , width, height] = page.view;
    pages.push({ text, width: width ?? 0, height: height ?? 0 });
  }
  await doc.destroy();
  return pages;
}

/** The PDF's outline (bookmarks) as nested titles. */
export async function pdfOutline(bytes: Uint8Array): Promise<OutlineItem[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const outline = ((await doc.getOutline()) ?? []) as OutlineItem[];
  const simplify = (items: OutlineItem[]): OutlineItem[] =>
    items.map((i) => ({ title: i.title, dest: i.dest, items: simplify(i.items ?? []) }));
  const result = simplify(outline);
  await doc.destroy();
  return result;
}

export interface OutlineItem {
  title: string;
  dest: unknown;
  items: OutlineItem[];
}
