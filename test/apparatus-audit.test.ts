// The must-holds of issue 24 no other test proved: a CSL-YAML bibliography file beside a BibLaTeX one
// (with `[-@key]` and a narrative citation), Spanish captions and lists, and a book's cross-chapter
// references through the PDF/UA checker and `folio check`.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { checkBuild } from "../src/check/check.ts";
import { loadDocument } from "../src/model/book/load.ts";
import { loadReport as loadWithAssets } from "../src/model/load.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { openDocx } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { checkPdfUa } from "./support/pdfua.ts";
import { artifactsOf, loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";

const folder = "test/fixtures/apparatus";
const flat = (s: string) => s.replace(/[\s\u00a0]+/g, " ").trim();

describe("a CSL-YAML file and a BibLaTeX file, cited in brackets, in running text and by year alone", () => {
  it("formats every citation and lists both files' entries where `::bibliography` stands", async () => {
    const model = loadReport(join(folder, "brief-yaml.md"));
    const page = parsePage(await renderHtml(model));
    expect(flat(visibleText(selectAll("article p", page)[0] as never))).toBe(
      "Lead harms children at any level (Lanphear and Hornung 2005, 896). Centers for Disease Control and Prevention (2024) sets no safe level, as it has since (2024).",
    );
    // The `[-@cdc2024]` prints the year alone, and still links to the entry.
    expect(
      selectAll("article a[role=doc-biblioref]", page).map((a) => [flat(visibleText(a)), attr(a, "href")]),
    ).toEqual([
      ["Lanphear and Hornung 2005, 896", "#ref-lanphear2005"],
      ["Centers for Disease Control and Prevention", "#ref-cdc2024"],
      ["2024", "#ref-cdc2024"],
      ["2024", "#ref-cdc2024"],
    ]);
    expect(selectAll("p.csl-entry", page).map((p) => flat(visibleText(p)))).toEqual([
      "Centers for Disease Control and Prevention. 2024. “Lead in Drinking Water.” Atlanta: CDC.",
      // BibLaTeX's `journaltitle` and `date` read as the journal and the year.
      "Lanphear, Bruce P., and Richard Hornung. 2005. “Low-Level Environmental Lead Exposure and Children’s Intellectual Function.” Environmental Health Perspectives 113 (7): 894–99.",
    ]);
    const docx = await (await openDocx(await renderDocx(model))).part("word/document.xml");
    expect(docx).toMatch(
      /<w:hyperlink [^>]*w:anchor="ref-cdc2024"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t[^>]*>2024<\/w:t>/,
    );
  });

  it("a CSL-YAML file that does not parse is an error at its own file and line", () => {
    // Written here: the repository's own checks would refuse a broken YAML file among the fixtures.
    const dir = mkdtempSync(join(tmpdir(), "folio-broken-yaml-"));
    writeFileSync(join(dir, "broken.yaml"), "references:\n  - id: cdc2024\n    title: Lead: in water\n");
    const file = new VFile({ path: join(dir, "yaml-broken.md") });
    const text = "---\ntitle: Broken\nbibliography: broken.yaml\n---\n\nAs shown [@cdc2024].\n";
    expect(() => loadWithAssets(file.path, testAssets(), { text, file })).toThrow();
    const errors = file.messages.filter((m) => m.fatal);
    expect(errors.map((m) => [m.file, m.line, m.reason.split(":")[0]])).toContainEqual([
      expect.stringMatching(/broken\.yaml$/),
      3,
      "Not valid CSL-YAML",
    ]);
  });
});

describe("in Spanish", () => {
  it("numbers, refers and lists with the Spanish labels in HTML, PDF and DOCX", async () => {
    const model = loadReport(join(folder, "nota-es.md"));
    const html = flat(visibleText(parsePage(await renderHtml(model))));
    const pdf = flat((await pdfPages(await renderPdf(model))).map((p) => p.text).join("\n"));
    for (const text of [html, pdf]) {
      expect(text).toContain(
        "Los avisos aumentaron (Figura 1), sobre todo en los sistemas pequeños (Tabla 1).",
      );
      expect(text).toContain("Figura 1: Avisos de hervir el agua por año");
      expect(text).toContain("Tabla 1: Sistemas por tamaño");
      expect(text).toContain("Índice de figuras");
      expect(text).toContain("Índice de tablas");
    }
    expect(pdf).toMatch(/Índice de figuras Figura 1: Avisos de hervir el agua por año \d/);
    const docx = await (await openDocx(await renderDocx(model))).part("word/document.xml");
    expect(docx).toMatch(/REF _Ref_fig_avisos \\h">.*?<w:t[^>]*>Figura\u00a01<\/w:t>/s);
  });
});

describe("a book with references between its chapters", () => {
  it("passes the PDF/UA-1 checker and `folio check` in every format", async () => {
    const book = join(folder, "book", "water.md");
    const model = loadDocument(book, testAssets());
    const out = mkdtempSync(join(tmpdir(), "folio-apparatus-book-"));
    let pdf: Uint8Array | undefined;
    for (const format of [htmlFormat, pdfFormat, docxFormat])
      for (const artifact of await artifactsOf(format, model)) {
        const path = join(out, `${model.name}${artifact.suffix}`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, artifact.bytes);
        if (artifact.suffix === ".pdf") pdf = artifact.bytes;
      }
    expect(checkPdfUa(pdf as Uint8Array)).toEqual([]);
    const report = await checkBuild([book], out);
    expect(report.problems.filter((p) => !p.endsWith("manifest.json: missing"))).toEqual([]);
    expect(report.lines.length).toBeGreaterThanOrEqual(3);
  });
});
