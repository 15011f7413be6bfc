// A book built from its chapters' models (src/model/book/): the assembled document model, then
// the PDF (pdf.js: text, outline, links, destinations) and the DOCX (its XML), read back.
// The book's document model itself: test/unit/book-model.test.ts.
import { readFileSync } from "node:fs";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../src/model/book/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { openDocx, partText } from "./docx-package.ts";
import { type OutlineItem, pdfPages } from "./pdf-text.ts";
import { checkPdfUa, structureTextPdfJs } from "./support/pdfua.ts";
import { renderWith, testAssets } from "./support/render.ts";

const bookPath = "test/fixtures/book/crt-2021.md";
const bookText = readFileSync(bookPath, "utf8");
const book = (text = bookText) => loadDocument(bookPath, testAssets(), { text });
const twoSided = () => book(bookText.replace("toc-depth: 3\n", "toc-depth: 3\ntwo-sided: true\n"));
const bytesOf = async (format: typeof pdfFormat, model: ReportModel) =>
  (await renderWith(format, model, { sourceDateEpoch: 1_700_000_000 })).artifacts[0]?.bytes as Uint8Array;

const chapterTitles = ["Mali", "Niger", "Colombia"];
const partTitles = ["Africa", "Western Hemisphere"];
const maliSections = [
  "Overview",
  "2021 Terrorist Incidents",
  "Legislation, Law Enforcement, and Border Security",
  "Countering the Financing of Terrorism",
  "Countering Violent Extremism",
  "International and Regional Cooperation",
];

/** Each outline entry's page (pdf.js: the named destination it opens), depth first. */
async function outlinePages(
  bytes: Uint8Array,
): Promise<Array<{ title: string; depth: number; page: number }>> {
  const doc: PDFDocumentProxy = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const out: Array<{ title: string; depth: number; page: number }> = [];
  const walk = async (items: OutlineItem[], depth: number) => {
    for (const item of items) {
      const dest = typeof item.dest === "string" ? await doc.getDestination(item.dest) : item.dest;
      const ref = (dest as unknown[] | null)?.[0];
      out.push({ title: item.title, depth, page: (await doc.getPageIndex(ref as never)) + 1 });
      await walk(item.items, depth + 1);
    }
  };
  await walk(((await doc.getOutline()) ?? []) as unknown as OutlineItem[], 1);
  await doc.destroy();
  return out;
}

/** The internal links of a PDF: the page each is on, its text's destination name, the page it opens. */
async function internalLinks(bytes: Uint8Array): Promise<Array<{ from: number; dest: string; to: number }>> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const links: Array<{ from: number; dest: string; to: number }> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== "Link" || typeof annotation.dest !== "string") continue;
      const dest = await doc.getDestination(annotation.dest);
      links.push({ from: n, dest: annotation.dest, to: (await doc.getPageIndex(dest?.[0] as never)) + 1 });
    }
  }
  await doc.destroy();
  return links;
}

/** The role (H1 … H6) of each heading of the structure tree, in the order `structureTextPdfJs` lists them. */
async function headingRoles(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const roles: string[] = [];
  type Node = { role?: string; children?: Node[] };
  const walk = (node: Node) => {
    if (node.role && /^H[1-6]$/.test(node.role)) roles.push(node.role);
    for (const child of node.children ?? []) walk(child);
  };
  for (let n = 1; n <= doc.numPages; n++)
    walk(((await (await doc.getPage(n)).getStructTree()) ?? {}) as Node);
  await doc.destroy();
  return roles;
}

