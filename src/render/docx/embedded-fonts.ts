import { createHash } from "node:crypto";
import { firstFamily, type WordFace, type WordFaces, wordFamilyClass } from "./faces.ts";
import type { UsedFace } from "./used-faces.ts";
import { escapeXml } from "./xml.ts";

/** A face that travels with the document, and where. */
export interface EmbeddedFace {
  face: WordFace;
  /** Package part, `word/fonts/font1.odttf`. */
  part: string;
  /** The obfuscation key, `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`. */
  key: string;
  /** Bytes of the part: the font, its first 32 bytes obfuscated with the key. */
  bytes: Uint8Array;
}

/** What the packager writes for the document's fonts. */
export interface FontPackage {
  /** `word/fontTable.xml`: every family the text uses, with the embedded faces of each. */
  fontTable: string;
  /** `word/_rels/fontTable.xml.rels`: one relationship per embedded face. */
  fontTableRels: string;
  embedded: EmbeddedFace[];
  /** A used face of the theme that could not be embedded, with why (the caller warns). */
  refused: WordFace[];
}

const fontRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font";
const slots = [
  { element: "w:embedRegular", bold: false, italic: false },
  { element: "w:embedBold", bold: true, italic: false },
  { element: "w:embedItalic", bold: false, italic: true },
  { element: "w:embedBoldItalic", bold: true, italic: true },
] as const;

/**
 * Embeds the faces the document uses as Word does (ECMA-376 Part 1 §17.8.1): each a TrueType
 * file at `word/fonts/fontN.odttf` whose first 32 bytes are XORed with its font key, named in the
 * font table by `w:embedRegular`/`w:embedBold`/… with its relationship and key. The key is derived
 * from the face's bytes, so the same faces give the same package. A face Word would make from
 * another (bold drawn from the regular) embeds the face it is made from.
 */
export function embedFonts(faces: WordFaces, used: readonly UsedFace[]): FontPackage {
  const chosen = new Set<WordFace>();
  const refused = new Set<WordFace>();
  const families = new Set<string>();
  for (const want of used) {
    families.add(want.family);
    const exact = faces.find(want.family, want.bold, want.italic);
    if (exact?.refusal) refused.add(exact);
    const base = [
      exact,
      faces.find(want.family, false, want.italic),
      faces.find(want.family, want.bold, false),
      faces.find(want.family, false, false),
    ].find((face) => face && !face.refusal);
    if (base) chosen.add(base);
  }

  const embedded: EmbeddedFace[] = [];
  // Role order, then slot order: the part names do not depend on the order the text uses them.
  for (const face of faces.all()) {
    if (!chosen.has(face) || !face.file.bytes) continue;
    embedded.push({ face, part: `word/fonts/font${embedded.length + 1}.odttf`, ...odttf(face.file.bytes) });
  }

  const ordered = [
    ...[...faces.families.keys()].filter((f) => families.has(f)),
    ...[...families].filter((f) => !faces.families.has(f)).sort(),
  ];
  const entries = ordered.map((family) => fontEntry(family, faces, embedded));
  const fontTable =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    `${entries.join("")}</w:fonts>`;
  const rels = embedded.map(
    (e, i) =>
      `<Relationship Id="rId${i + 1}" Type="${fontRelType}" Target="${e.part.replace(/^word\//, "")}"/>`,
  );
  const fontTableRels =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
  return { fontTable, fontTableRels, embedded, refused: [...refused] };
}

/** A `w:font` entry: what Word needs to substitute the family well, and its embedded faces. */
function fontEntry(family: string, faces: WordFaces, embedded: readonly EmbeddedFace[]): string {
  const known = faces.families.get(family);
  const font = known ? faces.theme.fonts[known.role] : undefined;
  const facts = faces.all().find((f) => f.family === family && f.facts && !f.refusal)?.facts;
  const children: string[] = [];
  if (font && !known?.fallback && firstFamily(font.fallback) !== family)
    children.push(`<w:altName w:val="${escapeXml(firstFamily(font.fallback))}"/>`);
  if (facts) children.push(`<w:panose1 w:val="${facts.panose}"/>`);
  children.push(`<w:charset w:val="00"/>`);
  children.push(`<w:family w:val="${font ? wordFamilyClass(font.fallback) : "auto"}"/>`);
  children.push(
    `<w:pitch w:val="${facts?.fixedPitch || (font && /monospace/.test(font.fallback)) ? "fixed" : "variable"}"/>`,
  );
  if (facts) {
    const [u0, u1, u2, u3] = facts.unicodeRanges;
    const [c0, c1] = facts.codePageRanges;
    children.push(
      `<w:sig w:usb0="${u0}" w:usb1="${u1}" w:usb2="${u2}" w:usb3="${u3}" w:csb0="${c0}" w:csb1="${c1}"/>`,
    );
  }
  for (const slot of slots) {
    const index = embedded.findIndex(
      (e) => e.face.family === family && e.face.bold === slot.bold && e.face.italic === slot.italic,
    );
    const entry = embedded[index];
    if (entry) children.push(`<${slot.element} r:id="rId${index + 1}" w:fontKey="${entry.key}"/>`);
  }
  return `<w:font w:name="${escapeXml(family)}">${children.join("")}</w:font>`;
}

/**
 * A face's key and obfuscated file, once per face file: hashing and XORing cost little, but the
 * same bytes object each time lets the zip writer deflate each face once per process (zip.ts), where
 * a face's deflate is most of a short DOCX's packaging.
 */
function odttf(bytes: Uint8Array): { key: string; bytes: Uint8Array } {
  let made = obfuscated.get(bytes);
  if (!made) {
    const key = fontKey(bytes);
    made = { key, bytes: obfuscate(bytes, key) };
    obfuscated.set(bytes, made);
  }
  return made;
}
const obfuscated = new WeakMap<Uint8Array, { key: string; bytes: Uint8Array }>();

/** A GUID made from the face's SHA-256: the same face always gets the same key. */
export function fontKey(bytes: Uint8Array): string {
  const hex = createHash("sha256").update(bytes).digest("hex").slice(0, 32).toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}

/**
 * ECMA-376's font obfuscation: the key's 32 hex digits read as 16 bytes and reversed, XORed over
 * the font's first 32 bytes (the same operation undoes it).
 */
export function obfuscate(bytes: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/[{}-]/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a font key: ${key}`);
  const keyBytes = Array.from({ length: 16 }, (_, i) =>
    Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16),
  ).reverse();
  const out = new Uint8Array(bytes);
  for (let i = 0; i < Math.min(32, out.length); i++)
    out[i] = (out[i] as number) ^ (keyBytes[i % 16] as number);
  return out;
}
