// A book's chapters keep their byline: each chapter's opening shows its subtitle, and its authors
// and date where they are not the book's, in the model, the PDF (pdf.js text and pdfinfo's structure
// tree), the DOCX (its XML) and each chapter's web page.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Element } from "hast";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../src/model/book/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { openDocx, partText } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { parsePage, selectAll, visibleText } from "./support/html.ts";
import { checkPdfUa } from "./support/pdfua.ts";
import { renderWith, testAssets } from "./support/render.ts";

const bookPath = "test/fixtures/typo/book/handbook.md";
const work = mkdtempSync(join(tmpdir(), "folio-book-byline-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bytesOf = async (format: typeof pdfFormat, model: ReportModel) =>
  (await renderWith(format, model, { sourceDateEpoch: 1_700_000_000 })).artifacts[0]?.bytes as Uint8Array;

/** What each chapter's opening shows under its heading, in order. */
const openings = {
  Rates: ["How the board sets what customers pay", "Dana O’Neill and Lee Park", "March 4, 2025"],
  // By the book's author on the book's date: nothing repeated.
  Service: [],
  Outlook: [],
};

describe("a book's chapter openings", () => {
  let model: ReportModel;
  beforeAll(() => {
    model = loadDocument(bookPath, testAssets());
  });

  it("puts the chapter's subtitle, authors and date after its heading, as the title block's directives", () => {
    const lines = (title: string) => {
      const at = model.tree.children.findIndex(
        (n) => n.type === "heading" && n.children[0]?.type === "text" && n.children[0].value === title,
      );
      const after = model.tree.children.slice(at + 1);
      const end = after.findIndex((n) => n.type !== "leafDirective");
      return after
        .slice(0, end)
        .map((n) => (n.type === "leafDirective" ? `${n.name}: ${visibleLine(n)}` : ""));
    };
    expect(lines("Rates")).toEqual([
      "subtitle: How the board sets what customers pay",
      "authors: Dana O’Neill and Lee Park",
      "dateline: March 4, 2025",
    ]);
    expect(lines("Service")).toEqual([]);
    expect(lines("Outlook")).toEqual([]);
  });

  it("prints each chapter's byline under its heading in the PDF, tagged as paragraphs after the heading", async () => {
    const pdf = await bytesOf(pdfFormat, model);
    const pages = await pdfPages(pdf);
    for (const [title, byline] of Object.entries(openings)) {
      const page = pages.find((p) => p.text.split("\n").some((line) => line.trim() === title))?.text ?? "";
      const lines = page.split("\n").map((l) => l.trim());
      const at = lines.indexOf(title);
      expect(at, title).toBeGreaterThanOrEqual(0);
      expect(lines.slice(at + 1, at + 1 + byline.length)).toEqual(byline);
      // The next line is the chapter's first section, not a byline line.
      expect(lines[at + 1 + byline.length]).toMatch(/^(Schedule|Outages|Next year)$/);
    }
    expect(checkPdfUa(pdf)).toEqual([]);
    const file = join(work, "book.pdf");
    writeFileSync(file, pdf);
    const tree = execFileSync("pdfinfo", ["-struct-text", file], { encoding: "utf8" });
    expect(tree).toMatch(
      /H(\d) \(block\)\n\s*"Rates"\n\s*P \(block\)\n\s*"How the board sets what customers pay"\n\s*P \(block\)\n\s*"Dana O’Neill and Lee Park"\n\s*P \(block\)\n\s*"March 4, 2025"\n\s*H\d \(block\)\n\s*"Schedule"/,
    );
  });

  it("sets each chapter's byline in the title block's Word styles after its heading", async () => {
    const document = await (await openDocx(await bytesOf(docxFormat, model))).part("word/document.xml");
    const paragraphs = (document.match(/<w:p\b[\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
      style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? "",
      text: partText(p).trim(),
    }));
    const at = paragraphs.findIndex((p) => p.text === "Rates" && /^Heading/.test(p.style));
    expect(paragraphs.slice(at + 1, at + 5)).toEqual([
      { style: "Subtitle", text: "How the board sets what customers pay" },
      { style: "Authors", text: "Dana O’Neill and Lee Park" },
      { style: "Byline", text: "March 4, 2025" },
      { style: "Heading2", text: "Schedule" },
    ]);
    for (const title of ["Service", "Outlook"]) {
      const i = paragraphs.findIndex((p) => p.text === title && /^Heading/.test(p.style));
      expect(paragraphs[i + 1]?.style).toBe("Heading2");
    }
  });

  it("shows each chapter's byline on its web page, under its heading", async () => {
    const { artifacts } = await renderWith(htmlFormat, model, {});
    const pageOf = (suffix: string) =>
      parsePage(artifacts.find((a) => a.suffix === suffix)?.bytes as Uint8Array);
    const rates = pageOf("/rates.html");
    const [heading] = selectAll("article h1", rates);
    const next = siblingsAfter(heading as Element, rates);
    expect(
      next.slice(0, 3).map((e) => `${String(e.properties.className)}: ${visibleText(e).trim()}`),
    ).toEqual([
      "subtitle: How the board sets what customers pay",
      "authors: Dana O’Neill and Lee Park",
      "dateline: March 4, 2025",
    ]);
    expect(
      selectAll("article .authors, article .dateline, article .subtitle", pageOf("/service.html")),
    ).toEqual([]);
  });
});

function visibleLine(node: { children?: unknown[] }): string {
  return (node.children ?? []).map((c) => (c as { value?: string }).value ?? "").join("");
}

/** The element siblings after `element` in its parent. */
function siblingsAfter(element: Element, root: ReturnType<typeof parsePage>): Element[] {
  for (const parent of selectAll("article", root)) {
    const at = parent.children.indexOf(element);
    if (at >= 0) return parent.children.slice(at + 1).filter((c): c is Element => c.type === "element");
  }
  return [];
}
