// A word wider than the line is cut where its longest prefix still fits. pdfmake finds that
// prefix by a binary search that shapes (and pdfkit caches, per document and per face) prefixes up
// to the whole word's length, then measures the rest of the word again, for every line of the
// word: 20,000 letters took 23 s and 1.2 GB. A long word is instead shaped once (pdfkit has shaped
// it already, to measure it), and each line's cut is read off the glyphs' advances, then checked
// by measuring that line's piece alone, as it will be drawn. The pieces after the first remember
// the shaping and where they start in it.

/** A pdfmake inline (one word, or a piece of one) as the cut reads it. */
export interface WordInline {
  text: string;
  width: number;
  fontSize?: number;
  fontFeatures?: unknown;
  characterSpacing?: number;
  font?: unknown;
}

/** The word shaped once: after each glyph, the string offset it ends at and the advance so far. */
interface Shaping {
  ends: Int32Array;
  advances: Float64Array;
}
/** Where an inline starts in its word's shaping. */
interface Piece {
  shaping: Shaping;
  glyph: number;
  offset: number;
}

/** Words shorter than this are cut as pdfmake cuts them (a few shapings of short prefixes). */
export const longWordLength = 2_000;

interface GlyphRun {
  glyphs: Array<{ codePoints?: number[] }>;
  positions: Array<{ xAdvance: number }>;
}
interface LayoutFont {
  layout(text: string): GlyphRun;
}

const wholeWords = new WeakMap<object, { text: string; shaping: Shaping }>();
const pieces = new WeakMap<object, Piece>();

function shape(inline: WordInline): Shaping | undefined {
  const font = inline.font as Partial<LayoutFont> | undefined;
  if (inline.fontFeatures || typeof font?.layout !== "function") return undefined;
  const run = font.layout(inline.text);
  const count = run.glyphs.length;
  const ends = new Int32Array(count);
  const advances = new Float64Array(count);
  let offset = 0;
  let advance = 0;
  for (let i = 0; i < count; i++) {
    for (const codePoint of run.glyphs[i]?.codePoints ?? []) offset += codePoint > 0xffff ? 2 : 1;
    advance += run.positions[i]?.xAdvance ?? 0;
    ends[i] = offset;
    advances[i] = advance;
  }
  // A glyph whose code points are not its characters' (fontkit keeps the first request's): the
  // offsets cannot be trusted, and pdfmake's own search is used.
  return offset === inline.text.length ? { ends, advances } : undefined;
}

function pieceOf(inline: WordInline): Piece | undefined {
  const known = pieces.get(inline);
  if (known) return known;
  if (inline.text.length < longWordLength) return undefined;
  let whole = wholeWords.get(inline);
  if (whole?.text !== inline.text) {
    const shaping = shape(inline);
    if (!shaping) return undefined;
    whole = { text: inline.text, shaping };
    wholeWords.set(inline, whole);
  }
  return { shaping: whole.shaping, glyph: 0, offset: 0 };
}

/** The cut of a long word: characters on this line, and the rest's width read off the shaping. */
export interface Cut {
  length: number;
  restWidth: number;
  /** Records, on the inline holding the rest, where it starts in the shaping. */
  remember(rest: WordInline): void;
}

/**
 * Where to cut `inline` to fit `maxWidth`: the longest prefix ending between glyphs whose own
 * measure fits (at least one glyph), or undefined for a short word or one the shaping cannot place.
 */
export function cutLongWord(
  inline: WordInline,
  maxWidth: number,
  measure: (text: string) => number,
): Cut | undefined {
  const piece = pieceOf(inline);
  if (!piece) return undefined;
  const { ends, advances } = piece.shaping;
  const scale = (inline.fontSize ?? 12) / 1000;
  const spacing = inline.characterSpacing ?? 0;
  const before = piece.glyph > 0 ? (advances[piece.glyph - 1] as number) : 0;
  const last = ends.length - 1;
  const length = (glyph: number) => (ends[glyph] as number) - piece.offset;
  const width = (glyph: number) =>
    ((advances[glyph] as number) - before) * scale + spacing * (length(glyph) - 1);
  // The last glyph whose advances fit, then checked against the piece measured alone (its last
  // glyph's kerning with the next is gone once cut).
  let low = piece.glyph;
  let high = last;
  let glyph = piece.glyph;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (width(mid) <= maxWidth) {
      glyph = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  while (glyph > piece.glyph && measure(inline.text.substring(0, length(glyph))) > maxWidth) glyph--;
  while (glyph < last && measure(inline.text.substring(0, length(glyph + 1))) <= maxWidth) glyph++;
  const restLength = inline.text.length - length(glyph);
  return {
    length: length(glyph),
    restWidth:
      ((advances[last] as number) - (advances[glyph] as number)) * scale + spacing * (restLength - 1),
    remember(rest) {
      pieces.set(rest, { shaping: piece.shaping, glyph: glyph + 1, offset: ends[glyph] as number });
    },
  };
}
