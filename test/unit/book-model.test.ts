// The document model of a book assembled from its chapters' models (src/model/book/), and the
// book's fixture; test/book.test.ts reads the PDF and DOCX of the same book.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../../src/model/book/load.ts";
import type { ReportModel } from "../../src/model/types.ts";
import { testAssets } from "../support/render.ts";

const bookPath = "test/fixtures/book/crt-2021.md";
const bookText = readFileSync(bookPath, "utf8");
const book = (text = bookText) => loadDocument(bookPath, testAssets(), { text });

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

describe("a book's fixture", () => {
  it("copies its chapters from the report and the fixtures, adding only the cross-links and notes", () => {
    const mali = readFileSync("test/fixtures/book/mali-2021.md", "utf8");
    expect(mali).toBe(readFileSync("source/mali-2021.md", "utf8"));
    const dir = mkdtempSync(join(tmpdir(), "folio-book-copy-"));
    cpSync("test/fixtures/book", dir, { recursive: true });
    expect(loadDocument(join(dir, "crt-2021.md"), testAssets()).book?.chapters).toHaveLength(3);
  });
});
