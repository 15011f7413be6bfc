import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBuild } from "../src/check/check.ts";
import { loadDocument } from "../src/model/book/load.ts";
import { loadReport as loadWithAssets } from "../src/model/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { docxText, openDocx } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { checkPdfUa, PdfObjects, pdfString, readStructure } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";

const pdfText = async (bytes: Uint8Array) => (await pdfPages(bytes)).map((p) => p.text).join("\n");

const fixture = "test/fixtures/citations/abbreviations.md";
const cdc = "Centers for Disease Control and Prevention";
const epa = "Environmental Protection Agency";

describe("abbreviations declared once (front matter and `*[ABBR]:` lines)", () => {
  let model: ReportModel;
  let html: ReturnType<typeof parsePage>;
  let pdf: Uint8Array;
  let docx: Uint8Array;
  beforeAll(async () => {
    model = loadReport(fixture);
    html = parsePage(await renderHtml(model));
    pdf = await renderPdf(model);
    docx = await renderDocx(model);
  });

  it("HTML: every whole-word use in body text is <abbr title>, not in code, URLs or other words", () => {
    const uses = selectAll("article p abbr, article h2 abbr", html).map((a) => [
      visibleText(a),
      attr(a, "title"),
    ]);
    expect(uses).toEqual([
      ["EPA", epa], // heading
      ["EPA", epa],
      ["ppb", "parts per billion"],
      ["CDC", cdc],
      ["EPA", epa],
      ["WHO", "World Health Organization"],
      ["GAO", "Government Accountability Office"],
      ["WHO", "World Health Organization"],
    ]);
    const code = selectAll("article code", html).map(visibleText);
    expect(code).toEqual(["EPA"]);
    expect(selectAll("article a", html).map((a) => attr(a, "href"))).toContain("https://example.org/EPA");
    // The definition lines are gone from the body; the heading's id is the text's.
    expect(visibleText(selectAll("article", html)[0] as never)).not.toContain("*[");
    expect(selectAll("article h2", html).map((h) => attr(h, "id"))).toContain("what-the-epa-measures");
  });

  it("`::abbreviations` is the sorted two-column list in HTML", () => {
    const rows = selectAll("article table.abbreviations tr", html).map((tr) =>
      selectAll("th, td", tr).map(visibleText),
    );
    expect(rows).toEqual([
      ["Abbreviation", "Meaning"],
      ["CDC", cdc],
      ["EPA", epa],
      ["GAO", "Government Accountability Office"],
      ["ppb", "parts per billion"],
      ["WHO", "World Health Organization"],
    ]);
  });

  it("PDF: each use is a Span with /E, the list is a table, and it passes the PDF/UA checks", async () => {
    const spans = readStructure(new PdfObjects(pdf)).elements.filter((e) => e.type === "Span");
    const expansions = spans.map((s) => pdfString(s.dict["/E"])).filter((e) => e !== undefined);
    expect(expansions.slice(0, 8)).toEqual([
      epa,
      epa,
      "parts per billion",
      cdc,
      epa,
      "World Health Organization",
      "Government Accountability Office",
      "World Health Organization",
    ]);
    const text = (await pdfText(pdf)).replace(/\s+/g, " ");
    expect(text).toContain("The EPA sets an action level of 15 ppb. The CDC says no level is safe");
    expect(text).toMatch(
      /Abbreviation Meaning CDC Centers for Disease Control and Prevention EPA Environmental/,
    );
    expect(text).not.toContain("*[");
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it("DOCX: the first use of each is spelled out, once; the list is a Word table", async () => {
    const text = (await docxText(docx)).replace(/\s+/g, " ");
    expect(text).toContain(`The EPA (${epa}) sets an action level of 15 ppb (parts per billion).`);
    expect(text).toContain(`The CDC (${cdc}) says no level is safe, and the EPA agrees.`);
    expect(text.split(`(${epa})`)).toHaveLength(2);
    expect(text).toContain("What the EPA measures"); // never in a heading
    const xml = await (await openDocx(docx)).part("word/document.xml");
    const table = /<w:tbl>(?:(?!<\/w:tbl>).)*Abbreviation(?:(?!<\/w:tbl>).)*<\/w:tbl>/s.exec(xml)?.[0] ?? "";
    expect(table.match(/<w:tr[ >]/g)).toHaveLength(6);
    expect(table).toContain("World Health Organization");
  });

  it("passes `folio check` parity", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-abbr-map-"));
    writeFileSync(join(dir, "abbreviations.html"), await renderHtml(model));
    writeFileSync(join(dir, "abbreviations.pdf"), pdf);
    writeFileSync(join(dir, "abbreviations.docx"), docx);
    const report = await checkBuild([fixture], dir);
    expect(report.problems.filter((p) => !p.endsWith("manifest.json: missing"))).toEqual([]);
  });
});

describe("the theme's switch spells the first use out in every format", () => {
  it("HTML and PDF print the expansion after the first use only", async () => {
    const assets = testAssets();
    const model = loadWithAssets(fixture, {
      ...assets,
      theme: { ...assets.theme, abbreviations: { expandFirstUse: true } },
    });
    const page = parsePage(await renderHtml(model));
    const paragraph = visibleText(selectAll("article p", page)[0] as never);
    expect(paragraph).toBe(
      `The EPA (${epa}) sets an action level of 15 ppb (parts per billion). The CDC (${cdc}) says no level is safe, and the EPA agrees.`,
    );
    const text = (await pdfText(await renderPdf(model))).replace(/\s+/g, " ");
    expect(text).toContain(`The EPA (${epa}) sets an action level of 15 ppb (parts per billion).`);
    expect(text.split(`(${epa})`)).toHaveLength(2);
  });
});

describe("errors and warnings", () => {
  it("a malformed `*[` line is an error at its line; two expansions warn at both places", () => {
    const file = new VFile({ path: "test/fixtures/citations/abbreviations-bad.md" });
    expect(() => loadWithAssets(file.path, testAssets(), { file })).toThrow(VFileMessage);
    const said = file.messages.map((m) => [m.line, m.fatal ?? false, m.ruleId]);
    expect(said).toEqual(
      expect.arrayContaining([
        [10, true, "abbreviation-definition"],
        [11, true, "abbreviation-definition"],
        [4, false, "abbreviation-twice"],
        [9, false, "abbreviation-twice"],
      ]),
    );
  });

  it("a book lists its chapters' abbreviations and warns at both chapters for two expansions", async () => {
    const model = loadDocument("test/fixtures/citations/abbr-book/book.md", testAssets());
    expect(model.abbreviations?.map((d) => [d.term, d.expansion])).toEqual([
      ["EPA", epa],
      ["CDC", cdc],
      ["PWS", "public water system"],
    ]);
    const warnings = model.file.messages.filter((m) => m.ruleId === "abbreviation-twice");
    expect(warnings.map((m) => m.line)).toEqual([4, 5]);
    expect(warnings[1]?.reason).toContain("two.md:7: `CDC` is defined twice");
    const rows = selectAll("table.abbreviations td", parsePage(await renderHtml(model))).map(visibleText);
    expect(rows).toEqual(["CDC", cdc, "EPA", epa, "PWS", "public water system"]);
  });
});
