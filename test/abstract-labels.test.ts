import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pdfText as allPdfText } from "../src/check/extract-pdf.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { openDocx, partText } from "./docx-package.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { checkPdfUa } from "./support/pdfua.ts";
import { artifactsOf, loadReport, renderDocx, renderHtml, renderPdf } from "./support/render.ts";

const path = "test/fixtures/typo/abstract.md";
const source = readFileSync(path, "utf8");
const abstract = "The board’s rate case covers five years of water rates and what they mean for customers.";
const work = mkdtempSync(join(tmpdir(), "folio-abstract-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fixture with its `lang:` set to `lang`. */
function inLanguage(lang: string) {
  const text = source.replace(/^lang: en$/m, `lang: ${lang}`);
  expect(text).toContain(`lang: ${lang}\n`);
  return loadReport(path, { text });
}

function run(command: string, args: string[], bytes: Uint8Array): string {
  const file = join(work, "x.pdf");
  writeFileSync(file, bytes);
  return execFileSync(command, [...args, file, ...(command === "pdftotext" ? ["-"] : [])], {
    encoding: "utf8",
  });
}

describe.each([
  ["en", "Abstract"],
  ["fr", "Résumé"],
  ["es", "Resumen"],
])("the abstract in the title block, lang: %s", (lang, label) => {
  const model = inLanguage(lang);

  it("shows the label and the text in the PDF, tagged as a Div of two paragraphs", async () => {
    const pdf = await renderPdf(model);
    const text = run("pdftotext", ["-enc", "UTF-8"], pdf).replace(/\s+/g, " ");
    expect(text).toContain(`${label} ${abstract}`);
    // pdfinfo lists the structure tree: the label and the text are paragraphs of one Div.
    expect(checkPdfUa(pdf)).toEqual([]);
    const tree = run("pdfinfo", ["-struct-text"], pdf);
    expect(tree).toMatch(
      new RegExp(
        `\\n(\\s*)Div\\n\\1  P \\(block\\)\\n\\s*"${label}"\\n\\1  P \\(block\\)\\n\\s*"${abstract}"`,
      ),
    );
  });

  it("shows the label and the text in the DOCX, in the Abstract styles", async () => {
    const document = await (await openDocx(await renderDocx(model))).part("word/document.xml");
    const paragraphs = document.match(/<w:p\b[\s\S]*?<\/w:p>/g) ?? [];
    const styled = (style: string) =>
      paragraphs.filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`)).map((p) => partText(p).trim());
    expect(styled("AbstractTitle")).toEqual([label]);
    expect(styled("Abstract")).toEqual([abstract]);
    const styles = await (await openDocx(await renderDocx(model))).part("word/styles.xml");
    expect(styles).toMatch(/w:styleId="Abstract"[\s\S]*?<w:ind w:left="\d+" w:right="\d+"\/>/);
  });

  it("shows the label and the text in the HTML, as a doc-abstract region in the title block", async () => {
    const page = parsePage(await renderHtml(model));
    const [block] = selectAll("header.title-block div.abstract", page);
    expect(attr(block, "role")).toBe("doc-abstract");
    expect(attr(block, "ariaLabel")).toBe(label);
    expect(visibleText(selectAll(".abstract-title", page)[0] as never)).toBe(label);
    expect(visibleText(block as never).trim()).toBe(`${label} ${abstract}`);
  });
});

describe("Spanish labels", () => {
  it("gives a report with `lang: es-US` Spanish contents, notes and page footer in the PDF", async () => {
    const model = inLanguage("es-US");
    expect(model.file.messages).toEqual([]);
    const text = (await allPdfText(await renderPdf(model), { top: 0, bottom: 0 })).text.replace(/\s+/g, " ");
    expect(text).toContain("Contenido");
    expect(text).toContain("Notas");
    expect(text).toMatch(/Página 2 de 2/);
    expect(text).toContain("4 de marzo de 2025");
    expect(text).not.toMatch(/Contents|Notes|Page \d of/);
    const page = parsePage(await renderHtml(model));
    expect(visibleText(page)).toContain("Ir al contenido principal");
  });

  it("gives the fact sheet Spanish headings", async () => {
    const mali = readFileSync("source/mali-2021.md", "utf8").replace(/^lang: en-US$/m, "lang: es-US");
    const model = loadReport("source/mali-2021-es.md", { text: mali, baseDir: "source" });
    const sheet = await artifactsOf(factsheetFormat, model, { sourceDateEpoch: 0 });
    // Letter-spaced headings come out of the PDF with spaces between letters: compare without spaces.
    const pdf = sheet.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
    const text = (await allPdfText(pdf, { top: 0, bottom: 0 })).text.replace(/\s+/g, "");
    for (const words of ["DÓNDE", "QUIÉN Y CON QUIÉN", "INCIDENTES DE 2021", "FICHA INFORMATIVA", "Muertos"])
      expect(text).toContain(words.replace(/\s+/g, ""));
    expect(text).not.toMatch(/WHERE|Killed|FACTSHEET/);
    const html = new TextDecoder().decode(sheet.find((a) => a.suffix === ".factsheet.html")?.bytes);
    expect(html).toContain("Leer el informe completo");
  });
});

describe("a language with no labels", () => {
  it.each(["de", "pt-BR"])("warns at the `lang:` line for %s, naming English as the fallback", (lang) => {
    const model = inLanguage(lang);
    const warnings = model.file.messages.filter((m) => m.ruleId === "lang-labels");
    expect(warnings.map((m) => [m.reason, m.line, m.column, m.fatal])).toEqual([
      [
        `No labels for \`${lang}\`: Folio's own words are in English (en)`,
        source.split("\n").indexOf("lang: en") + 1,
        1,
        false,
      ],
    ]);
    expect(model.labels.text("pageOf", { page: 2, pages: 4 })).toBe("Page 2 of 4");
  });

  it.each(["en", "en-GB", "fr-CA", "es-MX"])("does not warn for %s, which has labels", (lang) => {
    expect(inLanguage(lang).file.messages.filter((m) => m.ruleId === "lang-labels")).toEqual([]);
  });
});
