// src/engine/pdfkit/subset-keep.ts against pdfkit 0.19.1's own EmbeddedFont.embed and fontkit's
// subset encoding, on one face (Public Sans, Latin, whose accented letters are compound glyphs)
// and a few words, no document written: the font file a document embeds is fontkit's for its
// glyph list, encoded once per process; the subset's glyph list ends as fontkit leaves it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { keptSubsetCount, shareSubsets } from "../../src/engine/pdfkit/subset-keep.ts";

const require = createRequire(import.meta.url);
interface Subset {
  glyphs: number[];
  encode(): Uint8Array;
}
interface Embedded {
  subset: Subset;
  encode(text: string): unknown;
  ref(): unknown;
  embed(): void;
}
type EmbeddedClass = new (document: object, font: object, id: string) => Embedded;
type Doc = { font(src: Uint8Array): Doc; _font: Embedded & { font: object } };
/** pdfkit as pdfmake loads it. */
const PDFKit = Object.getPrototypeOf(
  (require("pdfmake/js/PDFDocument.js") as { default: object }).default,
) as new (
  options?: object,
) => Doc;

const face = woffToSfnt(
  readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-400-normal.woff")),
);
/** A fresh parse of the face, as pdfkit makes one per document, and pdfkit's EmbeddedFont class. */
function parse(): { font: object; EmbeddedFont: EmbeddedClass } {
  const embedded = new PDFKit().font(face)._font;
  return { font: embedded.font, EmbeddedFont: embedded.constructor as EmbeddedClass };
}

/** The bytes of every stream embed() writes, in order (the font file first), from a stand-in document. */
function embedded(font: object, EmbeddedFont: EmbeddedClass, text: string) {
  const streams: Uint8Array[] = [];
  const ref = (data: object = {}) => ({
    data,
    write: (bytes: Uint8Array) => streams.push(bytes),
    end: (bytes?: Uint8Array) => bytes && streams.push(bytes),
  });
  (font as { _glyphs: object })._glyphs = {}; // a new document's glyph cache, as the font cache does
  const document = new EmbeddedFont({ options: {}, ref }, font, "F1");
  document.encode(text);
  document.ref(); // the font's dictionary, which embed() fills
  document.embed();
  return { fontFile: streams[0], glyphs: [...document.subset.glyphs] };
}

const texts = ["Ségou, Kayes and Tombouctou", "Ménaka’s cercles: Ansongo, Ténenkou"];

describe("subset-keep: embed against pdfkit's", { timeout: 5000 }, () => {
  const { font: unshared, EmbeddedFont } = parse();
  const shared = parse().font;
  shareSubsets(shared, EmbeddedFont);
  const theirs = texts.map((text) => embedded(unshared, EmbeddedFont, text));

  it("embeds fontkit's font file for the glyph list, encoded once per process", () => {
    const before = keptSubsetCount();
    const first = embedded(shared, EmbeddedFont, texts[0] as string);
    expect(keptSubsetCount()).toBe(before + 1);
    expect(first).toEqual(theirs[0]);
    const second = embedded(shared, EmbeddedFont, texts[0] as string);
    expect(keptSubsetCount()).toBe(before + 1); // kept: not encoded again
    expect(second).toEqual(theirs[0]); // the same file, and the compound glyphs' parts in the list
    const other = embedded(shared, EmbeddedFont, texts[1] as string);
    expect(keptSubsetCount()).toBe(before + 2);
    expect(other).toEqual(theirs[1]);
  });

  it("adds a kept file's compound parts to the list as fontkit's encoding does", () => {
    const { font, EmbeddedFont: Class } = parse();
    const listed = new Class({ options: {}, ref: () => ({ data: {}, end() {} }) }, font, "F1");
    listed.encode(texts[0] as string);
    const own = listed.subset.glyphs.length;
    // Compound glyphs in the text: their parts follow the document's own glyphs.
    expect((theirs[0]?.glyphs.length ?? 0) - own).toBeGreaterThan(0);
  });
});
