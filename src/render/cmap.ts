import { tableDirectory } from "./sfnt-tables.ts";

// A face's character map (OpenType `cmap`, formats 4 and 12), read as fontkit's CmapProcessor
// reads it: the same subtable, the same glyph for a code point, the same character set. Every
// format asks which face draws each character of the text; an HTML build needs nothing else of
// fontkit, whose module and Brotli dictionary cost it about 70 ms of CPU to load and parse for a
// page of one line (2026-12-07). A map this reader does not handle is left to fontkit (undefined).

/** Which code points a face draws. */
export interface CharacterMap {
  /** Whether the face maps the code point to a glyph other than .notdef (fontkit's hasGlyphForCodePoint). */
  has(codePoint: number): boolean;
  /** Every code point of the map's segments or groups, as fontkit's `characterSet` lists them. */
  characters(): number[];
}

/** The Unicode subtables fontkit looks for, in its order (CmapProcessor's constructor). */
const unicodeSubtables: ReadonlyArray<readonly [platform: number, encoding: number]> = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/** The face's map, or undefined when its bytes, its subtable or its format are not read here. */
export function readCharacterMap(bytes: Uint8Array): CharacterMap | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let cmap: { offset: number; length: number } | undefined;
  try {
    cmap = tableDirectory(view).get("cmap");
  } catch {
    return undefined;
  }
  if (!cmap || cmap.length < 4) return undefined;
  const end = cmap.offset + cmap.length;
  const count = view.getUint16(cmap.offset + 2);
  if (cmap.offset + 4 + count * 8 > end) return undefined;
  const records = Array.from({ length: count }, (_, i) => {
    const at = cmap.offset + 4 + i * 8;
    return { platform: view.getUint16(at), encoding: view.getUint16(at + 2), offset: view.getUint32(at + 4) };
  });
  for (const [platform, encoding] of unicodeSubtables) {
    const record = records.find((r) => r.platform === platform && r.encoding === encoding);
    if (!record) continue;
    const at = cmap.offset + record.offset;
    if (at + 2 > view.byteLength) return undefined;
    const format = view.getUint16(at);
    if (format === 4) return segmentMap(view, at);
    if (format === 12) return groupMap(view, at);
    return undefined;
  }
  return undefined;
}

/** Format 4: segments of 16-bit code points, each a delta or an offset into the glyph array. */
function segmentMap(view: DataView, at: number): CharacterMap | undefined {
  if (at + 16 > view.byteLength) return undefined;
  const length = view.getUint16(at + 2);
  const segments = view.getUint16(at + 6) >> 1;
  const ends = at + 14;
  const starts = ends + 2 + segments * 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const glyphs = rangeOffsets + segments * 2;
  // fontkit's glyph array runs to the subtable's stated length (a u16: a large one wraps).
  const glyphCount = Math.max(0, (length - (16 + 8 * segments)) / 2);
  if (glyphs + Math.ceil(glyphCount) * 2 > view.byteLength) return undefined;
  const start = (i: number) => view.getUint16(starts + i * 2);
  const endOf = (i: number) => view.getUint16(ends + i * 2);
  const glyphOf = (codePoint: number): number => {
    let min = 0;
    let max = segments - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (codePoint < start(mid)) max = mid - 1;
      else if (codePoint > endOf(mid)) min = mid + 1;
      else {
        const delta = view.getInt16(deltas + mid * 2);
        const rangeOffset = view.getUint16(rangeOffsets + mid * 2);
        if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
        const index = rangeOffset / 2 + (codePoint - start(mid)) - (segments - mid);
        const glyph = index >= 0 && index < glyphCount ? view.getUint16(glyphs + index * 2) : 0;
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
    }
    return 0;
  };
  return {
    has: (codePoint) => glyphOf(codePoint) !== 0,
    characters: () => {
      const all: number[] = [];
      for (let i = 0; i < segments; i++) for (let cp = start(i); cp <= endOf(i); cp++) all.push(cp);
      return all;
    },
  };
}

/** Format 12: groups of consecutive code points mapped to consecutive glyphs. */
function groupMap(view: DataView, at: number): CharacterMap | undefined {
  if (at + 16 > view.byteLength) return undefined;
  const groups = view.getUint32(at + 12);
  const first = at + 16;
  if (first + groups * 12 > view.byteLength) return undefined;
  const startOf = (i: number) => view.getUint32(first + i * 12);
  const endOf = (i: number) => view.getUint32(first + i * 12 + 4);
  const glyphOf = (codePoint: number): number => {
    let min = 0;
    let max = groups - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (codePoint < startOf(mid)) max = mid - 1;
      else if (codePoint > endOf(mid)) min = mid + 1;
      else return view.getUint32(first + mid * 12 + 8) + (codePoint - startOf(mid));
    }
    return 0;
  };
  return {
    has: (codePoint) => glyphOf(codePoint) !== 0,
    characters: () => {
      const all: number[] = [];
      for (let i = 0; i < groups; i++) for (let cp = startOf(i); cp <= endOf(i); cp++) all.push(cp);
      return all;
    },
  };
}
