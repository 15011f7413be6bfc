// src/engine/pdfkit/shaping-cache.ts against pdfkit 0.19.1's own EmbeddedFont.layoutCached and
// embed, on one small face (Public Sans, Latin) and a few words, no document written: a word's run
// in a document of a shared face is the run pdfkit shapes for it in a fresh parse (glyphs, their
// code points, positions, advance), shaped once per process; where the document already holds a
// glyph with other code points the word is shaped in the document, as pdfkit would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { type LayoutFont, shareLayouts } from "../../src/engine/pdfkit/shaping-cache.ts";

const require = createRequire(import.meta.url);
interface Glyph {
  id: number;
  codePoints: number[];
}
interface Run {
  glyphs: Glyph[];
  positions: object[];
  advanceWidth: number;
}
interface Embedded {
  font: LayoutFont;
  layoutCached(text: string): Run;
  subset: { glyphs: number[]; encode(): Uint8Array; includeGlyph(id: number): number };
  embed(): void;
  ref(): void;
}
type EmbeddedClass = new (document: object, font: LayoutFont, id: string) => Embedded;
type Doc = { font(src: Uint8Array): Doc; _font: Embedded };
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
function parse(): { font: LayoutFont; EmbeddedFont: EmbeddedClass } {
  const embedded = new PDFKit().font(face)._font;
  return { font: embedded.font, EmbeddedFont: embedded.constructor as EmbeddedClass };
}
/** A new document's font on `font`, its glyph cache emptied as the font cache does per document. */
function inDocument(font: LayoutFont, EmbeddedFont: EmbeddedClass): Embedded {
  font._glyphs = {};
  return new EmbeddedFont({ options: {} }, font, "F1");
}
/** What a run tells pdfkit: glyph ids and code points, positions, advance. */
const summary = (run: Run) => ({
  glyphs: run.glyphs.map((glyph) => [glyph.id, [...glyph.codePoints]]),
  positions: run.positions,
  advanceWidth: run.advanceWidth,
});

const words = ["Bamako", "office", "Gao,", "2021.", "“cercles”", "Mopti’s", "official"];

describe("shaping-cache: layoutCached against pdfkit's", { timeout: 5000 }, () => {
  const { font: unshared, EmbeddedFont } = parse();
  const shared = parse().font;
  shareLayouts(shared, EmbeddedFont);
  let shapes = 0;
  const layout = shared.layout.bind(shared);
  shared.layout = (text: string) => {
    shapes++;
    return layout(text);
  };
  const theirs = () => {
    const document = inDocument(unshared, EmbeddedFont);
    return words.map((word) => summary(document.layoutCached(word)));
  };

  it("gives each word pdfkit's run, shaped once per process for every document", () => {
    const expected = theirs();
    expect(expected[1]?.glyphs.length).toBeLessThan(6); // "office": its ligature, shaped
    const first = inDocument(shared, EmbeddedFont);
    expect(words.map((word) => summary(first.layoutCached(word)))).toEqual(expected);
    expect(shapes).toBe(words.length);
    const second = inDocument(shared, EmbeddedFont);
    expect(words.map((word) => summary(second.layoutCached(word)))).toEqual(expected);
    expect(shapes).toBe(words.length); // the second document shaped nothing
    // Another order: each glyph still carries the code points of its first request in this document.
    const reversed = inDocument(unshared, EmbeddedFont);
    const expectedReversed = [...words].reverse().map((word) => summary(reversed.layoutCached(word)));
    const third = inDocument(shared, EmbeddedFont);
    expect([...words].reverse().map((word) => summary(third.layoutCached(word)))).toEqual(expectedReversed);
    expect(shapes).toBe(words.length);
  });

  it("shapes a word in the document where a glyph it needs already has other code points", () => {
    const theirsDocument = inDocument(unshared, EmbeddedFont);
    const a = theirsDocument.layoutCached("a").glyphs[0] as Glyph;
    theirsDocument.font._glyphs = { 0: theirsDocument.font._glyphs[0] };
    theirsDocument.font.getGlyph(a.id, [0x61, 0x61]); // a glyph made for other characters
    const expected = summary(theirsDocument.layoutCached("Bamako"));
    expect(expected.glyphs[1]).toEqual([a.id, [0x61, 0x61]]);
    inDocument(shared, EmbeddedFont).layoutCached("Bamako"); // shaped and kept for the process
    const ours = inDocument(shared, EmbeddedFont);
    ours.font.getGlyph(a.id, [0x61, 0x61]);
    const before = shapes;
    expect(summary(ours.layoutCached("Bamako"))).toEqual(expected);
    expect(shapes).toBe(before + 1); // shaped in the document, not replayed
  });
});
