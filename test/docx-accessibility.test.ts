import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { openDocx, partText, unescapeXml } from "./docx-package.ts";
import { PdfObjects, readStructure } from "./support/pdfua.ts";
import { loadReport, renderWith } from "./support/render.ts";

/**
 * What Word's accessibility checker looks at, asserted on the XML: alt text, table headers and
 * titles, the document's language and properties, headings in order, no text as pictures.
 */
interface Parts {
  model: ReportModel;
  messages: string[];
  document: string;
  styles: string;
  core: string;
  settings: string;
}

async function render(path: string, text?: string): Promise<Parts> {
  const model = loadReport(path, text === undefined ? {} : { text });
  const result = await renderWith(docxFormat, model, { sourceDateEpoch: 1_700_000_000 });
  const pkg = await openDocx(result.artifacts[0]?.bytes as Uint8Array);
  return {
    model,
    messages: result.messages.map(String),
    document: await pkg.part("word/document.xml"),
    styles: await pkg.part("word/styles.xml"),
    core: await pkg.part("docProps/core.xml"),
    settings: await pkg.part("word/settings.xml"),
  };
}

const headingLevels = (document: string): number[] =>
  [...document.matchAll(/<w:pStyle w:val="Heading(\d)"\/>/g)].map((m) => Number(m[1]));

/** Each level is at most one below the one before, starting at 1. */
function skipsNoLevel(levels: number[]): boolean {
  let previous = 0;
  return levels.every((level) => {
    const ok = level <= previous + 1;
    previous = level;
    return ok;
  });
}

