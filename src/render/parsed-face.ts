import { createRequire } from "node:module";

// One parse of each face for every measurement the formats make (the table layout, the DOCX's
// bullet indents and contents leaders, the fact sheet's band, the PDF's leading, every format's
// character coverage), with fontkit, pdfkit's font engine, so that both
// measure words as the PDF edition lays them out.

const require = createRequire(import.meta.url);
/** Required on the first parse, not with this module (see src/brand/font-file.ts). */
let fontkit: { create(bytes: Buffer): ParsedFace } | undefined;

/** The parts of fontkit's font object Folio measures with. */
export interface ParsedFace {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  characterSet: number[];
  layout(text: string): { advanceWidth: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}

/**
 * fontkit's parse of each face, by the face's bytes (one object per content, src/assets/fonts.ts):
 * a parse decodes its layout tables lazily and keeps them, so a face parsed once per table or cell
 * decoded its kerning lookups again for every text measured (a third of a cold build's CPU on a
 * brief with tables). Keyed weakly by its input, so it lives no longer than the bytes it reads.
 */
const parsedFaces = new WeakMap<Uint8Array, ParsedFace>();

/** The face of these bytes, parsed once. */
export function parsedFace(bytes: Uint8Array): ParsedFace {
  let font = parsedFaces.get(bytes);
  if (!font) {
    fontkit ??= require("fontkit") as { create(bytes: Buffer): ParsedFace };
    font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parsedFaces.set(bytes, font);
  }
  return font;
}