describe.each([
  ["one-sided", false],
  ["two-sided", true],
] as const)("the PDF of a book, %s", (_name, sided) => {
  let bytes: Uint8Array;
  let pages: Awaited<ReturnType<typeof pdfPages>>;
  let outline: Awaited<ReturnType<typeof outlinePages>>;
  beforeAll(async () => {
    bytes = await bytesOf(pdfFormat, sided ? twoSided() : book());
    pages = await pdfPages(bytes);
    outline = await outlinePages(bytes);
  });
  const lines = (page: number) => (pages[page - 1]?.text ?? "").split("\n").map((l) => l.trim());
  const startOf = (title: string) => outline.find((e) => e.title === title && e.depth <= 2)?.page as number;

  it("nests its bookmarks Part > Chapter > Section, each landing on its heading's page", () => {
    const tree = outline.map((e) => `${e.depth} ${e.title}`);
    expect(tree).toEqual([
      "1 About this volume",
      "1 Africa",
      "2 Mali",
      ...maliSections.map((s) => `3 ${s}`),
      "2 Niger",
      "3 Overview",
      "3 2021 Terrorist Incidents",
      "1 Western Hemisphere",
      "2 Colombia",
      "3 Overview",
    ]);
    for (const entry of outline) expect(lines(entry.page).join(" "), entry.title).toContain(entry.title);
  });

  it(`starts each part and chapter on a new page${sided ? ", a right-hand (odd) one" : ""}`, () => {
    for (const title of [...partTitles, ...chapterTitles]) {
      const page = startOf(title);
      expect(lines(page)[0], `page ${page}`).toBe(title);
      if (sided) expect(page % 2, `${title} on page ${page}`).toBe(1);
    }
    if (!sided) expect(startOf("Africa")).toBe(4);
  });

  it("lists parts, chapters and sections in its contents, with the pages they start on", () => {
    const contents = pages.findIndex((p) => p.text.startsWith("Contents"));
    expect(contents).toBeGreaterThan(1); // after the cover and the front text
    const listed = new Map<string, number[]>();
    for (const line of lines(contents + 1)) {
      const match = /^(.*\S)\s+(\d+)$/.exec(line);
      if (match)
        listed.set(match[1] as string, [...(listed.get(match[1] as string) ?? []), Number(match[2])]);
    }
    for (const title of [...partTitles, ...chapterTitles])
      expect(listed.get(title), title).toEqual([startOf(title)]);
    expect(listed.get("Countering Violent Extremism")).toEqual([
      outline.find((e) => e.title === "Countering Violent Extremism")?.page,
    ]);
    expect(listed.get("Overview")).toHaveLength(3);
  });

  it("heads each page with the book and the chapter (or part) it is in, and counts the whole book", () => {
    const starts = outline.filter((e) => e.depth <= 2 && e.title !== "About this volume");
    pages.forEach((page, i) => {
      const n = i + 1;
      if (n === 1) {
        expect(page.text).not.toMatch(/Page \d+ of/);
        return;
      }
      expect(page.text, `page ${n}`).toContain(`Page ${n} of ${pages.length}`);
      const current = starts.filter((s) => s.page <= n).at(-1);
      const header = current
        ? `Country Reports on Terrorism 2021 · ${current.title}`
        : "Country Reports on Terrorism 2021";
      expect(lines(n), `page ${n}`).toContain(header);
    });
  });

  it("makes a link from one chapter to another land on the other chapter's section", async () => {
    const links = await internalLinks(bytes);
    // (The contents link to the same destinations: the links here are those in the chapters' text.)
    const inText = (dest: string, from: string, to: string) =>
      links.find((l) => l.dest === dest && l.from >= startOf(from) && l.from < startOf(to));
    const niger = inText("mali-2021-2021-terrorist-incidents", "Niger", "Western Hemisphere");
    const maliIncidents = outline.find((e) => e.title === "2021 Terrorist Incidents" && e.depth === 3);
    expect(niger?.to).toBe(maliIncidents?.page);
    expect(inText("colombia-2021", "Niger", "Western Hemisphere")?.to).toBe(startOf("Colombia"));
    const colombia = links.find((l) => l.dest === "niger-2021-overview" && l.from >= startOf("Colombia"));
    expect(colombia?.to).toBe(startOf("Niger"));
  });

  it("is tagged PDF/UA-1, its headings nesting from the book's title", async () => {
    expect(checkPdfUa(bytes)).toEqual([]);
    const { headings } = await structureTextPdfJs(bytes);
    const roles = await headingRoles(bytes);
    expect(roles).toHaveLength(headings.length);
    expect(headings.slice(0, 6).map((text, i) => `${roles[i]} ${text}`)).toEqual([
      "H1 Country Reports on Terrorism 2021",
      "H2 About this volume",
      "H2 Contents",
      "H2 Africa",
      "H3 Mali",
      "H4 Overview",
    ]);
  });
});

