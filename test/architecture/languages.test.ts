// Every word a reader sees that is not from the source comes from templates/labels/ and follows
// `lang`: Mali built with `lang: fr-FR` has French labels and months in all five artifacts; a
// language the templates do not have falls back to English.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { pdfText } from "../../src/check/extract-pdf.ts";
import { labelKeys } from "../../src/model/labels.ts";
import { docxFormat } from "../../src/render/docx/format.ts";
import { factsheetFormat } from "../../src/render/factsheet/format.ts";
import { htmlFormat } from "../../src/render/html/format.ts";
import { pdfFormat } from "../../src/render/pdf/format.ts";
import { openDocx } from "../docx-package.ts";
import { artifactsOf, loadReport } from "../support/render.ts";

const mali = readFileSync("source/mali-2021.md", "utf8");
const inLanguage = (lang: string) => {
  const text = mali.replace(/^lang: en-US$/m, `lang: ${lang}`);
  expect(text).not.toBe(mali);
  return loadReport(`source/mali-2021-${lang}.md`, { text, baseDir: "source" });
};
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
/** A PDF's whole text, running header and footer included. */
const allText = async (bytes: Uint8Array) =>
  (await pdfText(bytes, { top: 0, bottom: 0 })).text.replace(/\s+/g, " ");

describe("labels follow the report's language", () => {
  it("ship every key in every language file (a key missing from one would print English silently)", () => {
    const folder = "templates/labels";
    const files = readdirSync(folder).filter((name) => name.endsWith(".yaml"));
    expect(files).toEqual(expect.arrayContaining(["en.yaml", "es.yaml", "fr.yaml"]));
    for (const name of files) {
      const keys = Object.keys(parse(readFileSync(`${folder}/${name}`, "utf8")) as object);
      expect(
        labelKeys.filter((key) => !keys.includes(key)),
        name,
      ).toEqual([]);
    }
  });

  it("gives Mali with `lang: fr-FR` French labels and months in all five artifacts", async () => {
    const model = inLanguage("fr-FR");
    const [html] = await artifactsOf(htmlFormat, model);
    const page = decode(html?.bytes);
    expect(page).toContain('<html lang="fr-FR">');
    expect(page).toContain(">Sommaire</h2>");
    expect(page).toContain("Aller au contenu principal");
    expect(page).toContain("Composé par Folio");
    expect(page).not.toMatch(/>Contents<|Skip to main content|Typeset by/);

    const [pdf] = await artifactsOf(pdfFormat, model, { sourceDateEpoch: 0 });
    const printed = await allText(pdf?.bytes as Uint8Array);
    expect(printed).toContain("Sommaire");
    expect(printed).toMatch(/Page 2 sur \d/);
    expect(printed).toContain("Composé par Folio");
    expect(printed).not.toMatch(/Contents|Page \d of \d/);

    const [docx] = await artifactsOf(docxFormat, model, { sourceDateEpoch: 0 });
    const pkg = await openDocx(docx?.bytes as Uint8Array);
    const document = await pkg.part("word/document.xml");
    expect(document).toContain(">Sommaire<");
    const footers = await Promise.all(
      pkg.names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(pkg.part),
    );
    expect(footers.join("")).toMatch(/>Page <[\s\S]*> sur </);
    expect(document).not.toContain(">Contents<");

    const sheet = await artifactsOf(factsheetFormat, model, { sourceDateEpoch: 0 });
    // Letter-spaced headings come out of the PDF with spaces between letters: compare without spaces.
    const sheetText = (
      await allText(sheet.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array)
    ).replace(/\s+/g, "");
    for (const words of [
      "OÙ",
      "QUI ET AVEC QUI",
      "INCIDENTS DE 2021",
      "25 juin",
      "FICHE D’INFORMATION",
      "Tués",
    ])
      expect(sheetText).toContain(words.replace(/\s+/g, ""));
    expect(sheetText).not.toMatch(/WHERE|Killed|Jun25/);
    const sheetPage = decode(sheet.find((a) => a.suffix === ".factsheet.html")?.bytes);
    expect(sheetPage).toContain('<time datetime="2021-06-25">25 juin</time>');
    expect(sheetPage).toContain("Lire le rapport complet");
    expect(sheetPage).toContain("Carte de situation");
    expect(sheetPage).not.toMatch(/Who and with whom|Read the full report|Jun 25/);
  });

  it("falls back to English, key by key, for a language the templates do not have", async () => {
    const model = inLanguage("sw");
    const page = decode((await artifactsOf(htmlFormat, model))[0]?.bytes);
    expect(page).toContain('<html lang="sw">');
    expect(page).toContain(">Contents</h2>");
    expect(model.labels.text("pageOf", { page: 2, pages: 4 })).toBe("Page 2 of 4");
  });
});