describe("DOCX accessibility, in Word's terms", () => {
  let mali: Parts;
  let features: Parts;
  beforeAll(async () => {
    mali = await render("source/mali-2021.md");
    features = await render("test/fixtures/docx-features.md");
  });

  it("gives every picture alt text (wp:docPr descr), SVGs and their PNG fallback one between them", () => {
    const drawings = [...features.document.matchAll(/<wp:docPr\b[^>]*>/g)].map((m) => m[0]);
    expect(drawings).toHaveLength(2);
    for (const docPr of drawings) expect(docPr).toMatch(/ descr="[^"]+"/);
    expect(drawings.map((d) => unescapeXml(/descr="([^"]*)"/.exec(d)?.[1] ?? ""))).toEqual([
      "The seal of the fixture desk",
      "A vector seal",
    ]);
    expect(features.document.match(/asvg:svgBlip/g)).toHaveLength(1);
  });

  it("marks a picture without alt text decorative, and says so", async () => {
    const source = readFileSync("test/fixtures/docx-features.md", "utf8").replace(
      "![A vector seal](images/seal.svg)",
      "![](images/seal.svg)",
    );
    const doc = await render("test/fixtures/docx-features.md", source);
    expect(doc.document).toMatch(/<adec:decorative [^>]*val="1"\/>/);
    // Said once, by the model, for every build (src/model/alt-text.ts); the DOCX adds nothing.
    const messages = [...doc.model.file.messages.map(String), ...doc.messages];
    expect(messages.filter((m) => m.includes("has no alt text"))).toHaveLength(1);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /docx-features\.md:\d+:\d+.*Image `images\/seal\.svg` has no alt text: every format marks it decorative/,
      ),
    );
  });

  it("draws no text as a picture: the only drawings are the source's own pictures", () => {
    expect(mali.document).not.toContain("<w:drawing>");
    expect(features.document.match(/<w:drawing>/g)).toHaveLength(features.model.images.size);
    expect(partText(features.document)).toContain("☐ open task");
  });

  it("marks each table's header row, repeated on every page, and gives the table a title", () => {
    const tables = features.document.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
    expect(tables).toHaveLength(1);
    const table = tables[0] as string;
    const rows = table.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
    expect(rows[0]).toContain("<w:tblHeader/>");
    expect(rows[0]).toContain('<w:pStyle w:val="TableHeading"/>');
    expect(rows.slice(1).join("")).not.toContain("<w:tblHeader/>");
    expect(table).toMatch(/<w:tblPr>.*<w:tblCaption w:val="Table 1: Region, Attacks, Share"\/><\/w:tblPr>/s);
  });

  it("takes the document language from the front matter's lang", async () => {
    expect(mali.styles).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="en-US"\/>/s);
    expect(mali.core).toContain("<dc:language>en-US</dc:language>");
    expect(mali.settings).toContain('<w:themeFontLang w:val="en-US"/>');
    const french = await render(
      "test/fixtures/docx-features.md",
      readFileSync("test/fixtures/docx-features.md", "utf8").replace(
        "---\ntitle:",
        "---\nlang: fr-FR\ntitle:",
      ),
    );
    expect(french.styles).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="fr-FR"\/>/s);
    expect(french.core).toContain("<dc:language>fr-FR</dc:language>");
  });

  it("has title, subject and keywords in the core properties", () => {
    expect(mali.core).toContain("<dc:title>Country Reports on Terrorism 2021: Mali</dc:title>");
    expect(mali.core).toMatch(/<dc:subject>[^<]+<\/dc:subject>/);
    expect(mali.core).toMatch(/<cp:keywords>[^<]+<\/cp:keywords>/);
    expect(features.core).toContain("<cp:keywords>lists, tables, footnotes</cp:keywords>");
  });

  it("sets headings in Word's built-in Heading styles, from Heading 1, skipping no level", async () => {
    expect(headingLevels(mali.document)).toEqual(mali.model.outline.map(() => 1));
    for (const level of [1, 2, 3]) expect(features.styles).toContain(`<w:name w:val="heading ${level}"/>`);
    const skipping = await render(
      "test/fixtures/skipped.md",
      "---\ntitle: Skips\n---\n\n## Top\n\nText.\n\n#### Too deep\n\nText.\n\n### Back\n\nText.\n\n## Next\n\nText.\n",
    );
    const levels = headingLevels(skipping.document);
    expect(levels).toEqual([1, 2, 2, 1]);
    expect(skipsNoLevel(levels)).toBe(true);
    expect(skipsNoLevel(headingLevels(features.document))).toBe(true);
  });

  it("gives each heading the PDF edition's structure level (H2… there, Heading 1… here)", async () => {
    const highWater = await render("test/fixtures/briefs/high-water.md");
    for (const doc of [mali, features, highWater]) {
      // The PDF's own structure tree: the body's headings come after the cover's title (H1) and
      // the contents' heading, and before the Notes heading when there are notes.
      const pdf = await renderWith(pdfFormat, doc.model, { sourceDateEpoch: 1_700_000_000 });
      const tagged = readStructure(new PdfObjects(pdf.artifacts[0]?.bytes as Uint8Array))
        .elements.filter((e) => /^H[1-6]$/.test(e.type))
        .map((e) => Number(e.type.slice(1)));
      const end = tagged.length - (doc.model.footnotes.size > 0 ? 1 : 0);
      const body = tagged.slice(end - doc.model.outline.length, end);
      expect(headingLevels(doc.document)).toEqual(body.map((level) => level - 1));
      expect(headingLevels(doc.document)).toEqual(
        doc.model.outline.map((e) => doc.model.headingLevels.get(e.id)),
      );
    }
    // `##`, `##`, then `#`, `###`, `###`: no level skipped, the `#` a top section again.
    expect(headingLevels(highWater.document).slice(0, 4)).toEqual([1, 2, 1, 2]);
  });

  it("titles a table in the report's language", async () => {
    const french = await render(
      "test/fixtures/docx-features.md",
      readFileSync("test/fixtures/docx-features.md", "utf8").replace(
        "---\ntitle:",
        "---\nlang: fr-FR\ntitle:",
      ),
    );
    expect(french.document).toContain('<w:tblCaption w:val="Tableau 1 : Region, Attacks, Share"/>');
  });

  it("asks Word to refresh the contents when it opens the brief", () => {
    expect(mali.settings).toContain("<w:updateFields/>");
  });
});