describe("the DOCX of a book", () => {
  let document: string;
  let numbering: string;
  let notes: string;
  beforeAll(async () => {
    const pkg = await openDocx(await bytesOf(docxFormat, book()));
    document = await pkg.part("word/document.xml");
    numbering = await pkg.part("word/numbering.xml");
    notes = await pkg.part("word/footnotes.xml");
  });
  const paragraphs = () => document.match(/<w:p\b[\s\S]*?<\/w:p>/g) ?? [];
  const styleOf = (p: string) => /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];

  it("nests Word's heading levels: Heading 1 a part, 2 a chapter, 3 a section", () => {
    const headings = paragraphs()
      .filter((p) => styleOf(p)?.startsWith("Heading"))
      .map((p) => `${styleOf(p)} ${partText(p).trim()}`);
    // The front text's own section sits at the top, above the parts, or at the chapters' level.
    expect(headings[0]).toMatch(/^Heading[12] About this volume$/);
    expect(headings.slice(1)).toEqual([
      "Heading1 Africa",
      "Heading2 Mali",
      ...maliSections.map((s) => `Heading3 ${s}`),
      "Heading2 Niger",
      "Heading3 Overview",
      "Heading3 2021 Terrorist Incidents",
      "Heading1 Western Hemisphere",
      "Heading2 Colombia",
      "Heading3 Overview",
    ]);
  });

  it("puts a page break before each part and chapter, and the contents field after the front text", () => {
    const list = paragraphs();
    for (const title of [...partTitles, ...chapterTitles]) {
      const at = list.findIndex((p) => styleOf(p)?.startsWith("Heading") && partText(p).trim() === title);
      // The `::pagebreak` before it: a page break, or an empty paragraph that starts a page.
      expect(list[at - 1], title).toMatch(/<w:br w:type="page"\/>|<w:pageBreakBefore\/>/);
    }
    expect(document).toContain("TOC \\h \\o &quot;1-3&quot;");
    expect(document.indexOf("TOC \\h")).toBeGreaterThan(document.indexOf("The chapters in order"));
  });

  it("gives each list its own numbering, each ordered list starting again at 1", () => {
    const numOf = (text: string) =>
      /<w:numId w:val="(\d+)"\/>/.exec(paragraphs().find((p) => partText(p).includes(text)) ?? "")?.[1];
    const first = numOf("Start with its Overview");
    const second = numOf("Mali, in the Africa part");
    const bullets = [numOf("On June 25, 13 MINUSMA"), numOf("On January 2, terrorists")];
    expect(new Set([first, second, ...bullets]).size).toBe(4);
    const startOf = (numId: string | undefined) => {
      const abstract = new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/>`).exec(
        numbering,
      )?.[1];
      const definition =
        new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstract}".*?</w:abstractNum>`, "s").exec(
          numbering,
        )?.[0] ?? "";
      return /<w:lvl w:ilvl="0"[^>]*><w:start w:val="(\d+)"\/>/.exec(definition)?.[1];
    };
    expect(startOf(first)).toBe("1");
    expect(startOf(second)).toBe("1");
  });

  it("keeps each chapter's notes as Word footnotes and links chapters through heading bookmarks", () => {
    expect(partText(notes)).toContain("The count as the Department of State published it for 2021.");
    expect(partText(notes)).toContain("An estimate from open sources, as the chapter states.");
    const anchors = [...document.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]);
    const bookmarks = new Set(
      [...document.matchAll(/<w:bookmarkStart [^>]*w:name="([^"]+)"/g)].map((m) => m[1]),
    );
    expect(anchors).toContain("niger-2021-overview");
    for (const anchor of anchors) expect(bookmarks.has(anchor), anchor).toBe(true);
  });
});
