import type { FaceRole, FontFiles, FontRole, FontStyle, FontWeight } from "../../assets/types.ts";
import { createPdfPrinter, type PdfFontFamily, type PdfPrinter } from "../../engine/pdfmake/printer.ts";
import { boldWeights } from "../../theme/theme.ts";
import { type ChainFace, faceChain, faceCovers, faceFor, layoutOnly } from "../glyphs.ts";
import { parsedFace } from "../parsed-face.ts";

const roles = ["body", "heading", "mono"] as const;

function familyName(role: FaceRole, subset: string): string {
  return subset === "latin" ? role : `${role}~${subset}`;
}

function fileName(role: FaceRole, subset: string, weight: FontWeight, style: FontStyle): string {
  return `fonts/${role}-${subset}-${weight}-${style}.sfnt`;
}

/** A piece of text and the family that can draw it (`undefined`: the role's own latin face). */
export interface FontRun {
  text: string;
  font?: string;
  /** Characters no embedded face can draw (the caller warns about them). */
  missing?: string[];
}

/** The theme's faces as the PDF edition uses them: pdfmake's font table, fallbacks, metrics. */
export interface PdfFonts {
  /**
   * Splits text into runs that each one embedded face can draw, so no character silently falls
   * out of the PDF: the latin face of the role first, then its other subsets, then other roles.
   */
  runs(role: FontRole, text: string): FontRun[];
  /** Natural line height (ascent − descent, in em) of a role's face, as pdfkit measures it. */
  naturalLeading(role: FontRole): number;
  /** A pdfmake printer whose only fonts are these. */
  printer(): PdfPrinter;
  /** The sfnt bytes of a role's latin face (what table layout measures words with). */
  faceBytes(role: FontRole, bold: boolean, italic: boolean): Uint8Array;
}

/** Per set of faces (the assets keep one for their life): parsing them for coverage once. */
const byFiles = new WeakMap<FontFiles, PdfFonts>();

/**
 * The PDF edition's fonts for the assets' theme. pdfmake loads a face only when text uses it, so
 * unused subsets cost nothing; a face's coverage is parsed once, when first needed.
 */
export function pdfFonts(files: FontFiles): PdfFonts {
  const known = byFiles.get(files);
  if (known) return known;
  // pdfmake families (every role in every subset) naming virtual files, read when text uses them.
  const fonts: Record<string, PdfFontFamily> = {};
  const faces = new Map<string, () => Uint8Array>();
  for (const role of [...roles, ...files.fallbacks] as FaceRole[]) {
    for (const subset of files.subsets(role)) {
      const face = (wanted: FontWeight, wantedStyle: FontStyle) => {
        const { weight, style } = files.shipped(role, wanted, wantedStyle, subset);
        const name = fileName(role, subset, weight, style);
        faces.set(name, () => files.face(role, weight, style, "sfnt", subset));
        return name;
      };
      const bold: FontWeight = boldWeights[role as FontRole] ?? 700;
      fonts[familyName(role, subset)] = {
        normal: face(400, "normal"),
        bold: face(bold, "normal"),
        italics: face(400, "italic"),
        bolditalics: face(bold, "italic"),
      };
    }
  }
  const virtual = { has: (name: string) => faces.has(name), get: (name: string) => faces.get(name)?.() };
  let printer: PdfPrinter | undefined;
  const leadings = new Map<FontRole, number>();
  const result: PdfFonts = {
    runs(role, text) {
      const faces = faceChain(files, role);
      const runs: FontRun[] = [];
      let current: FontRun | undefined;
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0;
        let family: string | undefined;
        let missing = false;
        if (!layoutOnly.test(ch) && !faceCovers(files, faces[0] as ChainFace, cp)) {
          const face = faceFor(files, faces, ch);
          if (face) {
            const name = familyName(face.role, face.subset);
            family = name === role ? undefined : name;
          } else missing = true;
        } else if (current?.font && layoutOnly.test(ch)) {
          family = current.font; // keep a space inside a fallback run instead of splitting around it
        }
        if (!current || current.font !== family) {
          current = family ? { text: "", font: family } : { text: "" };
          runs.push(current);
        }
        current.text += ch;
        if (missing) {
          current.missing ??= [];
          current.missing.push(ch);
        }
      }
      return runs;
    },
    naturalLeading(role) {
      let value = leadings.get(role);
      if (value === undefined) {
        const font = parsedFace(files.face(role, 400, "normal", "sfnt", "latin"));
        value = (font.ascent - font.descent) / font.unitsPerEm;
        leadings.set(role, value);
      }
      return value;
    },
    // By name: the text inside an SVG image is set in the theme's faces, never read from disk.
    printer: () => (printer ??= createPdfPrinter({ fonts, files: virtual }, { fontsByName: true })),
    faceBytes: (role, bold, italic) =>
      files.face(role, bold ? boldWeights[role] : 400, italic ? "italic" : "normal", "sfnt", "latin"),
  };
  byFiles.set(files, result);
  return result;
}
