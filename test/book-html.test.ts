// A book's web edition: the index page and one page per chapter (or one page, `html: single`),
// parsed back; the links between them resolved page to page; and the same checks as the report's
// page (the Nu HTML Checker, axe-core in headless Chromium, no request).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../src/model/book/load.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { axeViolations, type ChromiumSession, chromiumSession, fileLoader } from "./support/browser.ts";
import { renderWith, testAssets } from "./support/render.ts";
import { nuCheck } from "./support/vnu.ts";

const bookPath = "test/fixtures/book/crt-2021.md";
const bookText = readFileSync(bookPath, "utf8");

/** The editions rendered in this file, by text and fact sheets: the browser checks read the same files. */
const editions = new Map<string, Promise<{ dir: string; names: string[] }>>();

/** The book's web edition written into a fresh folder as the build would write it (once per file); the files by name. */
function writeEdition(text: string, factSheets: string[] = []): Promise<{ dir: string; names: string[] }> {
  const key = JSON.stringify([text, factSheets]);
  let edition = editions.get(key);
  if (!edition) {
    edition = renderEdition(text, factSheets);
    editions.set(key, edition);
  }
  return edition;
}

async function renderEdition(text: string, factSheets: string[]): Promise<{ dir: string; names: string[] }> {
  const model = loadDocument(bookPath, testAssets(), { text });
  const { artifacts, messages } = await renderWith(htmlFormat, model, { factSheets: new Set(factSheets) });
  expect(messages).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), "folio-book-html-"));
  const names = artifacts.map((a) => `${model.name}${a.suffix}`);
  artifacts.forEach((artifact, i) => {
    const path = join(dir, names[i] as string);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, artifact.bytes);
  });
  return { dir, names };
}

const parse = (path: string): Root => fromHtml(readFileSync(path, "utf8"));
const hrefs = (tree: Root | Element, selector: string) =>
  selectAll(selector, tree).map((a) => String((a as Element).properties.href));

