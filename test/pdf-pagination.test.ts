import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
const none = { getFollowingNodesOnPage: () => [], getNodesOnNextPage: () => [] };

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

  it("moves a paragraph that would leave one line at the foot of a page, or one line overleaf", () => {
    const orphan = { style: bodyParagraphStyle, pageNumbers: [1, 2], startPosition: at(1, inner - line - 2) };
    expect(decide(orphan, none)).toBe(true);
    const twoLines = { ...orphan, startPosition: at(1, inner - 2 * line - 1) };
    expect(decide(twoLines, none)).toBe(false);
    const widowed = { pageNumbers: [2], startPosition: at(2, line + theme.spacing.paragraphAfter) };
    expect(decide(twoLines, { ...none, getNodesOnNextPage: () => [widowed] })).toBe(true);
    const tail = { pageNumbers: [2], startPosition: at(2, 3 * line + theme.spacing.paragraphAfter) };
    expect(decide(twoLines, { ...none, getNodesOnNextPage: () => [tail] })).toBe(false);
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
