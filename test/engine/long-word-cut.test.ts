// src/engine/pdfmake/long-word-cut.ts against pdfmake 0.3.11's own cut of a word wider than the line
// (inside LayoutBuilder.buildNextLine), on a real face (Merriweather, shaped by fontkit), no
// document laid out: the same pieces, with the same widths, line after line; and the intended
// difference, the work: pdfmake shapes prefixes up to the rest of the word for every line it cuts
// (quadratic in the word), Folio shapes the word once and each line's piece.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  installLineBuilder,
  layoutBuilderPrototype,
  pdfmakeBuildNextLine,
} from "../../src/engine/pdfmake/line-builder.ts";
import { cutLongWord, longWordLength, type WordInline } from "../../src/engine/pdfmake/long-word-cut.ts";

const require = createRequire(import.meta.url);
installLineBuilder();
const folioBuildNextLine = layoutBuilderPrototype().buildNextLine;
const buildWith = { pdfmake: pdfmakeBuildNextLine as typeof folioBuildNextLine, folio: folioBuildNextLine };

interface Font {
  layoutRun(text: string, features?: unknown): unknown;
}
interface Inline extends WordInline {
  font: Font;
  [key: string]: unknown;
}
const PDFDocument = (
  require("pdfmake/js/PDFDocument.js") as {
    default: new (fonts: object) => { provideFont(family: string, bold: boolean, italics: boolean): Font };
  }
).default;
const TextInlines = (
  require("pdfmake/js/TextInlines.js") as {
    default: new (doc: null) => { widthOfText(text: string, inline: Inline): number };
  }
).default;
const face = require.resolve("@fontsource/merriweather/files/merriweather-latin-400-normal.woff");
const widthOfText = (text: string, inline: Inline) => new TextInlines(null).widthOfText(text, inline);

/** A face of its own (pdfkit's layout cache is per document), counting the characters fontkit shapes. */
function countingFont(): { font: Font; shaped: () => number } {
  const font = new PDFDocument({ body: { normal: face } }).provideFont("body", false, false);
  const layoutRun = font.layoutRun;
  let shaped = 0;
  font.layoutRun = (text, features) => {
    shaped += text.length;
    return layoutRun.call(font, text, features);
  };
  return { font, shaped: () => shaped };
}

/** `n` letters, the same for a seed: no space, so one word. */
function letters(n: number, seed: number): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += String.fromCharCode(97 + ((x >> 8) % 26));
  }
  return out;
}

/** One word as pdfmake's measure leaves it: an inline with its font, size and width. */
function wordInline(text: string, font: Font, extra: Partial<WordInline> = {}): Inline {
  const inline: Inline = { text, fontSize: 10, width: 0, ...extra, font };
  inline.width = widthOfText(text, inline);
  return Object.assign(inline, { leadingCut: 0, trailingCut: 0, alignment: "left" });
}

/** Every line a builder makes of one word, as each line's pieces (text and width). */
function cutLines(
  build: "pdfmake" | "folio",
  text: string,
  lineWidth: number,
  extra: Partial<WordInline> = {},
) {
  const { font, shaped } = countingFont();
  const builder = { writer: { context: () => ({ availableWidth: lineWidth }) } };
  const node = { _inlines: [wordInline(text, font, extra)] };
  const before = shaped();
  const lines: Array<Array<[string, number]>> = [];
  for (;;) {
    const line = buildWith[build].call(builder, node) as {
      inlines: Array<{ text: string; width: number }>;
    } | null;
    if (!line) break;
    lines.push(line.inlines.map((inline) => [inline.text, inline.width]));
  }
  return { lines, shaped: shaped() - before };
}

describe("long-word-cut: a word wider than the line, against pdfmake's cut", () => {
  it.each([
    // Few, wide lines: pdfmake's own cut of a word Folio cuts its way (2,000 letters or more) costs
    // about the word's length per line.
    ["at 1,000 pt", 2_000, 1_000, {}],
    ["with character spacing, at 1,400 pt", 2_000, 1_400, { characterSpacing: 0.6 }],
  ])("cuts the same pieces with the same widths as pdfmake (%s)", (_, length, width, extra) => {
    const word = letters(length, length);
    const theirs = cutLines("pdfmake", word, width, extra);
    const ours = cutLines("folio", word, width, extra);
    expect(theirs.lines.length).toBeGreaterThan(7);
    expect(ours.lines.map((line) => line.map(([text]) => text))).toEqual(
      theirs.lines.map((line) => line.map(([text]) => text)),
    );
    for (const [i, line] of ours.lines.entries())
      for (const [j, [, pieceWidth]] of line.entries())
        expect(pieceWidth).toBeCloseTo(theirs.lines[i]?.[j]?.[1] as number, 9);
    expect(
      ours.lines
        .flat()
        .map(([text]) => text)
        .join(""),
    ).toBe(word);
    // The difference Folio makes: the word shaped once and each piece, not prefixes per line.
    expect(ours.shaped).toBeLessThan(4 * length);
    expect(theirs.shaped).toBeGreaterThan((theirs.lines.length * length) / 2);
    expect(theirs.shaped).toBeGreaterThan(2 * ours.shaped);
  });

  it("cuts at the longest prefix whose own measure fits, and reads the rest's width off the shaping", () => {
    const { font } = countingFont();
    const word = letters(3_000, 7);
    let inline = wordInline(word, font);
    const measure = (text: string) => widthOfText(text, inline);
    for (const maxWidth of [37, 200, 451.5]) {
      const cut = cutLongWord(inline, maxWidth, measure);
      if (!cut) throw new Error("a long word in a shaped face must be cut by long-word-cut");
      expect(measure(word.slice(0, cut.length))).toBeLessThanOrEqual(maxWidth);
      expect(measure(word.slice(0, cut.length + 1))).toBeGreaterThan(maxWidth);
      // Without the kerning across the cut, the rest's advances are its measure to a hair.
      expect(cut.restWidth).toBeCloseTo(measure(word.slice(cut.length)), 1);
    }
    // The rest, remembered, is cut from where the first cut left off in the same shaping.
    const first = cutLongWord(inline, 120, measure);
    if (!first) throw new Error("no cut");
    const rest = wordInline(word.slice(first.length), font);
    first.remember(rest);
    inline = rest;
    const second = cutLongWord(rest, 120, (text) => widthOfText(text, rest));
    expect(second?.length).toBeGreaterThan(0);
    const piece = rest.text.slice(0, second?.length);
    expect(widthOfText(piece, rest)).toBeLessThanOrEqual(120);
    expect(widthOfText(rest.text.slice(0, (second?.length ?? 0) + 1), rest)).toBeGreaterThan(120);
  });

  it("leaves a short word, or one with font features, to pdfmake's search", () => {
    const { font } = countingFont();
    const short = wordInline(letters(longWordLength - 1, 3), font);
    expect(cutLongWord(short, 100, (text) => widthOfText(text, short))).toBeUndefined();
    const featured = wordInline(letters(longWordLength, 3), font, { fontFeatures: ["liga"] });
    expect(cutLongWord(featured, 100, (text) => widthOfText(text, featured))).toBeUndefined();
  });
});
