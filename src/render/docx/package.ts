import type { PackageParts } from "../../engine/docx/compile.ts";
import type { FontPackage } from "./embedded-fonts.ts";
import { zipEntries } from "./zip.ts";

/** Zip entries Word and other readers look for first; the rest follow in name order. */
const leading = ["[Content_Types].xml", "_rels/.rels"];

const isText = (name: string): boolean => /\.(xml|rels)$/.test(name);

/**
 * A part as text, to be edited before it is zipped (as UTF-8, by `TextEncoder`, which writes a lone
 * surrogate as U+FFFD, as docx's own zip did).
 */
function asText(data: string | Uint8Array): string {
  return typeof data === "string" ? data : new TextDecoder().decode(data);
}

/** A binary part's bytes as zipping them would read them. */
function asBytes(data: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof data === "string") return new TextEncoder().encode(data);
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** DOS zip dates cannot go below 1980. */
const zipEpoch = Date.UTC(1980, 0, 1, 12);

export interface FinishOptions {
  /** The document's created and modified dates, and every zip entry's (the render options' date). */
  date: Date;
  /** Table style XML to add to styles.xml (docx has no table style builder). */
  extraStyles: string;
  /** The font table and the faces it embeds (embedded-fonts.ts), written over docx's empty table. */
  fonts: FontPackage;
  /** The document's language (BCP 47), for the core properties and the theme fonts. */
  lang: string;
}

/**
 * Makes the package docx wrote reproducible and complete: adds the extra styles, renames the random
 * relationship ids docx gives hyperlinks (in the order the .rels file lists them), writes created and
 * modified from SOURCE_DATE_EPOCH, and zips with fixed entry dates in a fixed order. It takes the
 * parts before docx zips them (zipping, unzipping and zipping again cost a fifth of a DOCX).
 */
export async function finishPackage(files: PackageParts, options: FinishOptions): Promise<Uint8Array> {
  const names = [...files.keys()];
  const parts = new Map<string, string>();
  for (const name of names.filter(isText)) parts.set(name, asText(files.get(name) as string | Uint8Array));
  const styles = parts.get("word/styles.xml");
  if (styles)
    parts.set("word/styles.xml", styles.replace("</w:styles>", `${options.extraStyles}</w:styles>`));
  const binary = new Map<string, Uint8Array>();
  addFonts(parts, binary, names, options.fonts);
  setLanguage(parts, options.lang);

  for (const [relsName, rels] of parts) {
    const match = /^(.*)_rels\/([^/]+)\.rels$/.exec(relsName);
    if (!match) continue;
    const partName = `${match[1]}${match[2]}`;
    const renames = new Map<string, string>();
    for (const [, id] of rels.matchAll(/Id="([^"]+)"/g)) {
      if (id && !/^rId\d+$/.test(id)) renames.set(id, `rIdL${renames.size + 1}`);
    }
    if (renames.size === 0) continue;
    const rename = (xml: string) =>
      xml.replace(/(Id|r:id)="([^"]+)"/g, (all, attr, id) =>
        renames.has(id) ? `${attr}="${renames.get(id)}"` : all,
      );
    parts.set(relsName, rename(rels));
    const part = parts.get(partName);
    if (part) parts.set(partName, rename(part));
  }

  // docx stamps the core properties with its own clock: the render options' date replaces it.
  const stamp = options.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const core = parts.get("docProps/core.xml");
  if (core) {
    parts.set(
      "docProps/core.xml",
      core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`),
    );
  }

  const date = new Date(Math.max(options.date.getTime(), zipEpoch));
  const ordered = [
    ...leading.filter((name) => names.includes(name)),
    ...names.filter((name) => !leading.includes(name)).sort(),
  ];
  const encoder = new TextEncoder();
  const entries = ordered.map((name) => {
    const text = parts.get(name);
    const data =
      text !== undefined
        ? encoder.encode(text)
        : (binary.get(name) ?? asBytes(files.get(name) as Uint8Array));
    return { name, data };
  });
  return zipEntries(entries, date);
}

/**
 * Writes the font table with the embedded faces over docx's empty one, adds the faces' parts, and
 * tells Word the document carries its fonts (`w:embedTrueTypeFonts`, in its place in CT_Settings).
 */
function addFonts(
  parts: Map<string, string>,
  binary: Map<string, Uint8Array>,
  names: string[],
  fonts: FontPackage,
): void {
  parts.set("word/fontTable.xml", fonts.fontTable);
  parts.set("word/_rels/fontTable.xml.rels", fonts.fontTableRels);
  for (const name of ["word/fontTable.xml", "word/_rels/fontTable.xml.rels"])
    if (!names.includes(name)) names.push(name);
  if (fonts.embedded.length === 0) return;
  for (const face of fonts.embedded) {
    binary.set(face.part, face.bytes);
    names.push(face.part);
  }
  const settings = parts.get("word/settings.xml");
  if (settings && !settings.includes("<w:embedTrueTypeFonts")) {
    const after = settings.includes("<w:displayBackgroundShape/>")
      ? "<w:displayBackgroundShape/>"
      : /<w:settings\b[^>]*>/.exec(settings)?.[0];
    if (after) parts.set("word/settings.xml", settings.replace(after, `${after}<w:embedTrueTypeFonts/>`));
  }
  const types = parts.get("[Content_Types].xml");
  if (types && !/Extension="odttf"/.test(types))
    parts.set(
      "[Content_Types].xml",
      types.replace(
        "<Default ",
        '<Default ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont" Extension="odttf"/><Default ',
      ),
    );
}

/** The language in the core properties (`dc:language`) and for the theme fonts (`w:themeFontLang`). */
function setLanguage(parts: Map<string, string>, lang: string): void {
  const value = lang.replace(/[<>&"]/g, "");
  const core = parts.get("docProps/core.xml");
  if (core && !core.includes("<dc:language>"))
    parts.set(
      "docProps/core.xml",
      core.replace("</cp:coreProperties>", `<dc:language>${value}</dc:language></cp:coreProperties>`),
    );
  const settings = parts.get("word/settings.xml");
  if (settings && !settings.includes("<w:themeFontLang"))
    parts.set(
      "word/settings.xml",
      settings.replace("</w:compat>", `</w:compat><w:themeFontLang w:val="${value}"/>`),
    );
}
