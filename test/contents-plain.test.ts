import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Element } from "hast";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../src/check/extract-docx.ts";
import { pdfText } from "../src/check/extract-pdf.ts";
import { type ChromiumSession, chromiumSession, type FileLoader, fileLoader } from "./support/browser.ts";
import { parsePage, selectAll, visibleText } from "./support/html.ts";
import { loadReport, renderDocx, renderHtml, renderPdf } from "./support/render.ts";

// The contents list is plain in every format: a heading's own number ("I.", "1.", "A.", "3.2") is
// the only number its entry shows, and a heading without one gets none.
const fixtures = {
  numbered: {
    path: "test/fixtures/check/numbered-headings.md",
    headings: [
      "I. Definitions",
      "II. Policy Requirements",
      "1. Collect or create information in a way that supports downstream information processing and dissemination activities",
      "2. Build information systems to support interoperability and information accessibility",
      "III. Implementation",
      "A. Scope",
      "3.2 Methods",
    ],
  },
  unnumbered: {
    path: "test/fixtures/check/wrapped-cells.md",
    headings: ["Summary", "Awards by state", "Findings"],
  },
};

const dir = mkdtempSync(join(tmpdir(), "folio-contents-"));
let browser: ChromiumSession;
/** One page loads each fixture's HTML in turn: a context per file costs Chromium a renderer process each. */
let pages: FileLoader;
beforeAll(async () => {
  browser = await chromiumSession();
  pages = await fileLoader(browser);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The lines of extracted text from the line "Contents" to the first line after the last entry. */
function contentsLines(text: string, count: number): string[] {
  const lines = text.split("\n").map((l) => l.replace(/\s+/g, " ").trim());
  const start = lines.indexOf("Contents");
  expect(start).toBeGreaterThanOrEqual(0);
  return lines.slice(start + 1, start + 1 + count * 2);
}

/** Reads each heading, in order, at the start of a contents line (a long one wraps onto the next). */
function expectEntries(lines: string[], headings: string[]): void {
  const joined = lines.join(" ");
  let from = 0;
  for (const heading of headings) {
    const at = joined.indexOf(heading, from);
    expect(at, `“${heading}” in ${JSON.stringify(lines)}`).toBeGreaterThanOrEqual(0);
    // Nothing put before the heading's own text: no "1. " of the list's.
    expect(joined.slice(from, at).trim(), `before “${heading}”`).toMatch(/^(\d+)?$/);
    from = at + heading.length;
  }
}

describe.each(Object.entries(fixtures))("the contents of a report whose headings are %s", (name, fixture) => {
  const model = loadReport(fixture.path);
  // Rendered once, for the parsed checks and the browser's.
  let rendered: Promise<string> | undefined;
  const html = () => {
    rendered ??= renderHtml(model);
    return rendered;
  };

  it("lists exactly the headings, as the model plans them", () => {
    expect(model.contents.show).toBe(true);
    expect(model.contents.entries.map((e) => e.text)).toEqual(fixture.headings);
  });

  it("is a plain list in the HTML: nested `ul`, no `ol`, each link the heading's own text", async () => {
    const page = parsePage(await html());
    const nav = selectAll("nav.toc", page)[0] as Element;
    expect(nav).toBeDefined();
    expect(selectAll("ol", nav)).toEqual([]);
    expect(selectAll("ul", nav).length).toBeGreaterThan(0);
    expect(selectAll("li", nav).length).toBe(fixture.headings.length);
    expect(selectAll("a", nav).map((a) => visibleText(a))).toEqual(fixture.headings);
  });

  it("shows no marker in Chromium and keeps the list's semantics", async () => {
    const path = join(dir, `${name}.html`);
    writeFileSync(path, await html());
    const { page } = await pages.open(path);
    const items = page.locator("nav.toc li");
    const markers = await items.evaluateAll((lis) => lis.map((li) => getComputedStyle(li).listStyleType));
    expect(markers).toEqual(fixture.headings.map(() => "none"));
    // What a screen reader is given: a list of links named by the headings' text alone.
    const tree = await page.locator("nav.toc").ariaSnapshot();
    expect(tree).toMatch(/- list:/);
    for (const heading of fixture.headings) expect(tree).toContain(`link "${heading}"`);
  });

  it("lists the same entries, unnumbered, in the PDF", async () => {
    const { text } = await pdfText(await renderPdf(model, { sourceDateEpoch: 0 }), { top: 0, bottom: 0 });
    expectEntries(contentsLines(text, fixture.headings.length), fixture.headings);
  });

  it("lists the same entries, unnumbered, in the DOCX", async () => {
    const text = await docxText(await renderDocx(model, { sourceDateEpoch: 0 }));
    expectEntries(contentsLines(text, fixture.headings.length), fixture.headings);
  });
});
