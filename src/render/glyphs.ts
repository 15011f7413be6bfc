import type { VFile } from "vfile";
import type { FaceRole, FontFiles, FontRole } from "../assets/types.ts";
import type { CharacterPlaces } from "../model/characters.ts";
import { type CharacterMap, readCharacterMap } from "./cmap.ts";
import { parsedFace } from "./parsed-face.ts";

// Which embedded face can draw a character: shared by every format (the PDF picks the face for
// each run with it; HTML and DOCX inline or embed the faces the text needs and warn about what
// none can draw), so a character that prints as a box in one format is a warning in all of them.

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
export function faceChain(fonts: FontFiles, role: FontRole): readonly ChainFace[] {
  let byRole = chains.get(fonts);
  if (!byRole) {
    byRole = new Map();
    chains.set(fonts, byRole);
  }
  let chain = byRole.get(role);
  if (!chain) {
    const order: FaceRole[] = [role, ...roles.filter((r) => r !== role), ...fonts.fallbacks];
    chain = order.flatMap((r) => fonts.subsets(r).map((subset) => ({ role: r, subset })));
    byRole.set(role, chain);
  }
  return chain;
}

/** The chains, by set of faces (the same objects every call, so a face can be looked up in one). */
const chains = new WeakMap<FontFiles, Map<FontRole, readonly ChainFace[]>>();

/**
 * A face's character map, by chain face: chains are the same objects for the same faces (see
 * {@link faceChain}), and this is a hot path (the PDF asks for every character of the text).
 */
const maps = new WeakMap<ChainFace, { has: (cp: number) => boolean; characters: () => number[] }>();

function characterMap(fonts: FontFiles, face: ChainFace) {
  let map = maps.get(face);
  if (!map) {
    const bytes = fonts.face(face.role, 400, "normal", "sfnt", face.subset);
    const read = readCharacterMap(bytes) ?? fontkitCharacterMap(bytes);
    const seen = new Map<number, boolean>();
    map = {
      has: (cp) => {
        let value = seen.get(cp);
        if (value === undefined) {
          value = read.has(cp);
          seen.set(cp, value);
        }
        return value;
      },
      characters: () => read.characters(),
    };
    maps.set(face, map);
  }
  return map;
}

/** fontkit's reading of a map src/render/cmap.ts leaves to it (another format, another encoding). */
function fontkitCharacterMap(bytes: Uint8Array): CharacterMap {
  const font = parsedFace(bytes);
  return { has: (cp) => font.hasGlyphForCodePoint(cp), characters: () => font.characterSet };
}

/** Whether a face has a glyph for a code point. */
export function faceCovers(fonts: FontFiles, face: ChainFace, cp: number): boolean {
  return characterMap(fonts, face).has(cp);
}

/** Sorted code points as CSS `unicode-range` (`U+0-FF, U+131 …`). */
function rangesOf(points: readonly number[]): string {
  const hex = (n: number) => n.toString(16).toUpperCase();
  const ranges: string[] = [];
  for (let i = 0; i < points.length; ) {
    let j = i;
    while (j + 1 < points.length && (points[j + 1] as number) === (points[j] as number) + 1) j++;
    const from = points[i] as number;
    const to = points[j] as number;
    ranges.push(from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`);
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

/** Which faces a text needs beyond each role's own latin face, and what no face can draw. */
export interface Coverage {
  /** Per role, the faces of its chain some character of the text is drawn in (not its latin face). */
  extra: Map<FontRole, ChainFace[]>;
  /** Characters no embedded face draws, each with the first place it occurs. */
  missing: Array<{ ch: string; place: ReturnType<CharacterPlaces["get"]> }>;
}

const coverages = new WeakMap<CharacterPlaces, WeakMap<FontFiles, Coverage>>();

/** The faces a report's characters need in each role, and the characters none can draw. */
export function coverage(fonts: FontFiles, characters: CharacterPlaces): Coverage {
  let byFonts = coverages.get(characters);
  if (!byFonts) {
    byFonts = new WeakMap();
    coverages.set(characters, byFonts);
  }
  const known = byFonts.get(fonts);
  if (known) return known;
  const extra = new Map<FontRole, ChainFace[]>();
  const missing: Coverage["missing"] = [];
  for (const role of roles) {
    const chain = faceChain(fonts, role);
    const needed = new Set<ChainFace>();
    for (const [ch, place] of characters) {
      if (layoutOnly.test(ch)) continue;
      const face = faceFor(fonts, chain, ch);
      if (face && face !== chain[0]) needed.add(face);
      // Every chain holds every face, so what the body's cannot draw, none can.
      else if (!face && role === "body") missing.push({ ch, place });
    }
    extra.set(
      role,
      chain.filter((face) => needed.has(face)),
    );
  }
  const result = { extra, missing };
  byFonts.set(fonts, result);
  return result;
}

/** `U+0142`: how a message names a character. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The code points a face draws that no face before it in the chain does, as CSS `unicode-range`:
 * so a page can declare it under the role's family and the browser takes it for exactly those.
 */
export function unicodeRangeAfter(fonts: FontFiles, chain: readonly ChainFace[], face: ChainFace): string {
  const before = chain.slice(0, chain.indexOf(face));
  const points = [...new Set(characterMap(fonts, face).characters())]
    .filter((cp) => !before.some((f) => faceCovers(fonts, f, cp)))
    .sort((a, b) => a - b);
  return rangesOf(points);
}

/**
 * Says what no embedded face can draw, one message per place (a word of Arabic is one warning,
 * not five), ending with what the format does about it.
 */
export function warnMissing(file: VFile, missing: Coverage["missing"], consequence: string): void {
  const byPlace = new Map<string, Coverage["missing"]>();
  for (const entry of missing) {
    const key = entry.place ? `${entry.place.start.line}:${entry.place.start.column}` : "";
    const group = byPlace.get(key) ?? [];
    group.push(entry);
    byPlace.set(key, group);
  }
  for (const group of byPlace.values()) {
    const chars = group.map((g) => `“${g.ch}”`).join(", ");
    const points = group.map((g) => codePoint(g.ch)).join(", ");
    file.message(
      `No embedded font has a glyph for ${chars} (${points}): ${consequence} (a theme can add a face that has ${group.length > 1 ? "them" : "it"} to \`fonts.fallbacks\`)`,
      { place: group[0]?.place, ruleId: "missing-glyph", source: "folio" },
    );
  }
}

/**
 * What the PDF draws for a character no face has, where a reader would not see the difference: a
 * Unicode hyphen as the hyphen-minus every face has, a figure dash as an en dash. Tagged with the
 * character itself (ActualText), so copied text and screen readers keep it.
 */
const standIns = new Map([
  ["\u2010", "-"],
  ["\u2011", "-"],
  ["\u2012", "\u2013"],
  ["\u2015", "\u2014"],
]);

/** The character drawn in place of `ch` when no face has it (see {@link standIns}), if there is one. */
export function standInFor(ch: string): string | undefined {
  return standIns.get(ch);
}
