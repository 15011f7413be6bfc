import JSZip from "jszip";

/** Zip entries Word and other readers look for first; the rest follow in name order. */
const leading = ["[Content_Types].xml", "_rels/.rels"];

const isText = (name: string): boolean => /\.(xml|rels)$/.test(name);

/** DOS zip dates cannot go below 1980. */
const zipEpoch = Date.UTC(1980, 0, 1, 12);

export interface FinishOptions {
  /** Seconds since the epoch for the document's dates and every zip entry. */
  sourceDateEpoch?: number;
  /** Table style XML to add to styles.xml (docx has no table style builder). */
  extraStyles: string;
}

/**
 * Makes the package docx wrote reproducible and complete: adds the extra styles, renames the random
 * relationship ids docx gives hyperlinks (in the order the .rels file lists them), writes created and
 * modified from SOURCE_DATE_EPOCH, and rezips with fixed entry dates in a fixed order.
 */
export async function finishPackage(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
  const parts = new Map<string, string>();
  for (const name of names.filter(isText))
    parts.set(name, await (zip.file(name) as JSZip.JSZipObject).async("string"));

  const styles = parts.get("word/styles.xml");
  if (styles)
    parts.set("word/styles.xml", styles.replace("</w:styles>", `${options.extraStyles}</w:styles>`));

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

  const epochMs = options.sourceDateEpoch === undefined ? undefined : options.sourceDateEpoch * 1000;
  if (epochMs !== undefined) {
    const stamp = new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    const core = parts.get("docProps/core.xml");
    if (core) {
      parts.set(
        "docProps/core.xml",
        core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`),
      );
    }
  }

  const date = new Date(Math.max(epochMs ?? Date.now(), zipEpoch));
  const ordered = [
    ...leading.filter((name) => names.includes(name)),
    ...names.filter((name) => !leading.includes(name)).sort(),
  ];
  const out = new JSZip();
  for (const name of ordered) {
    const content = parts.get(name) ?? (await (zip.file(name) as JSZip.JSZipObject).async("uint8array"));
    out.file(name, content, { date, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
