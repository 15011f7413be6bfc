import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Table } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { buildReports } from "../src/pipeline/build.ts";
import { escapeXml } from "../src/render/docx/xml.ts";
import { pdfFonts } from "../src/render/pdf/fonts.ts";
import { softPieces, tableLayout } from "../src/render/table-layout.ts";
import { openDocx } from "./docx-package.ts";
import { type PdfPage, pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll } from "./support/html.ts";
import { docxToPdf } from "./support/libreoffice.ts";
import { checkPdfUa, PdfObjects, readStructure } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";

const fixture = (name: string) => join(import.meta.dirname, "fixtures", "tables", `${name}.md`);
const work = mkdtempSync(join(tmpdir(), "folio-tables-"));

function tableOf(model: ReportModel): Table {
  const table = model.tree.children.find((node) => node.type === "table");
  if (!table) throw new Error(`${model.path} has no table`);
  return table;
}

/** The text runs of a PDF, in content order (pdf.js). */
async function textRuns(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const runs: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ("str" in item) runs.push(item.str);
  }
  await doc.destroy();
  return runs;
}

/** Every word of the table's cells (letters only, four or more), as often as the table has it. */
function tableWords(model: ReportModel): string[] {
  return tableOf(model).children.flatMap((row) =>
    row.children.flatMap((cell) => plainText(cell).match(/\p{L}{4,}/gu) ?? []),
  );
}

/** How often a word stands whole (not inside a longer run of letters) in a text. */
function wholeCount(text: string, word: string): number {
  return text.match(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, "gu"))?.length ?? 0;
}

/** Every word of the table is in the text whole as often as the table has it, and never cut over two lines. */
function expectWordsWhole(text: string, words: readonly string[]): void {
  for (const word of new Set(words)) {
    expect(wholeCount(text, word), word).toBeGreaterThanOrEqual(words.filter((w) => w === word).length);
    for (let k = 2; k <= word.length - 2; k++)
      expect(text, word).not.toMatch(
        new RegExp(`(?<!\\p{L})${word.slice(0, k)}-?\\s*\\n\\s*${word.slice(k)}(?!\\p{L})`, "u"),
      );
  }
}

/** The tables' DOCX editions LibreOffice lays out, by name: converted together, in one LibreOffice run. */
const forLibreOffice = {
  "long-strings": fixture("long-strings"),
  "eight-columns": fixture("eight-columns"),
  "thirteen-columns": fixture("thirteen-columns"),
};
let converted: Promise<void> | undefined;

/** Converts every table's DOCX at once (one LibreOffice start instead of one per table). */
async function convertAll(): Promise<void> {
  const names = Object.keys(forLibreOffice) as (keyof typeof forLibreOffice)[];
  for (const name of names)
    writeFileSync(join(work, `${name}.docx`), await docxOf(loadReport(forLibreOffice[name])));
  docxToPdf(
    names.map((name) => join(work, `${name}.docx`)),
    work,
    { profile: join(work, "lo-profile"), timeout: 180_000 },
  );
}

/** Renders a table's fixture once per file, by path (its describe and LibreOffice read the same build). */
function once(render: (model: ReportModel) => Promise<Uint8Array>) {
  const built = new Map<string, Promise<Uint8Array>>();
  return (model: ReportModel): Promise<Uint8Array> => {
    let bytes = built.get(model.path);
    if (!bytes) {
      bytes = render(model);
      built.set(model.path, bytes);
    }
    return bytes;
  };
}
const docxOf = once((model) => renderDocx(model));
const pdfOf = once((model) => renderPdf(model));

/** The table's DOCX laid out by LibreOffice, its text as pdftotext reads it, and its pages' sizes. */
async function libreOffice(name: keyof typeof forLibreOffice): Promise<{ text: string; pages: string }> {
  converted ??= convertAll();
  await converted;
  const pdf = join(work, `${name}.pdf`);
  return {
    text: execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }),
    pages: execFileSync("pdfinfo", ["-f", "1", "-l", "99", pdf], { encoding: "utf8" }),
  };
}

const isLandscape = (page: PdfPage) => page.width > page.height;

