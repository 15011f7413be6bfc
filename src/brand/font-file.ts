import { createRequire } from "node:module";
import type { FontStyle } from "../assets/types.ts";
import { woffToSfnt } from "../assets/woff.ts";

const require = createRequire(import.meta.url);

interface FontkitFont {
  familyName: string;
  fullName: string;
  type: string;
  "OS/2"?: {
    usWeightClass: number;
    fsType: {
      noEmbedding: boolean;
      viewOnly: boolean;
      editable: boolean;
      noSubsetting: boolean;
      bitmapOnly: boolean;
    };
    fsSelection: { italic: boolean };
  };
  italicAngle: number;
}
/**
 * fontkit (pdfkit's own font parser) reads every format a brand may ship: TTF, OTF, WOFF, WOFF2.
 * Required on a brand's first face, not with this module: the HTML path imports this module, and
 * fontkit with its Brotli dictionary cost an HTML-only worker about 75 ms of CPU to load.
 */
let fontkit: { create(bytes: Uint8Array): FontkitFont } | undefined;

/** The formats a brand's face may come in, by what its bytes start with. */
export type FontFileFormat = "ttf" | "otf" | "woff" | "woff2";

/** What a brand's font file is: its face as its own tables name it, and what its licence allows. */
export interface BrandFace {
  /** The file as brand.yaml names it (relative to the brand's folder). */
  path: string;
  format: FontFileFormat;
  /** `Source Serif 4 Bold Italic`: what messages call it. */
  name: string;
  weight: number;
  style: FontStyle;
  bytes: Uint8Array;
  /**
   * Why OS/2 fsType forbids embedding the face in a document at all (restricted licence, bitmaps
   * only, or no subsetting: the PDF embeds only subsets, and one face is used in every format or in
   * none), or undefined when it may be embedded (preview & print, editable or installable).
   */
  refusal?: string;
}

/** The format of font bytes by their signature, or undefined when they are no font. */
export function fontFileFormat(bytes: Uint8Array): FontFileFormat | undefined {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  if (tag === "wOFF") return "woff";
  if (tag === "wOF2") return "woff2";
  if (tag === "OTTO") return "otf";
  if (tag === "true" || (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0)) return "ttf";
  return undefined;
}

/**
 * Reads one font file of a brand: its weight (OS/2 usWeightClass), style (fsSelection's italic bit
 * or a slanted post table) and licence bits. Throws an Error saying why when the file is no font
 * fontkit can parse.
 */
export function readBrandFace(path: string, bytes: Uint8Array): BrandFace {
  const format = fontFileFormat(bytes);
  if (!format) throw new Error("not a TrueType, OpenType, WOFF or WOFF2 font");
  let font: FontkitFont;
  try {
    fontkit ??= require("fontkit") as { create(bytes: Uint8Array): FontkitFont };
    font = fontkit.create(bytes);
  } catch (error) {
    throw new Error(`the font does not parse (${(error as Error).message})`);
  }
  const os2 = font["OS/2"];
  if (!os2) throw new Error("the font has no OS/2 table (weight, style and licence)");
  const italic = os2.fsSelection.italic || font.italicAngle !== 0;
  const face: BrandFace = {
    path,
    format,
    name: font.fullName || font.familyName,
    weight: os2.usWeightClass,
    style: italic ? "italic" : "normal",
    bytes,
  };
  const bits = os2.fsType;
  if (bits.bitmapOnly) face.refusal = "its licence (OS/2 fsType) allows embedding bitmaps only";
  else if (bits.noEmbedding && !bits.viewOnly && !bits.editable)
    face.refusal = "its licence (OS/2 fsType) forbids embedding it in a document";
  else if (bits.noSubsetting)
    face.refusal =
      "its licence (OS/2 fsType) forbids subsetting it, and the PDF embeds only the glyphs it uses";
  return face;
}

/**
 * The face as TrueType/OpenType for pdfkit and Word: a TTF or OTF as it is, a WOFF unpacked. A WOFF2
 * stays as it is: pdfkit's fontkit reads it (and subsets it for the PDF), Word cannot embed it (the
 * DOCX then names the family without embedding it, with a warning).
 */
export function sfntOf(face: BrandFace): Uint8Array {
  return face.format === "woff" ? woffToSfnt(face.bytes) : face.bytes;
}
