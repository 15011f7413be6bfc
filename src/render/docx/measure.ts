import { parsedFace } from "../parsed-face.ts";

/**
 * The width of a text in a face, in em, shaped and kerned as the PDF edition measures it (fontkit),
 * for the few lengths the DOCX takes from the PDF's layout (a bullet's indent is pdfmake's width of "9. ").
 */
export function shapedWidth(bytes: Uint8Array, text: string): number {
  const font = parsedFace(bytes);
  return font.layout(text).advanceWidth / font.unitsPerEm;
}

/** A character's advance width in a face, in em (before kerning); undefined when it has no glyph. */
export function advanceOf(bytes: Uint8Array, codePoint: number): number | undefined {
  const font = parsedFace(bytes);
  return font.hasGlyphForCodePoint(codePoint)
    ? font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm
    : undefined;
}
