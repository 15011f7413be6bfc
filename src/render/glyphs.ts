import { createRequire } from "node:module";
import type { FaceRole, FontFiles, FontRole } from "../assets/types.ts";

// Which embedded face can draw a character: shared by every format (the PDF picks the face for
// each run with it; HTML and DOCX inline or embed the faces the text needs and warn about what
// none can draw), so a character that prints as a box in one format is a warning in all of them.

const require = createRequire(import.meta.url);
/** fontkit (pdfkit's own font parser) reads each face's character map. */
const fontkit = require("fontkit") as {
  create(bytes: Uint8Array): { hasGlyphForCodePoint(cp: number): boolean; characterSet: number[] };
};

/** One face of the chain: a role's typeface (or a fallback face) in one Unicode subset. */
export interface ChainFace {
  role: FaceRole;
  subset: string;
}

const roles: readonly FontRole[] = ["body", "heading", "mono"];

/**
 * The faces tried for a character set in `role`'s typeface, in order: the role's own subsets,
 * then the other typefaces' (a Greek letter in body text is better drawn in the mono face than
 * not at all), then the theme's fallback faces.
 */
export function faceChain(fonts: FontFiles, role: FontRole): ChainFace[] {
  const order: FaceRole[] = [role, ...roles.filter((r) => r !== role), ...fonts.fallbacks];
  return order.flatMap((r) => fonts.subsets(r).map((subset) => ({ role: r, subset })));
}

/** A face's character map, by its bytes (the assets give the same array for the same face). */
const maps = new WeakMap<Uint8Array, { has: (cp: number) => boolean; characters: () => number[] }>();

/** The same, by chain face (a hot path: the PDF asks for every character of the text). */
const byFace = new WeakMap<ChainFace, { has: (cp: number) => boolean; characters: () => number[] }>();

function characterMap(fonts: FontFiles, face: ChainFace) {
  const known = byFace.get(face);
  if (known) return known;
  const bytes = fonts.face(face.role, 400, "normal", "sfnt", face.subset);
  let map = maps.get(bytes);
  if (!map) {
    const font = fontkit.create(bytes);
    const seen = new Map<number, boolean>();
    map = {
      has: (cp) => {
        let value = seen.get(cp);
        if (value === undefined) {
          value = font.hasGlyphForCodePoint(cp);
          seen.set(cp, value);
        }
        return value;
      },
      characters: () => font.characterSet,
    };
    maps.set(bytes, map);
  }
  byFace.set(face, map);
  return map;
}

/** Whether a face has a glyph for a code point. */
export function faceCovers(fonts: FontFiles, face: ChainFace, cp: number): boolean {
  return characterMap(fonts, face).has(cp);
}

/** The code points a face has glyphs for, as CSS `unicode-range` (`U+0-FF, U+131 …`). */
export function unicodeRange(fonts: FontFiles, face: ChainFace): string {
  const points = [...new Set(characterMap(fonts, face).characters())].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < points.length; ) {
    let j = i;
    while (j + 1 < points.length && (points[j + 1] as number) === (points[j] as number) + 1) j++;
    const hex = (n: number) => (n as number).toString(16).toUpperCase();
    ranges.push(
      i === j ? `U+${hex(points[i] as number)}` : `U+${hex(points[i] as number)}-${hex(points[j] as number)}`,
    );
    i = j + 1;
  }
  return ranges.join(", ");
}

/** Characters that need no glyph of their own (spaces and controls are laid out, not drawn). */
export const layoutOnly = /[\s\u200b-\u200d\u2060\ufeff]/u;

/** The first face of the chain that can draw a character, or undefined when none can. */
export function faceFor(fonts: FontFiles, chain: readonly ChainFace[], ch: string): ChainFace | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  return chain.find((face) => faceCovers(fonts, face, cp));
}

/** The characters of `text` no embedded face can draw, each once, in order. */
export function undrawable(fonts: FontFiles, text: string, role: FontRole = "body"): string[] {
  const chain = faceChain(fonts, role);
  const missing: string[] = [];
  for (const ch of new Set(text)) if (!layoutOnly.test(ch) && !faceFor(fonts, chain, ch)) missing.push(ch);
  return missing;
}
