import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBuild } from "../src/check/check.ts";
import type { Abbr } from "../src/model/abbreviations-html.ts";
import { plainText } from "../src/model/plain-text.ts";
import type { ReportModel } from "../src/model/types.ts";
import { docxText } from "./docx-package.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { elementsWithRole, structureNodes } from "./support/pdf-structure.ts";
import { checkPdfUa, PdfObjects, pdfString, readStructure } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf } from "./support/render.ts";

const fixture = "test/fixtures/callouts/abbreviations.md";
const cdc = "Centers for Disease Control and Prevention";
const gao = "Government Accountability Office";

/** Every `abbr` node of the model, in order. */
function abbreviations(model: ReportModel): Abbr[] {
  const found: Abbr[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === "abbr") found.push(node as Abbr);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(model.tree);
  return found;
}

describe("<abbr title> in every format", () => {
  let model: ReportModel;
  beforeAll(() => {
    model = loadReport(fixture);
  });

  it("becomes one abbr node with its expansion, the first use of each marked to spell out", () => {
    const found = abbreviations(model);
    expect(found.map((a) => [plainText(a), a.expansion, a.spellOut ?? false])).toEqual([
      ["CDC", cdc, true],
      ["CDC", cdc, false],
      ["EPA", "Environmental Protection Agency", false], // already written out beside it
      ["ppb", "parts per billion & more", true],
      ["ABBR", undefined, false],
      ["GAO", gao, false], // in a heading: never spelled out there
      ["GAO", gao, true],
    ]);
    const html: string[] = [];
    const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
      if (node.type === "html" && node.value) html.push(node.value);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(model.tree);
    expect(html.filter((h) => /abbr/i.test(h))).toEqual([]);
  });

  it("HTML: keeps <abbr title> through the sanitiser", async () => {
    const page = parsePage(await renderHtml(model));
    const abbrs = selectAll("article abbr", page);
    expect(abbrs.map((a) => [visibleText(a), attr(a, "title")])).toEqual([
      ["CDC", cdc],
      ["CDC", cdc],
      ["EPA", "Environmental Protection Agency"],
      ["ppb", "parts per billion & more"],
      ["ABBR", undefined],
      ["GAO", gao],
      ["GAO", gao],
    ]);
  });

  it("PDF: each abbreviation is a Span whose /E is its expansion, its letters the text", async () => {
    const pdf = await renderPdf(model);
    const spans = readStructure(new PdfObjects(pdf)).elements.filter((e) => e.type === "Span");
    const expansions = spans.map((s) => pdfString(s.dict["/E"])).filter((e) => e !== undefined);
    expect(expansions).toEqual([
      cdc,
      cdc,
      "Environmental Protection Agency",
      "parts per billion & more",
      gao,
      gao,
    ]);
    const texts = elementsWithRole(await structureNodes(pdf), "Span").map((s) => s.text.trim());
    expect(texts).toEqual(["CDC", "CDC", "EPA", "ppb", "GAO", "GAO"]);
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it("DOCX: spells the expansion out at each abbreviation's first use in the body, once", async () => {
    const text = (await docxText(await renderDocx(model))).replace(/\s+/g, " ");
    expect(text).toContain(`The CDC (${cdc}) issued guidance in May.`);
    expect(text).toContain("The CDC revised it in June.");
    expect(text).toContain("The Environmental Protection Agency (EPA) sets the limits.");
    expect(text).toContain("A ppb (parts per billion & more) figure, and an ABBR with no title.");
    expect(text).toContain(`The GAO (${gao}) found gaps.`);
    expect(text.split(`(${cdc})`)).toHaveLength(2);
    expect(text).not.toContain(`GAO (${gao}) findings`);
  });

  it("passes `folio check` in every format: Word's spelled-out expansions are the model's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-abbr-"));
    writeFileSync(join(dir, "abbreviations.html"), await renderHtml(model));
    writeFileSync(join(dir, "abbreviations.pdf"), await renderPdf(model));
    writeFileSync(join(dir, "abbreviations.docx"), await renderDocx(model));
    const report = await checkBuild([fixture], dir);
    // No manifest here: only the artifacts' text is checked.
    expect(report.problems.filter((p) => !p.endsWith("manifest.json: missing"))).toEqual([]);
    expect(report.lines.filter((l) => / 7\/7 sentences in order/.test(l))).toHaveLength(3);
  });
});
