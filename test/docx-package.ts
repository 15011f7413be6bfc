import JSZip from "jszip";

/** An unzipped DOCX: its parts by name. */
export interface DocxPackage {
  zip: JSZip;
  names: string[];
  part(name: string): Promise<string>;
}

/** Opens DOCX bytes with jszip. */
export async function openDocx(bytes: Uint8Array): Promise<DocxPackage> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    zip,
    names: Object.keys(zip.files),
    part: async (name) => {
      const file = zip.file(name);
      if (!file) throw new Error(`no part ${name} in the package`);
      return file.async("string");
    },
  };
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the XML character references of a text node. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    if (ref[0] === "#")
      return String.fromCodePoint(
        ref[1]?.toLowerCase() === "x" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1)),
      );
    return entities[ref] ?? "";
  });
}

/**
 * The text a reader sees in a WordprocessingML part, in document order: text runs, tabs and line
 * breaks as spaces, one line per paragraph. Field instructions (`w:instrText`) are not text.
 */
export function partText(xml: string): string {
  let out = "";
  for (const match of xml.matchAll(
    /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\s*\/>|<w:(tab|br)\b[^>]*\/>|<\/w:p>/g,
  )) {
    if (match[1] !== undefined) out += unescapeXml(match[1]);
    else if (match[2]) out += " ";
    else if (match[0] === "</w:p>") out += "\n";
  }
  return out;
}

/** Body text followed by footnote text, as a reader meets them. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const pkg = await openDocx(bytes);
  const body = partText(await pkg.part("word/document.xml"));
  const notes = pkg.zip.file("word/footnotes.xml") ? partText(await pkg.part("word/footnotes.xml")) : "";
  return `${body}\n${notes}`;
}
