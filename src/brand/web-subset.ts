// A brand's own font files, subset for a web page: the browser gets only the glyphs the page
// uses, as WOFF2, with the cmap and OS/2 tables it needs (harfbuzz's hb-subset, through subset-font;
// fontkit's subsetter, which the PDF uses, writes neither).

import { runtimeRequire } from "../assets/runtime-require.ts";
import type { FaceRole, FontFiles, FontStyle, FontWeight } from "../assets/types.ts";
import type { BrandFace } from "./font-file.ts";
import { nearestFace } from "./nearest-face.ts";
import type { Brand } from "./types.ts";

type SubsetFont = (font: Uint8Array, text: string, options: { targetFormat: "woff2" }) => Promise<Uint8Array>;
/**
 * Loaded at the first subset, from node_modules: never bundled nor in the startup snapshot (it
 * finds its harfbuzz wasm file with require.resolve, and instantiates it asynchronously).
 */
let subsetFont: SubsetFont | undefined;

/** Subsets made, by face and by the characters asked for (watch rebuilds the same page often). */
const made = new WeakMap<BrandFace, Map<string, Uint8Array>>();

/** One face subset to `text`'s characters, as WOFF2. */
async function subsetFace(face: BrandFace, text: string): Promise<Uint8Array> {
  let byText = made.get(face);
  if (!byText) {
    byText = new Map();
    made.set(face, byText);
  }
  let bytes = byText.get(text);
  if (!bytes) {
    subsetFont ??= runtimeRequire<SubsetFont>("subset-font");
    // subset-font reads its input as a Buffer (its format sniffing calls Buffer's toString).
    const input = Buffer.from(face.bytes.buffer, face.bytes.byteOffset, face.bytes.byteLength);
    bytes = new Uint8Array(await subsetFont(input, text, { targetFormat: "woff2" }));
    byText.set(text, bytes);
  }
  return bytes;
}

const weights: FontWeight[] = [400, 600, 700];
const styles: FontStyle[] = ["normal", "italic"];

/**
 * `fonts` with each face a web page takes from a brand's files (the WOFF2 pick of `face`) subset
 * to `characters`; every other face, and every other format, as `fonts` gives it.
 */
export async function webSubsetFonts(
  fonts: FontFiles,
  faces: Brand["faces"],
  characters: string,
): Promise<FontFiles> {
  const text = [...new Set(characters)].sort().join("");
  const subsets = new Map<BrandFace, Uint8Array>();
  for (const list of Object.values(faces))
    for (const weight of weights)
      for (const style of styles) {
        const face = nearestFace(list, weight, style, "woff2");
        if (!subsets.has(face)) subsets.set(face, await subsetFace(face, text));
      }
  const { forWeb: _, ...rest } = fonts;
  return {
    ...rest,
    face(role: FaceRole, weight: FontWeight, style: FontStyle, format, subset) {
      const list = faces[role as keyof Brand["faces"]];
      const picked =
        list && format === "woff2" ? subsets.get(nearestFace(list, weight, style, format)) : undefined;
      return picked ?? fonts.face(role, weight, style, format, subset);
    },
  };
}
