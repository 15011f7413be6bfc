// A book built from its chapters' models (src/model/book/): the assembled document model, then
// the PDF (pdf.js: text, outline, links, destinations) and the DOCX (its XML), read back.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** A book in a fresh folder: `files` by name (chapters, images), the book source as `book.md`. */
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-book-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe("the document model of a book", () => {
  let model: ReportModel;
  beforeAll(() => {
    model = book();
  });

  it("is the book's front text, then each part's heading over its chapters' headings over their sections", () => {
    const nesting = model.outline.map((e) => `${e.depth} ${e.text}`);
    expect(nesting).toEqual([
      "2 About this volume",
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
    expect(model.book?.parts.map((p) => p.title)).toEqual(partTitles);
    expect(model.book?.chapters.map((c) => [c.title, c.part])).toEqual([
      ["Mali", 0],
      ["Niger", 0],
      ["Colombia", 1],
    ]);
    expect(model.meta.title).toBe("Country Reports on Terrorism 2021");
    expect(model.book?.twoSided).toBe(false);
  });

  it("gives every id once, a chapter's prefixed with its name", () => {
    const ids: string[] = [];
    const walk = (node: { data?: { id?: string; hProperties?: { id?: unknown } }; children?: unknown[] }) => {
      const id = node.data?.id ?? node.data?.hProperties?.id;
      if (typeof id === "string") ids.push(id);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(model.tree as never);
    expect(new Set(ids).size).toBe(ids.length);
    expect(model.outline.map((e) => e.id)).toContain("niger-2021-overview");
    expect(model.outline.map((e) => e.id)).toContain("colombia-2021-overview");
    expect(model.outline.map((e) => e.id)).toContain("mali-2021");
  });

  it("turns links between chapters into links inside the book", () => {
    const links: string[] = [];
    const walk = (node: { type: string; url?: string; children?: unknown[] }) => {
      if (node.type === "link" && node.url) links.push(node.url);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(model.tree as never);
    expect(links).toEqual([
      "#mali-2021",
      "#niger-2021-2021-terrorist-incidents",
      "#colombia-2021",
      "#mali-2021-2021-terrorist-incidents",
      "#colombia-2021",
      "#niger-2021-overview",
    ]);
    const ids = new Set(model.outline.map((e) => e.id));
    for (const link of links) expect(ids.has(link.slice(1)), link).toBe(true);
  });

  it("keeps each chapter's notes, made unique, numbered through the book", () => {
    expect([...model.footnotes.values()].map((n) => [n.number, n.identifier])).toEqual([
      [1, "niger-2021-attacks"],
      [2, "colombia-2021-attacks"],
    ]);
  });

  it("starts every part and chapter after a page break, and places the contents after the front text", () => {
    const kinds = model.tree.children.map((n) =>
      n.type === "leafDirective" ? `::${n.name}` : n.type === "heading" ? `#${n.depth} ${n.data?.id}` : "",
    );
    const starts = kinds.filter((k) => k.startsWith("#1 ") || (k.startsWith("#2 ") && k.includes("-2021")));
    expect(starts).toEqual([
      "#1 part-africa",
      "#2 mali-2021",
      "#2 niger-2021",
      "#1 part-western-hemisphere",
      "#2 colombia-2021",
    ]);
    for (const start of starts) expect(kinds[kinds.indexOf(start) - 1]).toBe("::pagebreak");
    expect(kinds.indexOf("::toc")).toBe((model.book?.front ?? 0) - 1);
    expect(model.contents.at).toBe(model.tree.children[(model.book?.front ?? 0) - 1]);
    expect(model.contents.entries.map((e) => e.text)).toEqual(model.outline.map((e) => e.text));
    const shallow = book(bookText.replace("toc-depth: 3\n", ""));
    expect(shallow.contents.entries.map((e) => e.text)).toEqual([
      "About this volume",
      ...["Africa", "Mali", "Niger", "Western Hemisphere", "Colombia"],
    ]);
  });

  it("loads each chapter once through the loader it is given, never changing the chapter's model", () => {
    const loads: string[] = [];
    const models = new Map<string, ReportModel>();
    const loadSource = (path: string) => {
      loads.push(path);
      const chapter = loadDocument(path, testAssets());
      models.set(path, chapter);
      return { model: chapter, file: chapter.file };
    };
    const first = loadDocument(bookPath, testAssets(), { loadSource });
    expect(loads).toEqual(chapterTitles.map((c) => `test/fixtures/book/${c.toLowerCase()}-2021.md`));
    const mali = models.get("test/fixtures/book/mali-2021.md");
    expect(mali?.outline.map((e) => e.id)).toContain("overview");
    expect(mali?.outline[0]?.depth).toBe(2);
    expect(first.outline.find((e) => e.id === "mali-2021-overview")?.depth).toBe(3);
  });

  it("names images by their path from the book's folder and reads each file once", () => {
    const seal = readFileSync("test/fixtures/images/seal.png");
    const dir = folder({
      "book.md": "---\ntitle: B\nchapters: [one.md, sub/two.md]\n---\n",
      "one.md": "---\ntitle: One\n---\n\n## A\n\n![A seal](seal.png)\n\nSee [two](sub/two.md#b).\n",
      "seal.png": seal,
      "sub/two.md":
        "---\ntitle: Two\n---\n\n## B\n\n![Another seal](seal.png)\n\nBack to [one](../one.html).\n",
      "sub/seal.png": seal,
    });
    const model = loadDocument(join(dir, "book.md"), testAssets());
    expect([...model.images.keys()].sort()).toEqual(["seal.png", "sub/seal.png"]);
    const urls: string[] = [];
    const walk = (node: { type: string; url?: string; children?: unknown[] }) => {
      if ((node.type === "image" || node.type === "link") && node.url) urls.push(node.url);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(model.tree as never);
    expect(urls).toEqual(["seal.png", "#two-b", "sub/seal.png", "#one"]);
  });

  it("sets a heading the shift would take past level 6 at level 6, with a warning at the chapter's line", () => {
    const dir = folder({
      "book.md": "---\ntitle: B\nparts:\n  - title: P\n    chapters: [deep.md]\n---\n",
      "deep.md":
        "---\ntitle: Deep\n---\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n\nText.\n",
    });
    const model = loadDocument(join(dir, "book.md"), testAssets());
    expect(model.outline.map((e) => e.depth)).toEqual([1, 2, 3, 4, 5, 6, 6]);
    const warning = model.file.messages.find((m) => m.ruleId === "book-heading-level");
    expect(warning?.file).toBe(join(dir, "deep.md"));
    expect(warning?.line).toBe(13);
    expect(warning?.fatal).toBeFalsy();
  });

  it("warns at the link when it names a section the chapter does not have", () => {
    const dir = folder({
      "book.md": "---\ntitle: B\nchapters: [a.md, b.md]\n---\n",
      "a.md": "---\ntitle: A\n---\n\n## S\n\nSee [b](b.md#nowhere).\n",
      "b.md": "---\ntitle: B\n---\n\n## T\n\nText.\n",
    });
    const model = loadDocument(join(dir, "book.md"), testAssets());
    const warning = model.file.messages.find((m) => m.ruleId === "book-link");
    expect(warning?.reason).toMatch(/has no heading `#nowhere`/);
    expect(warning?.file).toBe(join(dir, "a.md"));
    expect(warning?.line).toBe(7);
  });
});

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

describe("a book's fixture", () => {
  it("copies its chapters from the report and the fixtures, adding only the cross-links and notes", () => {
    const mali = readFileSync("test/fixtures/book/mali-2021.md", "utf8");
    expect(mali).toBe(readFileSync("source/mali-2021.md", "utf8"));
    const dir = mkdtempSync(join(tmpdir(), "folio-book-copy-"));
    cpSync("test/fixtures/book", dir, { recursive: true });
    expect(loadDocument(join(dir, "crt-2021.md"), testAssets()).book?.chapters).toHaveLength(3);
  });
});