describe("a book's web edition in pages", () => {
  let dir: string;
  let names: string[];
  let pages: Map<string, Root>;
  beforeAll(async () => {
    ({ dir, names } = await writeEdition(bookText, ["mali-2021"]));
    pages = new Map(names.map((name) => [name, parse(join(dir, name))]));
  });
  const page = (name: string) => pages.get(name) as Root;

  it("is an index page and one page per chapter, named NAME/CHAPTER.html", () => {
    expect(names).toEqual([
      "crt-2021.html",
      "crt-2021/mali-2021.html",
      "crt-2021/niger-2021.html",
      "crt-2021/colombia-2021.html",
    ]);
  });

  it("indexes parts and chapters, their sections and the fact sheets that are built", () => {
    const index = page("crt-2021.html");
    expect(toText(selectAll("h1", index)[0] as Element)).toBe("Country Reports on Terrorism 2021");
    const contents = selectAll("nav.book-toc", index)[0] as Element;
    expect(selectAll(".toc-part-title", contents).map((e) => toText(e))).toEqual([
      "Africa",
      "Western Hemisphere",
    ]);
    const chapterLinks = selectAll(".toc-part > ul > li > a:first-child", contents).map((a) => [
      toText(a),
      String((a as Element).properties.href),
    ]);
    expect(chapterLinks).toEqual([
      ["Mali", "crt-2021/mali-2021.html"],
      ["Niger", "crt-2021/niger-2021.html"],
      ["Colombia", "crt-2021/colombia-2021.html"],
    ]);
    expect(hrefs(contents, "a.toc-factsheet")).toEqual(["mali-2021.factsheet.html"]);
    expect(hrefs(contents, "a")).toContain("crt-2021/niger-2021.html#niger-2021-2021-terrorist-incidents");
    // The front text's links to chapters go to their pages.
    expect(hrefs(index, "article > ol a")).toEqual([
      "crt-2021/mali-2021.html",
      "crt-2021/niger-2021.html#niger-2021-2021-terrorist-incidents",
      "crt-2021/colombia-2021.html",
    ]);
  });

  it("gives each chapter page its chapter as h1, its sections as h2, its notes, and links up, back and on", () => {
    const niger = page("crt-2021/niger-2021.html");
    expect(selectAll("h1", niger).map((e) => toText(e))).toEqual(["Niger"]);
    expect(selectAll("article h2", niger).map((e) => toText(e))).toEqual([
      "Overview",
      "2021 Terrorist Incidents",
      "Notes",
    ]);
    expect(toText(selectAll(".footnotes li", niger)[0] as Element)).toContain(
      "The count as the Department of State",
    );
    const nav = selectAll("nav.book-nav", niger)[0] as Element;
    expect(hrefs(nav, "p a")).toEqual(["../crt-2021.html", "../crt-2021.html#part-africa"]);
    expect(hrefs(nav, 'a[rel="prev"]')).toEqual(["mali-2021.html"]);
    expect(hrefs(nav, 'a[rel="next"]')).toEqual(["colombia-2021.html"]);
    expect(hrefs(page("crt-2021/mali-2021.html"), 'nav a[rel="prev"]')).toEqual([]);
    expect(hrefs(page("crt-2021/mali-2021.html"), "nav.book-nav a.toc-factsheet")).toEqual([
      "../mali-2021.factsheet.html",
    ]);
    expect(hrefs(page("crt-2021/colombia-2021.html"), 'nav a[rel="next"]')).toEqual([]);
    expect(hrefs(page("crt-2021/colombia-2021.html"), ".book-nav p a")).toEqual([
      "../crt-2021.html",
      "../crt-2021.html#part-western-hemisphere",
    ]);
  });

  it("has every id once per page, and every link between its pages landing on a page and id that exist", () => {
    const ids = new Map<string, Set<string>>();
    for (const [name, tree] of pages) {
      const list = selectAll("[id]", tree).map((e) => String((e as Element).properties.id));
      expect(new Set(list).size, name).toBe(list.length);
      ids.set(name, new Set(list));
    }
    let checked = 0;
    for (const [name, tree] of pages) {
      for (const href of hrefs(tree, "a[href]")) {
        if (/^[a-z]+:/.test(href) || href.includes("factsheet")) continue;
        const [file, fragment] = href.split("#");
        const target = file ? posix.normalize(posix.join(posix.dirname(name), file)) : name;
        expect(ids.has(target), `${name} → ${href}`).toBe(true);
        if (fragment)
          expect(ids.get(target)?.has(decodeURIComponent(fragment)), `${name} → ${href}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    // Niger links to Mali's incidents and to Colombia's page; Colombia back to Niger's overview.
    expect(hrefs(page("crt-2021/niger-2021.html"), "article > p > a")).toEqual([
      "mali-2021.html#mali-2021-2021-terrorist-incidents",
      "colombia-2021.html",
    ]);
    expect(hrefs(page("crt-2021/colombia-2021.html"), "article > p > a")).toContain(
      "niger-2021.html#niger-2021-overview",
    );
  });
});

describe("a book's web edition on one page (html: single)", () => {
  let dir: string;
  let names: string[];
  beforeAll(async () => {
    ({ dir, names } = await writeEdition(bookText.replace("toc-depth: 3\n", "toc-depth: 3\nhtml: single\n")));
  });

  it("holds the whole book, its contents linking inside the page", () => {
    expect(names).toEqual(["crt-2021.html"]);
    const tree = parse(join(dir, "crt-2021.html"));
    expect(selectAll("h1", tree).map((e) => toText(e))).toEqual([
      "Country Reports on Terrorism 2021",
      "Africa",
      "Western Hemisphere",
    ]);
    const ids = new Set(selectAll("[id]", tree).map((e) => String((e as Element).properties.id)));
    const inPage = hrefs(tree, "a[href]").filter((h) => h.startsWith("#"));
    expect(inPage).toContain("#niger-2021-overview");
    for (const href of inPage) expect(ids.has(decodeURIComponent(href.slice(1))), href).toBe(true);
    expect(selectAll(".footnotes li", tree)).toHaveLength(2);
  });
});

describe("a book's pages, checked like the report's", () => {
  let browser: ChromiumSession;
  let files: string[];
  beforeAll(async () => {
    const paged = await writeEdition(bookText, ["mali-2021"]);
    const single = await writeEdition(bookText.replace("toc-depth: 3\n", "toc-depth: 3\nhtml: single\n"));
    files = [
      ...paged.names.map((name) => join(paged.dir, name)),
      ...single.names.map((name) => join(single.dir, name)),
    ];
    browser = await chromiumSession();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("has no WCAG 2.2 AA violation according to axe-core, and makes no request", async () => {
    // One page for all: a context per file costs Chromium a renderer process each.
    const pages = await fileLoader(browser);
    for (const file of files) {
      const { page, requests } = await pages.open(file);
      const violations = await axeViolations(page);
      expect(violations, file).toEqual([]);
      expect(requests, file).toEqual([]);
    }
  });

  it("is valid HTML for the Nu HTML Checker", () => {
    const messages = nuCheck(files);
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
  });
});
