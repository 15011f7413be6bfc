import { writeSfnt } from "../../assets/woff.ts";

/**
 * Faces as docx's layout (`docx/layout` 9.15.2) can read them. Its font reader takes a GSUB or GPOS
 * table's Latin script to have a language system, and reads past the end of the file when it has
 * none: the @fontsource Roboto Mono files (a subset whose GSUB lists `latn`, `cyrl`, `grek` with no
 * language system and no feature) make `estimatePageNumbersWith` throw "The font file is damaged".
 * Such a table substitutes and positions nothing, so the face is measured without it; the file the
 * document embeds is left as it is (Word and LibreOffice read it).
 */
export function measurableFace(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = Array.from({ length: view.getUint16(4) }, (_, i) => {
    const at = 12 + i * 16;
    const offset = view.getUint32(at + 8);
    return {
      name: String.fromCharCode(...bytes.subarray(at, at + 4)),
      tag: view.getUint32(at),
      checksum: view.getUint32(at + 4),
      offset,
      data: bytes.subarray(offset, offset + view.getUint32(at + 12)),
    };
  });
  const keep = records.filter((r) => !((r.name === "GSUB" || r.name === "GPOS") && isInert(view, r.offset)));
  return keep.length === records.length ? bytes : writeSfnt(view.getUint32(0), keep);
}

/** A layout table with no feature, and a script without any language system (what the reader trips on). */
function isInert(view: DataView, table: number): boolean {
  const scriptList = table + view.getUint16(table + 4);
  const featureList = table + view.getUint16(table + 6);
  if (view.getUint16(featureList) !== 0) return false;
  const scripts = view.getUint16(scriptList);
  for (let i = 0; i < scripts; i++) {
    const script = scriptList + view.getUint16(scriptList + 2 + i * 6 + 4);
    if (view.getUint16(script) === 0 && view.getUint16(script + 2) === 0) return true;
  }
  return false;
}
