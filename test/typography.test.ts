import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textBlocks } from "../src/model/sentences.ts";
import { docxText } from "./docx-package.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { loadReport, renderDocx, renderHtml, renderPdf } from "./support/render.ts";

const path = "test/fixtures/typo/typography.md";
const source = readFileSync(path, "utf8");
const work = mkdtempSync(join(tmpdir(), "folio-typography-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The PDF's text as pdftotext reads it, whitespace folded (a sentence may wrap). */
function pdfText(bytes: Uint8Array): string {
  const file = join(work, "x.pdf");
  writeFileSync(file, bytes);
  // A narrow table cell wraps after a dash ("2020–" / "2021"): a reader reads one word there.
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
    .replace(/(\S[–—])\n(?=\S)/g, "$1")
    .replace(/\s+/g, " ");
}

const fold = (text: string) => text.replace(/\s+/g, " ");

/** What a reader must see, the same characters in every format. */
const typographic = [
  "The Utility’s “Plain” Water Brief",
  "Rates – and what’s next",
  "Dana O’Neill",
  "Why “rates” matter",
  "The board said “the group’s attack on rates” was ‘unfair’ – and then — quietly — withdrew…",
  "It’s the ’90s again: rock ’n’ roll and the customers’ bills.",
  "“Quoted” cell",
  "‘Single’",
  "“Double” – 2020–2021",
  "the board’s site is text.",
];
/** What stays as typed: inline code, raw <code>, a code block, a URL. */
const asTyped = [
  `say "hi" -- it's 'fine'...`,
  `the "raw" -- code's`,
  `print("block code -- isn't 'curly'...")`,
  "https://example.gov/a--b/it's",
  "www.example.gov/c--d",
];

describe("typographic quotes, dashes and ellipses (smart)", () => {
  const model = loadReport(path);
  let pdf = "";
  let docx = "";
  let html = "";
  let page: ReturnType<typeof parsePage>;
  beforeAll(async () => {
    pdf = pdfText(await renderPdf(model));
    docx = fold(await docxText(await renderDocx(model)));
    html = await renderHtml(model);
    page = parsePage(html);
  });

  it("the source itself is straight: the fixture can fail", () => {
    for (const text of typographic) expect(source).not.toContain(text);
    expect(source).toContain(
      `"the group's attack on rates" was 'unfair' -- and then --- quietly --- withdrew...`,
    );
  });

  it("prints the same curly quotes, apostrophes, dashes and ellipsis in the PDF, the DOCX and the HTML", () => {
    const htmlText = visibleText(page);
    for (const text of typographic) {
      expect(pdf).toContain(text);
      expect(docx).toContain(text);
      expect(htmlText).toContain(text);
    }
  });

  it("keeps code, inline code, raw <code> and URLs as typed in every format", () => {
    const htmlText = visibleText(page);
    for (const text of asTyped) {
      expect(pdf).toContain(text);
      expect(docx).toContain(text);
      expect(htmlText).toContain(text);
    }
    const link = selectAll("a[href^='https://example.gov']", page)[0];
    expect(attr(link, "href")).toBe("https://example.gov/a--b/it's");
  });

  it("makes the abstract and an image's alt text typographic too", () => {
    expect(model.meta.abstract).toBe("The board’s “rate case” covers 2019–2024 — five years… in brief.");
    const image = selectAll("img", page).find((img) => attr(img, "alt")?.includes("seal"));
    expect(attr(image, "alt")).toBe("A “straight” seal – the utility’s");
  });

  it("`smart: false` keeps the text as typed", () => {
    const plain = loadReport(path, { text: source.replace("---\ntitle:", "---\nsmart: false\ntitle:") });
    const text = textBlocks(plain.tree).join(" ");
    expect(text).toContain(
      `"the group's attack on rates" was 'unfair' -- and then --- quietly --- withdrew...`,
    );
    expect(plain.meta.title).toBe(`The Utility's "Plain" Water Brief`);
    expect(plain.file.messages).toEqual([]);
  });

  it("matches a fact quote typed with straight quotes and `--` against the curly body", () => {
    const withFact = source.replace(
      "---\ntitle:",
      `---\nfacts:\n  - label: Years of the rate case\n    value: 2019--2024\n    quote: The board's "rate case" covers 2019--2024\ntitle:`,
    );
    const body = withFact.replace(
      "## Why",
      `The board's "rate case" covers 2019--2024, five years.\n\n## Why`,
    );
    const loaded = loadReport(path, { text: body });
    expect(loaded.facts.figures.map((f) => f.quote)).toEqual([`The board's "rate case" covers 2019--2024`]);
    const wrong = body.replace(
      `quote: The board's "rate case" covers 2019--2024`,
      `quote: The board's "rate cases" covers`,
    );
    expect(() => loadReport(path, { text: wrong })).toThrow(/not found word for word/);
  });
});
