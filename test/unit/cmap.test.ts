// src/render/cmap.ts against fontkit, whose reading of a face's character map it replaces where
// it can: the same character set and the same answer for every code point, on every face the
// theme ships (each role, each subset, regular and bold) and a brand's own faces.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { FaceRole } from "../../src/assets/types.ts";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { readCharacterMap } from "../../src/render/cmap.ts";
import { testAssets } from "../support/render.ts";

const require = createRequire(import.meta.url);
const fontkit = require("fontkit") as {
  create(bytes: Buffer): {
    characterSet: number[];
    hasGlyphForCodePoint(cp: number): boolean;
  };
};

const fonts = testAssets().fonts;
const roles: FaceRole[] = ["body", "heading", "mono", ...fonts.fallbacks];
const shipped = roles.flatMap((role) =>
  fonts.subsets(role).flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({
      name: `${role} ${subset} ${weight}`,
      bytes: fonts.face(role, weight, "normal", "sfnt", subset),
    })),
  ),
);
const brandFolder = "brands/meridian/fonts";
const brand = readdirSync(brandFolder)
  .filter((name) => name.endsWith(".woff"))
  .map((name) => ({ name, bytes: woffToSfnt(readFileSync(`${brandFolder}/${name}`)) }));

/** The code points asked about: the whole BMP, every listed one and its neighbours, and a stride over the rest. */
function probes(characterSet: readonly number[]): number[] {
  const points = new Set<number>();
  for (let cp = 0; cp <= 0xffff; cp++) points.add(cp);
  for (const cp of characterSet) for (const near of [cp - 1, cp, cp + 1]) if (near >= 0) points.add(near);
  for (let cp = 0x10000; cp <= 0x10ffff; cp += 257) points.add(cp);
  return [...points];
}

describe("a face's character map, read without fontkit", () => {
  it("covers the theme's faces in several subsets and formats", () => {
    expect(shipped.length).toBeGreaterThanOrEqual(12);
    expect(new Set(shipped.map((face) => face.name.split(" ")[1])).size).toBeGreaterThan(1);
    expect(brand.length).toBeGreaterThanOrEqual(4);
  });

  it.each([...shipped, ...brand].map((face) => [face.name, face] as const))(
    "%s: fontkit's character set and its answer for every code point",
    (_, { bytes }) => {
      const map = readCharacterMap(bytes);
      if (!map) throw new Error("a shipped face's cmap (format 4 or 12) must be read without fontkit");
      const font = fontkit.create(Buffer.from(bytes));
      expect(map.characters()).toEqual(font.characterSet);
      const differ = probes(font.characterSet).filter((cp) => map.has(cp) !== font.hasGlyphForCodePoint(cp));
      expect(differ).toEqual([]);
      // Neither every code point nor none: the comparison can tell two readings apart.
      const drawn = font.characterSet.filter((cp) => cp > 0x20 && font.hasGlyphForCodePoint(cp));
      expect(drawn.length).toBeGreaterThan(0);
      expect(drawn.every((cp) => map.has(cp))).toBe(true);
      expect(map.has(0x10fff0)).toBe(false);
    },
  );

  it("leaves to fontkit what it does not read: no font, no cmap, another format", () => {
    expect(readCharacterMap(new TextEncoder().encode("not a font at all, just text"))).toBeUndefined();
    const face = shipped[0]?.bytes as Uint8Array;
    // The same face with its cmap table renamed: no map to read.
    const renamed = face.slice();
    const tag = new TextEncoder().encode("cmap");
    const count = new DataView(renamed.buffer).getUint16(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      if (tag.every((byte, j) => renamed[at + j] === byte)) renamed.set(new TextEncoder().encode("cmaq"), at);
    }
    expect(readCharacterMap(renamed)).toBeUndefined();
    // Its Unicode subtable's format changed to 6 (trimmed table mapping): fontkit's to read.
    const reformatted = face.slice();
    const view = new DataView(reformatted.buffer);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      if (!tag.every((byte, j) => reformatted[at + j] === byte)) continue;
      const cmap = view.getUint32(at + 8);
      for (let r = 0; r < view.getUint16(cmap + 2); r++) {
        const subtable = cmap + view.getUint32(cmap + 4 + r * 8 + 4);
        view.setUint16(subtable, 6);
      }
    }
    expect(readCharacterMap(reformatted)).toBeUndefined();
  });
});