describe("a table with a long URL and identifier", () => {
  let model: ReportModel;
  let pages: PdfPage[];
  /** Each long string's lines in the PDF. */
  const pdfLines = new Map<string, string[]>();
  beforeAll(async () => {
    model = loadReport(fixture("long-strings"));
    pages = await pdfPages(await pdfOf(model));
  });

  it("builds the PDF upright, the URL and identifier broken only after the characters a reader expects", async () => {
    expect(pages.every((page) => !isLandscape(page))).toBe(true);
    // The text runs as drawn, cell by cell: a cell's lines are consecutive runs.
    const runs = (await textRuns(await pdfOf(model))).map((run) => run.trim()).filter(Boolean);
    const longs = tableOf(model).children.flatMap((row) =>
      row.children.flatMap((cell) => plainText(cell).match(/\S{40,}/g) ?? []),
    );
    expect(longs).toHaveLength(3);
    for (const long of longs) {
      const start = runs.findIndex((run) => run.length > 0 && long.startsWith(run));
      expect(start, long).toBeGreaterThanOrEqual(0);
      // Its lines, in order, are the whole string: nothing lost, nothing added.
      let joined = "";
      const cuts: string[] = [];
      const lines: string[] = [];
      for (let i = start; joined.length < long.length && i < runs.length; i++) {
        joined += runs[i];
        lines.push(runs[i] as string);
        cuts.push(joined.at(-1) ?? "");
      }
      expect(joined).toBe(long);
      pdfLines.set(long, lines);
      // Each is wider than its column: the URL and the identifier are cut after the reader's break
      // characters, the checksum (which has none) anywhere.
      expect(cuts.length, long).toBeGreaterThan(1);
      if (softPieces(long).length > 1)
        for (const cut of cuts.slice(0, -1)) expect(cut, long).toMatch(/[/\-_.?&=#]/);
    }
  });

  it("breaks them in the DOCX where the PDF does, and LibreOffice keeps those lines", async () => {
    expect(pdfLines.size).toBe(3);
    const xml = await (await openDocx(await docxOf(model))).part("word/document.xml");
    const { text } = await libreOffice("long-strings");
    const loLines = text.split("\n").map((line) => line.trim());
    for (const lines of pdfLines.values()) {
      // In the cell, line by line, a hard break between them.
      const cell = lines.map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r><w:r>`);
      const at = xml.indexOf(cell[0] ?? "?");
      expect(at, lines[0]).toBeGreaterThan(0);
      const after = xml.slice(at);
      for (const line of lines) expect(after).toContain(escapeXml(line));
      expect(after.slice(0, after.indexOf("</w:tc>")).match(/<w:br\/>/g)).toHaveLength(lines.length - 1);
      // LibreOffice sets each line as one line of its own: none broken further.
      for (const line of lines)
        expect(
          loLines.some((l) => l.endsWith(line)),
          line,
        ).toBe(true);
    }
  }, 200_000);

  it("keeps the table's tagged structure: a Table with rows and header and data cells", async () => {
    const structure = readStructure(new PdfObjects(Buffer.from(await pdfOf(model))));
    const types = structure.elements.map((e) => e.type);
    expect(types).toContain("Table");
    expect(types.filter((t) => t === "TR")).toHaveLength(tableOf(model).children.length);
    expect(types).toContain("TH");
    expect(types).toContain("TD");
  });

  it("wraps the HTML table in a focusable region named by the table's title, with break points in the URL", async () => {
    const page = parsePage(await renderHtml(model));
    const [region] = selectAll("div[role=region]", page);
    expect(attr(region, "tabIndex")).toBe("0");
    const labelledBy = attr(region, "ariaLabelledBy");
    const [title] = selectAll(`[id="${labelledBy}"]`, page);
    expect(title?.children[0]).toMatchObject({
      type: "text",
      value: expect.stringMatching(/^Table 1: Source/),
    });
    expect(selectAll("table", region as never)).toHaveLength(1);
    expect(selectAll("td wbr", region as never).length).toBeGreaterThan(3);
  });
});

describe("an eight-column table of long words", () => {
  let model: ReportModel;
  let docx: Uint8Array;
  beforeAll(async () => {
    model = loadReport(fixture("eight-columns"));
    docx = await docxOf(model);
  });

  it("sets the PDF in smaller type, every word whole", async () => {
    const layout = tableLayout(
      tableOf(model),
      testAssets().theme,
      { width: 468, landscapeWidth: 648 },
      pdfFonts(testAssets().fonts).faceBytes,
    );
    expect(layout.fit).toBe("smaller");
    expect(layout.fontSize).toBeGreaterThanOrEqual(testAssets().theme.table.minFontSize);
    const text = (await pdfPages(await pdfOf(model))).map((p) => p.text).join("\n");
    expectWordsWhole(text, tableWords(model));
  });

  it("gives the DOCX a grid from the shared layout that fits the page", async () => {
    const xml = await (await openDocx(docx)).part("word/document.xml");
    const grid = [...(xml.match(/<w:tblGrid>(.*?)<\/w:tblGrid>/s)?.[1] ?? "").matchAll(/w:w="(\d+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(grid).toHaveLength(8);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(468 * 20);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
  });

  it("lays out in LibreOffice with every word of the table whole", async () => {
    const { text } = await libreOffice("eight-columns");
    expectWordsWhole(text, tableWords(model));
  }, 200_000);
});

describe("a thirteen-column data table", () => {
  let model: ReportModel;
  let docx: Uint8Array;
  let pdf: Uint8Array;
  beforeAll(async () => {
    model = loadReport(fixture("thirteen-columns"));
    docx = await docxOf(model);
    pdf = await pdfOf(model);
  });

  it("goes on a landscape PDF page of its own, the pages around it upright", async () => {
    const pages = await pdfPages(pdf);
    const turned = pages.filter(isLandscape);
    expect(turned).toHaveLength(1);
    const first = tableOf(model).children[1]?.children[0];
    expect(turned[0]?.text).toContain(first ? plainText(first) : "?");
    const last = pages.at(-1) as PdfPage;
    expect(isLandscape(last)).toBe(false);
    expect(last.text).toContain("Figures for the latest year are preliminary");
    // Every figure of the table, whole.
    const text = turned.map((p) => p.text).join("\n");
    for (const row of tableOf(model).children.slice(1))
      for (const cell of row.children.slice(1)) expect(text).toContain(plainText(cell));
  });

  it("stays tagged and passes the PDF/UA checks", () => {
    expect(checkPdfUa(pdf)).toEqual([]);
    const types = readStructure(new PdfObjects(Buffer.from(pdf))).elements.map((e) => e.type);
    expect(types.filter((t) => t === "TR")).toHaveLength(tableOf(model).children.length);
  });

  it("puts the DOCX table in a landscape section between two upright ones", async () => {
    const xml = await (await openDocx(docx)).part("word/document.xml");
    const table = xml.indexOf("<w:tbl>");
    const sections = [...xml.matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].map((m) => ({
      at: m.index ?? 0,
      xml: m[0],
    }));
    const before = sections.filter((s) => s.at < table).at(-1);
    const after = sections.find((s) => s.at > table);
    expect(before?.xml).toMatch(/<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"\/>/);
    expect(after?.xml).toMatch(/<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"\/>/);
    expect(sections.at(-1)?.xml).toMatch(/w:orient="portrait"/);
    const grid = [...(xml.match(/<w:tblGrid>(.*?)<\/w:tblGrid>/s)?.[1] ?? "").matchAll(/w:w="(\d+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(grid).toHaveLength(13);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual((792 - 144) * 20);
  });

  it("lays out in LibreOffice on a landscape page, every figure whole", async () => {
    const { text, pages } = await libreOffice("thirteen-columns");
    expect(pages).toMatch(/size:\s+792 x 612 pts/);
    for (const row of tableOf(model).children.slice(1))
      for (const cell of row.children.slice(1)) expect(text).toContain(plainText(cell));
  }, 200_000);
});

describe("a table no page can hold", () => {
  it("fails the PDF and the DOCX at the table's line, both in one run, and writes nothing", async () => {
    const out = mkdtempSync(join(work, "impossible-"));
    const result = await buildReports([fixture("impossible")], {
      outDir: out,
      formats: ["html", "pdf", "docx"],
      assets: testAssets(),
    });
    expect(result.ok).toBe(false);
    // A report is written whole or not at all (the HTML alone would sit beside an older PDF).
    expect(result.written).toEqual([]);
    const line =
      readFileSync(fixture("impossible"), "utf8")
        .split("\n")
        .findIndex((l) => l.startsWith("| Indicator 1 ")) + 1;
    const errors = result.files.flatMap((file) => file.messages).filter((m) => m.fatal);
    expect(errors.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ["table-width", line, 1],
      ["table-width", line, 1],
    ]);
    expect(errors.map((m) => m.reason)).toEqual([
      expect.stringMatching(/^Table too wide for the PDF page even on a landscape page/),
      expect.stringMatching(/^Table too wide for the Word page even on a landscape page/),
    ]);
  });
});
