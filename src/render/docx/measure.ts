import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** fontkit, the font engine the PDF edition measures with (a dependency of pdfkit). */
const fontkit = require("fontkit") as {
  create(bytes: Buffer): {
    unitsPerEm: number;
    layout(text: string): { advanceWidth: number };
    hasGlyphForCodePoint(cp: number): boolean;
    glyphForCodePoint(cp: number): { advanceWidth: number };
  };
};

const fonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();

function fontOf(bytes: Uint8Array) {
  let font = fonts.get(bytes);
  if (!font) {
    font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    fonts.set(bytes, font);
  }
  return font;
}

/**
 * The width of a text in a face, in em, shaped and kerned as the PDF edition measures it (fontkit),
 * for the few lengths the DOCX takes from the PDF's layout (a bullet's indent is pdfmake's width of "9. ").
 */
export function shapedWidth(bytes: Uint8Array, text: string): number {
  const font = fontOf(bytes);
  return font.layout(text).advanceWidth / font.unitsPerEm;
}

/** A character's advance width in a face, in em (before kerning); undefined when it has no glyph. */
export function advanceOf(bytes: Uint8Array, codePoint: number): number | undefined {
  const font = fontOf(bytes);
  return font.hasGlyphForCodePoint(codePoint)
    ? font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm
    : undefined;
}
