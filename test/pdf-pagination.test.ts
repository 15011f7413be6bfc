import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linesBeforeBreak } from "../src/engine/pdfmake/keep-lines.ts";
import { bodyParagraphStyle } from "../src/render/pdf/blocks.ts";
import { pageBreakBefore } from "../src/render/pdf/pagination.ts";
import { loadReport, renderPdf, testAssets } from "./support/render.ts";

const theme = testAssets().theme;
const inner = 648;
const line = theme.sizes.body * theme.spacing.lineHeight;
const at = (page: number, top: number) => ({
  pageNumber: page,
  verticalRatio: top / inner,
  pageInnerHeight: inner,
});
const none = { getFollowingNodesOnPage: () => [] };

describe("page breaks of the PDF edition", () => {
  const decide = pageBreakBefore(theme);

  it("moves a heading that would end its page, or be followed by a single line", () => {
    const heading = { headlineLevel: 2, pageNumbers: [1], startPosition: at(1, 600) };
    expect(decide(heading, none)).toBe(true);
    const oneLine = { pageNumbers: [1, 2], startPosition: at(1, inner - line) };
    expect(decide(heading, { ...none, getFollowingNodesOnPage: () => [oneLine] })).toBe(true);
    const room = { pageNumbers: [1], startPosition: at(1, 500) };
    expect(
      decide({ ...heading, startPosition: at(1, 470) }, { ...none, getFollowingNodesOnPage: () => [room] }),
    ).toBe(false);
  });

  it("moves a heading whose block is a table with only its header row on the page", () => {
    const heading = { headlineLevel: 2, pageNumbers: [1], startPosition: at(1, 560) };
    const table = { table: {}, pageNumbers: [1, 2], startPosition: at(1, 590) };
    const header = { style: "tableHeader", pageNumbers: [1], startPosition: at(1, 590) };
    const row = { style: "tableCell", pageNumbers: [1], startPosition: at(1, 610) };
    expect(decide(heading, { getFollowingNodesOnPage: () => [table, header, header] })).toBe(true);
    expect(decide(heading, { getFollowingNodesOnPage: () => [table, header, row] })).toBe(false);
  });

  it("moves a list item or a note whose number is alone at the foot of a page, its text overleaf", () => {
    const item = { columns: [], pageNumbers: [1, 2], startPosition: { ...at(1, 600), left: 72 } };
    const number = { pageNumbers: [1], startPosition: { ...at(1, 600), left: 72 } };
    const text = { pageNumbers: [1, 2], startPosition: { ...at(1, 600), left: 90 } };
    expect(decide(item, { getFollowingNodesOnPage: () => [number] })).toBe(true);
    expect(decide(item, { getFollowingNodesOnPage: () => [number, text] })).toBe(false);
  });

  it("moves a heading followed by a subheading whose text is overleaf", () => {
    const heading = { headlineLevel: 2, pageNumbers: [1], startPosition: at(1, 560) };
    const sub = { headlineLevel: 3, pageNumbers: [1], startPosition: at(1, 600) };
    const paragraph = { style: bodyParagraphStyle, pageNumbers: [1, 2], startPosition: at(1, 620) };
    expect(decide(heading, { getFollowingNodesOnPage: () => [sub] })).toBe(true);
    expect(decide(heading, { getFollowingNodesOnPage: () => [sub, paragraph] })).toBe(false);
  });

  it("sets at least two lines of a paragraph at the foot of a page and at the head of the next", () => {
    const rule = theme.pagination;
    expect(rule).toEqual({ orphans: 2, widows: 2 });
    // (lines that fit, lines left, rule, paragraph starts here, may go over whole) → lines set here
    expect(linesBeforeBreak(9, 5, rule, true, true)).toBe(5); // no break
    expect(linesBeforeBreak(1, 5, rule, true, true)).toBe(0); // orphan: all go over
    expect(linesBeforeBreak(4, 5, rule, true, true)).toBe(3); // widow: one more line goes over
    expect(linesBeforeBreak(2, 3, rule, true, true)).toBe(0); // three lines cannot give two and two
    expect(linesBeforeBreak(2, 4, rule, true, true)).toBe(2);
    expect(linesBeforeBreak(40, 41, rule, false, false)).toBe(39); // a long paragraph's last page
    expect(linesBeforeBreak(1, 5, rule, true, false)).toBe(1); // already at a page's top: stays
  });

  it("never leaves a heading as the last line of a page in a long report", async () => {
    const sections = Array.from({ length: 24 }, (_, i) => {
      const sentences = Array.from(
        { length: 3 + ((i * 7) % 11) },
        (_, j) => `Sentence ${j + 1} of part ${i + 1} runs on.`,
      );
      return `## Heading number ${i + 1}\n\n${sentences.join(" ")}\n\n${sentences.slice(0, 2 + (i % 4)).join(" ")}\n`;
    });
    const text = `---\ntitle: Long report\n---\n\n${sections.join("\n")}`;
    const dir = mkdtempSync(join(tmpdir(), "folio-pdf-pages-"));
    const path = join(dir, "long.pdf");
    writeFileSync(path, await renderPdf(loadReport(join(dir, "long.md"), { text, baseDir: dir }), {}));
    const pages = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" })
      .split("\f")
      .slice(1, -1);
    expect(pages.length).toBeGreaterThan(4);
    for (const page of pages) {
      const lines = page
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !/^Page \d+ of \d+$/.test(l));
      expect(lines.at(-1), `page ends with a heading:\n${page}`).not.toMatch(/^Heading number \d+$/);
    }
  });
});
