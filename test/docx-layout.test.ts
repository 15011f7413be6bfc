import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { openDocx, unescapeXml } from "./docx-package.ts";
import { docxToPdf } from "./support/libreoffice.ts";
import { loadReport, renderDocx, sharedBytes } from "./support/render.ts";

/**
 * The Word brief as LibreOffice lays it out on this machine, which has none of the theme's fonts
 * installed: it draws the embedded faces, the contents' page numbers are the pages it puts the
 * headings on, and Mali has as many pages as its PDF edition. One LibreOffice run converts every
 * fixture.
 */

/** A long report: fourteen sections of Mali's paragraphs, some with subsections, one title too long for one line. */
function longReport(paper: "letter" | "a4"): string {
  const mali = readFileSync("source/mali-2021.md", "utf8");
  const paragraphs = mali
    .slice(mali.indexOf("\n## "))
    .split(/\n\n+/)
    .filter((p) => p.trim() && !/^(#|-)/.test(p.trim()));
  let text = `---\ntitle: Long Brief\nseries: Folio Test Series\npublisher: Folio Press\npaper: ${paper}\ntoc: true\n---\n\n`;
  for (let i = 0; i < 14; i++) {
    const long =
      i === 5 ? " with a title long enough to run past the width of one line of the contents page" : "";
    text += `## Section ${i + 1}${long}\n\n`;
    for (let j = 0; j <= i % 4; j++) text += `${paragraphs[(i * 3 + j) % paragraphs.length]}\n\n`;
    if (i % 3 === 1) text += `### Subsection ${i + 1}.1\n\n${paragraphs[(i + 5) % paragraphs.length]}\n\n`;
  }
  return text;
}

const fixtures: Record<string, { path: string; text?: string }> = {
  mali: { path: "source/mali-2021.md" },
  features: { path: "test/fixtures/docx-features.md" },
  // Two authors, a date, a figure, and a skipped heading level (`#` among `##`, then `###`).
  highWater: { path: "test/fixtures/briefs/high-water.md" },
  // The PDF sampler has two sections: asked for its contents, it gets them.
  sampler: {
    path: "test/fixtures/pdf-features/features.md",
    text: readFileSync("test/fixtures/pdf-features/features.md", "utf8").replace("---\n", "---\ntoc: true\n"),
  },
  long: { path: "test/fixtures/long-a4.md", text: longReport("a4") },
  // Real reports past the length that once got no numbers (100,000 units of text): 37 KB, 27 pages,
  // and 306 KB, 122 pages, whose contents run over two pages (see `drifting`).
  nigeria: { path: "test/fixtures/real/factbook-nigeria.md" },
  identity: { path: "test/fixtures/perf/digital-identity-guidelines.md" },
};

/**
 * Fixtures whose numbers docx's layout works out short of LibreOffice's pages: the 306 KB report's
 * lists and long sections take LibreOffice about a page more every 40 to 60 pages than docx's Word
 * layout gives them (measured 2026-12-06: 52 of 72 entries one or two pages early from page 9 on).
 */
const drifting = new Set(["identity"]);

interface Converted {
  /** The contents as the DOCX writes them: each entry's title and page number. */
  toc: Array<{ title: string; page: string }>;
  /** LibreOffice's PDF of the DOCX: the text of each page, and its fonts. */
  pages: string[];
  fonts: string;
}

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * The page each title is on as a heading: the first body page (one with the running footer) from
 * the previous heading's page on where the title stands on a line of its own, or on lines of their own.
 */
function headingPages(pages: string[], titles: string[]): Array<number | undefined> {
  let from = 0;
  return titles.map((title) => {
    const want = normalize(title);
    for (let p = from; p < pages.length; p++) {
      const text = pages[p] as string;
      if (!/Page \d+ of \d+/.test(text)) continue;
      const lines = text.split("\n").map(normalize);
      const found = lines.some((_, i) => {
        let joined = "";
        for (let j = i; j < Math.min(lines.length, i + 3); j++) {
          joined = normalize(`${joined} ${lines[j]}`);
          if (joined === want) return true;
          if (!want.startsWith(joined)) return false;
        }
        return false;
      });
      if (found) {
        from = p;
        return p + 1;
      }
    }
    return undefined;
  });
}

describe("the Word brief as LibreOffice lays it out", () => {
  const work = mkdtempSync(join(tmpdir(), "folio-docx-layout-"));
  const converted: Record<string, Converted> = {};
  let maliPdfPages = 0;

  beforeAll(async () => {
    const names = Object.keys(fixtures);
    for (const name of names) {
      const { path, text } = fixtures[name] as { path: string; text?: string };
      const model = loadReport(path, { ...(text === undefined ? {} : { text }), baseDir: dirname(path) });
      const bytes = await renderDocx(model, { sourceDateEpoch: 1_700_000_000 });
      writeFileSync(join(work, `${name}.docx`), bytes);
      const xml = await (await openDocx(bytes)).part("word/document.xml");
      const sdt = /<w:sdt>.*?<\/w:sdt>/s.exec(xml)?.[0] ?? "";
      converted[name] = {
        toc: [
          ...sdt.matchAll(
            /<w:hyperlink [^>]*>.*?<w:t[^>]*>([^<]*)<\/w:t><w:tab\/><w:t[^>]*>([^<]*)<\/w:t>/gs,
          ),
        ].map((m) => ({ title: unescapeXml(m[1] as string), page: m[2] as string })),
        pages: [],
        fonts: "",
      };
    }
    docxToPdf(
      names.map((n) => join(work, `${n}.docx`)),
      work,
      { profile: join(work, "lo-profile"), timeout: 180_000 },
    );
    for (const name of names) {
      const pdf = join(work, `${name}.pdf`);
      const entry = converted[name] as Converted;
      entry.pages = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" })
        .split("\f")
        .slice(0, -1);
      entry.fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
    }
    const maliPdf = join(work, "mali-edition.pdf");
    writeFileSync(
      maliPdf,
      // The build pdf.test and pdfua read too (sharedRender).
      await sharedBytes(pdfFormat, loadReport("source/mali-2021.md"), { sourceDateEpoch: 1_700_000_000 }),
    );
    maliPdfPages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [maliPdf], { encoding: "utf8" }))?.[1],
    );
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("draws the text in the embedded faces, on a machine that has none of them", () => {
    expect(execFileSync("fc-list", { encoding: "utf8" })).not.toMatch(/Merriweather|Public Sans|Roboto Mono/);
    for (const [name, { fonts }] of Object.entries(converted)) {
      const embedded = fonts.split("\n").filter((line) => / yes /.test(line));
      for (const face of ["Merriweather-Regular", "PublicSans-Regular", "PublicSans-SemiBold"])
        expect(
          embedded.some((line) => line.includes(face)),
          `${name}: ${face}`,
        ).toBe(true);
    }
    expect(converted.features?.fonts).toMatch(/RobotoMono-Regular/);
    expect(converted.features?.fonts).toMatch(/Merriweather-Italic/);
    // Mali's text is all in the theme's faces: no fallback font at all.
    expect(converted.mali?.fonts).not.toMatch(/DejaVu|Liberation/);
  });

  it("writes in the contents the page LibreOffice puts each heading on", () => {
    for (const [name, { toc, pages }] of Object.entries(converted)) {
      if (drifting.has(name)) continue;
      expect(toc.length, name).toBeGreaterThan(2);
      const found = headingPages(
        pages,
        toc.map((e) => e.title),
      );
      expect(
        toc.map((e, i) => `${e.title}: ${found[i]}`),
        name,
      ).toEqual(toc.map((e) => `${e.title}: ${e.page}`));
    }
    // The long report's contents (19 entries) take a page of their own, as in the PDF.
    expect(converted.long?.toc).toHaveLength(19);
    expect(converted.long?.pages[1]).toMatch(/^Contents/m);
  });

  it("numbers every heading of the 306 KB report, none after LibreOffice's page and at most two before it", () => {
    const { toc, pages } = converted.identity as Converted;
    expect(toc).toHaveLength(72);
    const found = headingPages(
      pages,
      toc.map((e) => e.title),
    );
    // Exact up to the first drift (page 8), and as far as the first appendix (page 48).
    expect(toc.slice(0, 5).map((e, i) => `${e.title}: ${found[i]}`)).toEqual(
      toc.slice(0, 5).map((e) => `${e.title}: ${e.page}`),
    );
    expect(toc.find((e) => e.title === "A.2 Abbreviations")?.page).toBe(
      String(found[toc.findIndex((e) => e.title === "A.2 Abbreviations")]),
    );
    for (const [i, entry] of toc.entries()) {
      const drift = (found[i] ?? Number.NaN) - Number(entry.page);
      expect(drift >= 0 && drift <= 2, `${entry.title}: ${entry.page}, LibreOffice ${found[i]}`).toBe(true);
    }
  });

  it("gives Mali as many pages as its PDF edition", () => {
    expect(converted.mali?.pages.length).toBe(maliPdfPages);
    expect(maliPdfPages).toBeGreaterThan(2);
  });
});
