import { AssetError } from "../../assets/errors.ts";
import type { FontFiles, FontRole, FontStyle, FontWeight } from "../../assets/types.ts";
import { boldWeights, type Theme } from "../../theme/theme.ts";
import { embeddingRefusal, type SfntFacts, sfntFacts } from "./sfnt.ts";

/**
 * The Unicode subset of each face Word embeds: a font table slot holds one file, and the theme's
 * @fontsource packages split a face by subset; the Latin one covers the reports' text.
 */
const embeddedSubset = "latin";

/** One face of a theme font, as the assets hand it over (or why they could not). */
export interface FaceFile {
  role: FontRole;
  weight: FontWeight;
  style: FontStyle;
  /** Where it comes from, for messages: `@fontsource/public-sans, 600 italic`. */
  source: string;
  /** The TrueType/OpenType file; absent when it could not be had, `missing` then says why. */
  bytes?: Uint8Array;
  missing?: string;
}

/** A face in Word's terms: the font table family it belongs to and its slot there (bold, italic). */
export interface WordFace {
  family: string;
  bold: boolean;
  italic: boolean;
  /** What messages call it ("Public Sans SemiBold Italic"). */
  name: string;
  file: FaceFile;
  facts?: SfntFacts;
  /** Why the face cannot travel with the document (file missing, licence); undefined when it can. */
  refusal?: string;
}

/** Run properties of a font in Word: a family and the bold and italic switches that pick the face. */
export interface WordRun {
  font: string;
  bold: boolean;
  italics: boolean;
}

const faceKey = (role: FontRole, weight: number, style: FontStyle) => `${role}|${weight}|${style}`;
export const slotKey = (family: string, bold: boolean, italic: boolean): string =>
  `${family}|${bold ? "b" : ""}${italic ? "i" : ""}`;

