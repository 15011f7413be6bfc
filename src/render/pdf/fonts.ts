import { createRequire } from "node:module";
import { createPdfPrinter, type PdfFontFamily, type PdfPrinter } from "../../engine/pdfmake/printer.ts";
import { type FontRole, type FontStyle, type FontWeight, fontBytes } from "../../theme/fonts.ts";
import type { Theme } from "../../theme/theme.ts";
import { woffToSfnt } from "./woff.ts";

const require = createRequire(import.meta.url);
/** fontkit is pdfkit's own font parser (a dependency of pdfmake); it reads the WOFF files we embed. */
const fontkit = require("fontkit") as {
  create(bytes: Uint8Array): {
    hasGlyphForCodePoint(cp: number): boolean;
    ascent: number;
    descent: number;
    unitsPerEm: number;
  };
};

/** One face of a family: a theme role in one @fontsource unicode subset. */
interface Face {
  /** pdfmake family name, e.g. `body` or `body~latin-ext`. */
  family: string;
  role: FontRole;
  subset: string;
}

/** Unicode subsets each @fontsource package ships, in the order they are tried. */
const subsets: Record<FontRole, readonly string[]> = {
  body: ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "vietnamese"],
  heading: ["latin", "latin-ext", "vietnamese"],
  mono: ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "vietnamese"],
};

/** Weight pdfmake's `bold` maps to per role: headings are set semi-bold, strong text bold. */
const boldWeight: Record<FontRole, FontWeight> = { body: 700, heading: 600, mono: 700 };

/**
 * Faces tried for a character, per role: the role's own subsets first, then the other roles'
 * (a Greek letter in body text is better drawn in Roboto Mono than not at all).
 */
function fallbackChain(role: FontRole): Face[] {
  const order: FontRole[] = [role, ...(["body", "heading", "mono"] as const).filter((r) => r !== role)];
  return order.flatMap((r) =>
    subsets[r].map((subset) => ({ family: familyName(r, subset), role: r, subset })),
  );
}

function familyName(role: FontRole, subset: string): string {
  return subset === "latin" ? role : `${role}~${subset}`;
}

function fileName(role: FontRole, subset: string, weight: FontWeight, style: FontStyle): string {
  return `fonts/${role}-${subset}-${weight}-${style}.sfnt`;
}

const unpacked = new Map<string, Uint8Array>();

/** A theme face (the @fontsource WOFF), unpacked once per process for pdfkit. */
function faceBytes(
  theme: Theme,
  role: FontRole,
  weight: FontWeight,
  style: FontStyle,
  subset: string,
): Uint8Array {
  const key = `${theme.fonts[role].package}|${subset}|${weight}|${style}`;
  let bytes = unpacked.get(key);
  if (!bytes) {
    bytes = woffToSfnt(fontBytes(theme, role, weight, style, "woff", subset));
    unpacked.set(key, bytes);
  }
  return bytes;
}

/**
 * The pdfmake font dictionary for a theme (every role in every subset) and the virtual files it
 * names. pdfmake loads a face only when text uses it, so unused subsets cost nothing.
 */
export function pdfFontSetup(theme: Theme): {
  fonts: Record<string, PdfFontFamily>;
  files: Map<string, Uint8Array>;
} {
  const fonts: Record<string, PdfFontFamily> = {};
  const files = new Map<string, Uint8Array>();
  for (const role of ["body", "heading", "mono"] as const) {
    for (const subset of subsets[role]) {
      const face = (weight: FontWeight, style: FontStyle) => {
        const name = fileName(role, subset, weight, style);
        if (!files.has(name)) files.set(name, faceBytes(theme, role, weight, style, subset));
        return name;
      };
      const bold = boldWeight[role];
      fonts[familyName(role, subset)] = {
        normal: face(400, "normal"),
        bold: face(bold, "normal"),
        italics: face(400, "italic"),
        bolditalics: face(bold, "italic"),
      };
    }
  }
  return { fonts, files };
}

type Coverage = (codePoint: number) => boolean;
const coverageCache = new Map<string, Coverage>();

function coverage(theme: Theme, face: Face): Coverage {
  const key = `${theme.fonts[face.role].package}|${face.subset}`;
  let has = coverageCache.get(key);
  if (!has) {
    const font = fontkit.create(faceBytes(theme, face.role, 400, "normal", face.subset));
    const known = new Map<number, boolean>();
    has = (cp) => {
      let value = known.get(cp);
      if (value === undefined) {
        value = font.hasGlyphForCodePoint(cp);
        known.set(cp, value);
      }
      return value;
    };
    coverageCache.set(key, has);
  }
  return has;
}

/** A piece of text and the family that can draw it (`undefined`: the role's own latin face). */
export interface FontRun {
  text: string;
  font?: string;
  /** Characters no embedded face can draw (the caller warns about them). */
  missing?: string[];
}

/** Characters that need no glyph of their own (spaces and controls are laid out, not drawn). */
const layoutOnly = /[\s\u200b-\u200d\u2060\ufeff]/u;

/**
 * Splits text into runs that each one embedded face can draw, so no character silently falls
 * out of the PDF: the latin face of the role first, then its other subsets, then other roles.
 */
export function fontRuns(theme: Theme, role: FontRole, text: string): FontRun[] {
  const chain = fallbackChain(role);
  const runs: FontRun[] = [];
  let current: FontRun | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    let family: string | undefined;
    let missing = false;
    if (!layoutOnly.test(ch) && !coverage(theme, chain[0] as Face)(cp)) {
      const face = chain.find((f) => coverage(theme, f)(cp));
      if (face) family = face.family === role ? undefined : face.family;
      else missing = true;
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
}

/**
 * Natural line height (ascent − descent, in em) of a role's face, as pdfkit measures it: pdfmake's
 * `lineHeight` multiplies this, whereas the theme speaks CSS (multiples of the font size).
 */
export function naturalLeading(theme: Theme, role: FontRole): number {
  const font = fontkit.create(faceBytes(theme, role, 400, "normal", "latin"));
  return (font.ascent - font.descent) / font.unitsPerEm;
}

/** A pdfmake printer whose only fonts are the theme's embedded faces (families `body`, `heading`, `mono`). */
export function themePrinter(theme: Theme): PdfPrinter {
  return createPdfPrinter(pdfFontSetup(theme));
}
