// src/engine/pdfmake/line-builder.ts against pdfmake 0.3.11's own LayoutBuilder.buildNextLine, one
// call at a time on the same words: the same lines must come out (no document is laid out).
import { describe, expect, it } from "vitest";
import {
  installLineBuilder,
  layoutBuilderPrototype,
  pdfmakeBuildNextLine,
} from "../../src/engine/pdfmake/line-builder.ts";

installLineBuilder();
const folioBuildNextLine = layoutBuilderPrototype().buildNextLine;

interface Word {
  text: string;
  width: number;
  leadingCut: number;
  trailingCut: number;
  noWrap: boolean;
  noNewLine?: boolean;
}
interface BuiltLine {
  inlines: Array<{ text: string }>;
  lastLineInParagraph?: boolean;
}

/** A paragraph of `n` words that are never cut (no hard wraps), some glued to the next (`noNewLine`). */
function paragraph(n: number, seed: number): Word[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => ({
    text: `w${i} `,
    width: 8 + Math.floor(random() * 60),
    leadingCut: 0,
    trailingCut: 3,
    noWrap: true, // measuring a cut word needs a font: the hard wrap is pdfmake's code in both
    ...(random() < 0.2 ? { noNewLine: true } : {}),
  }));
}

/** Every line a builder makes of a paragraph, as the words on each and whether it is the last. */
function lines(build: typeof folioBuildNextLine, words: Word[], width: number): string[][] {
  const builder = { writer: { context: () => ({ availableWidth: width }) } };
  const node = { _inlines: words.map((word) => ({ ...word })) };
  const out: string[][] = [];
  for (let line = build.call(builder, node) as BuiltLine | null; line; ) {
    out.push([...line.inlines.map((inline) => inline.text), String(line.lastLineInParagraph)]);
    line = build.call(builder, node) as BuiltLine | null;
  }
  return out;
}

describe("line-builder: Folio's buildNextLine against pdfmake's", () => {
  it("is installed in place of pdfmake's, which is kept for comparison", () => {
    expect(pdfmakeBuildNextLine).toBeTypeOf("function");
    expect(folioBuildNextLine).not.toBe(pdfmakeBuildNextLine);
  });

  it.each([
    [40, 1, 200],
    [1500, 2, 300], // longer than the 1,024 words from which Folio cuts the list into a front and a stash
    [5000, 3, 120],
  ])("sets the same lines for %i words (seed %i, %i pt lines)", (n, seed, width) => {
    const words = paragraph(n, seed);
    const theirs = lines(pdfmakeBuildNextLine as typeof folioBuildNextLine, words, width);
    const ours = lines(folioBuildNextLine, words, width);
    expect(theirs.length).toBeGreaterThan(1);
    expect(ours).toEqual(theirs);
    expect(ours.flat().filter((w) => w.startsWith("w"))).toHaveLength(n); // no word lost or repeated
  });
});