/** The first family of a CSS font list (`Georgia, 'Times New Roman', serif` → `Georgia`). */
export function firstFamily(list: string): string {
  return (
    list
      .split(",")[0]
      ?.trim()
      .replace(/^['"]|['"]$/g, "") || list
  );
}

/** Word's `w:family` for a CSS fallback list's generic family. */
export function wordFamilyClass(list: string): "roman" | "swiss" | "modern" | "auto" {
  if (/\bmonospace\b/.test(list)) return "modern";
  if (/\bsans-serif\b/.test(list)) return "swiss";
  if (/\bserif\b/.test(list)) return "roman";
  return "auto";
}

/**
 * The faces a role is set in (regular, italic, bold, bold italic), from the assets. A face the
 * package does not ship (the assets throw an AssetError) or that cannot be unpacked is kept with
 * why, so the brief is still written, in the fallback family, with a warning.
 */
function faceFiles(theme: Theme, fonts: FontFiles): FaceFile[] {
  const files: FaceFile[] = [];
  for (const role of ["body", "heading", "mono"] as const) {
    for (const weight of [400, boldWeights[role]] as const) {
      for (const style of ["normal", "italic"] as const) {
        const source = `${theme.fonts[role].package}, ${weight} ${style}`;
        try {
          files.push({
            role,
            weight,
            style,
            source,
            bytes: fonts.face(role, weight, style, "sfnt", embeddedSubset),
          });
        } catch (error) {
          if (!(error instanceof Error)) throw error;
          const missing =
            error instanceof AssetError
              ? `its file is missing (the package ships no ${weight} ${style} ${embeddedSubset} face)`
              : `its file could not be read (${error.message})`;
          files.push({ role, weight, style, source, missing });
        }
      }
    }
  }
  return files;
}

/** Per set of faces and theme (the assets keep both for their life): the faces read once. */
const byFonts = new WeakMap<FontFiles, { theme: Theme; faces: WordFaces }>();

/** The theme's faces in Word's terms, for one set of assets. */
export function wordFaces(theme: Theme, fonts: FontFiles): WordFaces {
  const known = byFonts.get(fonts);
  if (known?.theme === theme) return known.faces;
  const faces = new WordFaces(theme, faceFiles(theme, fonts));
  byFonts.set(fonts, { theme, faces });
  return faces;
}

/**
 * The theme's faces as Word names them. Word (through Windows) groups a face by its legacy family
 * name, so Public Sans SemiBold, which the print editions set headings in, is a family of its own
 * there, used upright, not the bold of Public Sans: each role's bold is whatever family and switches
 * its bold file declares. A role whose regular face is missing is written in the first family of its
 * fallback list; a missing bold or italic face keeps the family (Word then draws the style from the
 * regular face).
 */
export class WordFaces {
  private readonly faces = new Map<string, WordFace>();
  /** Font table family → the theme role it stands for, and whether it is the role's fallback. */
  readonly families = new Map<string, { role: FontRole; fallback: boolean }>();

  constructor(
    readonly theme: Theme,
    readonly files: readonly FaceFile[],
  ) {
    const byKey = new Map(files.map((f) => [faceKey(f.role, f.weight, f.style), f]));
    for (const role of ["body", "heading", "mono"] as const) {
      const font = theme.fonts[role];
      const regular = this.read(byKey.get(faceKey(role, 400, "normal")), role, 400, "normal");
      const family = regular.facts && !regular.refusal ? regular.facts.family : firstFamily(font.fallback);
      this.families.set(family, { role, fallback: !regular.facts || regular.refusal !== undefined });
      for (const weight of [400, boldWeights[role]] as const) {
        for (const style of ["normal", "italic"] as const) {
          const face =
            weight === 400 && style === "normal"
              ? regular
              : this.read(byKey.get(faceKey(role, weight, style)), role, weight, style);
          // A face with its own file says where it belongs; one without takes the role's family.
          if (!face.facts || face.refusal) {
            face.family = family;
            face.bold = weight !== 400;
            face.italic = style === "italic";
          } else if (!this.families.has(face.family)) {
            this.families.set(face.family, { role, fallback: false });
          }
          this.faces.set(faceKey(role, weight, style), face);
        }
      }
    }
  }

  /** The face a role is set in with bold and italic as asked. */
  face(role: FontRole, bold: boolean, italic: boolean): WordFace {
    const face = this.faces.get(faceKey(role, bold ? boldWeights[role] : 400, italic ? "italic" : "normal"));
    if (!face) throw new Error(`no ${role} face`); // the constructor makes all four
    return face;
  }

  /** Run properties that select a role's face in Word (for styles and direct formatting). */
  run(role: FontRole, bold = false, italic = false): WordRun {
    const face = this.face(role, bold, italic);
    return { font: face.family, bold: face.bold, italics: face.italic };
  }

  /** A role's natural line height in em (its regular face's ascender − descender), 1.2 without its file. */
  naturalLeading(role: FontRole): number {
    return this.face(role, false, false).facts?.naturalLeading ?? 1.2;
  }

  /** Every face, in role order (body, heading, mono), regular, italic, bold, bold italic. */
  all(): WordFace[] {
    return [...this.faces.values()];
  }

  /** The face Word shows for a family with these switches, when it is one of the theme's. */
  find(family: string, bold: boolean, italic: boolean): WordFace | undefined {
    return this.all().find((f) => slotKey(f.family, f.bold, f.italic) === slotKey(family, bold, italic));
  }

  private read(file: FaceFile | undefined, role: FontRole, weight: FontWeight, style: FontStyle): WordFace {
    const font = this.theme.fonts[role];
    const described = `${font.family} ${weight} ${style}`;
    const base = {
      family: font.family,
      bold: weight !== 400,
      italic: style === "italic",
      file: file ?? { role, weight, style, source: font.package },
    };
    if (!file?.bytes) return { ...base, name: described, refusal: file?.missing ?? "its file is missing" };
    let facts: SfntFacts;
    try {
      facts = sfntFacts(file.bytes);
    } catch (error) {
      return {
        ...base,
        name: described,
        refusal: `its file is not a usable font (${(error as Error).message})`,
      };
    }
    const refusal = embeddingRefusal(facts.fsType);
    return {
      family: facts.family,
      bold: facts.bold,
      italic: facts.italic,
      name: facts.fullName || described,
      file,
      facts,
      ...(refusal ? { refusal } : {}),
    };
  }
}
