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
  const count = view.getUint16(4);
  const records = Array.from({ length: count }, (_, i) => {
    const at = 12 + i * 16;
    return {
      at,
      tag: String.fromCharCode(...bytes.subarray(at, at + 4)),
      offset: view.getUint32(at + 8),
      length: view.getUint32(at + 12),
    };
  });
  const drop = records.filter((r) => (r.tag === "GSUB" || r.tag === "GPOS") && isInert(view, r.offset));
  if (drop.length === 0) return bytes;
  const keep = records.filter((r) => !drop.includes(r));
  const header = 12 + keep.length * 16;
  const total = keep.reduce((sum, r) => sum + ((r.length + 3) & ~3), header);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(bytes.subarray(0, 4));
  const power = 2 ** Math.floor(Math.log2(keep.length));
  outView.setUint16(4, keep.length);
  outView.setUint16(6, power * 16);
  outView.setUint16(8, Math.log2(power));
  outView.setUint16(10, keep.length * 16 - power * 16);
  let offset = header;
  keep.forEach((r, i) => {
    out.set(bytes.subarray(r.at, r.at + 8), 12 + i * 16); // tag and checksum
    outView.setUint32(12 + i * 16 + 8, offset);
    outView.setUint32(12 + i * 16 + 12, r.length);
    out.set(bytes.subarray(r.offset, r.offset + r.length), offset);
    offset += (r.length + 3) & ~3;
  });
  return out;
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
