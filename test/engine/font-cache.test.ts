// src/engine/pdfkit/font-cache.ts against pdfkit 0.19.1's own font(), on pdfmake's PDFDocument
// with one small face (Public Sans, Latin, 18 KB) and one line of text per document: a face not
// marked as shared goes through pdfkit's code; a shared one is parsed once per process and still
// writes the bytes pdfkit's fresh parse writes, in any order of documents; a face handed over by
// name is registered from the printer's virtual files, where pdfkit would look for a file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { shareParsedFont, shareParsedFonts } from "../../src/engine/pdfkit/font-cache.ts";

const require = createRequire(import.meta.url);
interface Doc {
  font(src: unknown, family?: unknown, size?: unknown): Doc;
  fontSize(size: number): Doc;
  text(text: string): Doc;
  end(): void;
  on(event: string, listener: (chunk: Buffer) => void): void;
  _font: { font: object; id: string };
  virtualfs?: object;
}
type DocClass = new (...args: unknown[]) => Doc;
const PDFDocument = (require("pdfmake/js/PDFDocument.js") as { default: DocClass }).default;
/** pdfkit's font(), from pdfkit's own class (pdfmake's subclass is the one Folio patches). */
const pdfkitFont = (Object.getPrototypeOf(PDFDocument.prototype) as Doc).font;
shareParsedFonts();
const folioFont = PDFDocument.prototype.font;

const face = (file: string) =>
  woffToSfnt(readFileSync(require.resolve(`@fontsource/public-sans/files/public-sans-latin-${file}.woff`)));

/** A pdfmake document (uncompressed, dated), with pdfkit's own font() when `pdfkit` is set. */
function document(pdfkit: boolean, virtualfs?: object): Doc {
  const doc = new PDFDocument(
    {},
    {},
    {},
    {},
    { compress: false, info: { CreationDate: new Date(0) } },
    virtualfs,
  );
  if (pdfkit) doc.font = pdfkitFont;
  return doc;
}

/** The bytes of a document that sets `text` in `source`, and the parsed face it used. */
function written(doc: Doc, source: unknown, text: string): Promise<{ bytes: Buffer; parsed: object }> {
  const chunks: Buffer[] = [];
  // Read as it is written: a pdfkit stream nobody reads never ends.
  doc.on("data", (chunk) => chunks.push(chunk));
  return new Promise((resolve) => {
    doc.on("end", () => resolve({ bytes: Buffer.concat(chunks), parsed }));
    doc.font(source).fontSize(12).text(text);
    const parsed = doc._font.font;
    doc.end();
  });
}

const first = "Bamako and Gao, 2021.";
const second = "Mopti’s “cercles” — 14 of 49";

describe("font-cache: font() against pdfkit's", { timeout: 5000 }, () => {
  it("is installed in place of pdfkit's", () => {
    expect(folioFont).not.toBe(pdfkitFont);
  });

  // Parsed fonts are compared by identity only: handing one to expect() makes Vitest walk it
  // (a fontkit font holds the whole file), which took minutes.
  it("leaves a face not marked as shared to pdfkit: parsed afresh, the same bytes", async () => {
    const bold = face("700-normal");
    const theirs = await written(document(true), bold, first);
    const ours = await written(document(false), bold, first);
    const again = await written(document(false), bold, first);
    expect(ours.bytes.equals(theirs.bytes)).toBe(true);
    expect(again.parsed === ours.parsed).toBe(false);
  });

  it("parses a shared face once per process and writes pdfkit's bytes, whatever came before", async () => {
    const regular = face("400-normal");
    const theirs = [
      await written(document(true), regular, first),
      await written(document(true), regular, second),
    ];
    expect(theirs[0]?.parsed === theirs[1]?.parsed).toBe(false);
    expect(theirs[1]?.bytes.includes("/ToUnicode")).toBe(true);
    shareParsedFont(regular);
    // Each text after the other, and the other way round: the second reuses the first's parse.
    for (const order of [
      [0, 1, 0],
      [1, 0, 1],
    ]) {
      const ours = [];
      for (const i of order) ours.push(await written(document(false), regular, i === 0 ? first : second));
      expect(ours.map((doc, n) => doc.bytes.equals(theirs[order[n] as number]?.bytes as Buffer))).toEqual([
        true,
        true,
        true,
      ]);
      expect([ours[1]?.parsed === ours[0]?.parsed, ours[2]?.parsed === ours[0]?.parsed]).toEqual([
        true,
        true,
      ]);
    }
  });

  it("differs as documented: a face named by the printer's virtual files is registered under that name", async () => {
    const italic = face("400-italic");
    const virtualfs = { fontFile: (name: string) => (name === "PublicSans-Italic" ? italic : undefined) };
    expect(() => document(true, virtualfs).font("PublicSans-Italic")).toThrow(/ENOENT|no such file/);
    const theirs = await written(document(true), italic, first);
    const ours = await written(document(false, virtualfs), "PublicSans-Italic", first);
    expect(ours.bytes.equals(theirs.bytes)).toBe(true);
  });
});
