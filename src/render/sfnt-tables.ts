// The table directory of a TrueType/OpenType file (OpenType spec, "Organization of an OpenType
// font"): where each table starts and how long it is. Read directly by the few readers that need
// one or two tables (the DOCX's font facts, the character maps), rather than a fontkit parse.

/** Where one table of the font lies, in bytes from the file's start. */
export interface TableRecord {
  offset: number;
  length: number;
}

/** The font's tables by tag; throws on a file that is not a TrueType/OpenType font. */
export function tableDirectory(view: DataView): Map<string, TableRecord> {
  const flavor = view.getUint32(0);
  // 0x00010000 TrueType, 'OTTO' CFF, 'true' (old Apple TrueType)
  if (flavor !== 0x00010000 && flavor !== 0x4f54544f && flavor !== 0x74727565)
    throw new Error("not a TrueType/OpenType font");
  const tables = new Map<string, TableRecord>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > view.byteLength) throw new Error(`font table ${tag} runs past the end of the file`);
    tables.set(tag, { offset, length });
  }
  return tables;
}
