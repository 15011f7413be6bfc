import { inflateSync } from "node:zlib";

/**
 * Unpacks a WOFF 1.0 font into the TrueType/OpenType file it wraps (same tables, same glyphs).
 * pdfkit's fontkit reads WOFF itself, but inflates it in pure JavaScript on every document; node's
 * zlib does it once per process, ten times faster, and the embedded subset is identical.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error("not a WOFF 1.0 font");
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables: SfntTable[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const packed = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? new Uint8Array(inflateSync(packed)) : packed;
    if (data.length !== origLength) throw new Error("WOFF table has the wrong length after inflating");
    tables.push({ tag: view.getUint32(entry), checksum: view.getUint32(entry + 16), data });
  }
  return writeSfnt(flavor, tables);
}

/** One table of a TrueType/OpenType file: its tag and checksum as 32-bit numbers, and its bytes. */
export interface SfntTable {
  tag: number;
  checksum: number;
  data: Uint8Array;
}

/** A TrueType/OpenType file of these tables, in this order, each padded to four bytes. */
export function writeSfnt(flavor: number, tables: readonly SfntTable[]): Uint8Array {
  const numTables = tables.length;
  const headerSize = 12 + numTables * 16;
  const total = tables.reduce((sum, t) => sum + align4(t.data.length), headerSize);
  const out = new Uint8Array(total);
  const sfnt = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(numTables));
  sfnt.setUint32(0, flavor);
  sfnt.setUint16(4, numTables);
  sfnt.setUint16(6, power * 16);
  sfnt.setUint16(8, Math.log2(power));
  sfnt.setUint16(10, numTables * 16 - power * 16);
  let offset = headerSize;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    sfnt.setUint32(record, table.tag);
    sfnt.setUint32(record + 4, table.checksum);
    sfnt.setUint32(record + 8, offset);
    sfnt.setUint32(record + 12, table.data.length);
    out.set(table.data, offset);
    offset += align4(table.data.length);
  });
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
