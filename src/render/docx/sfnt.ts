/**
 * The few facts Word's font table needs from a TrueType/OpenType file (OpenType spec: table directory,
 * `name`, `OS/2`, `post`), read directly: fontkit would decode every table of a face to answer them.
 */
export interface SfntFacts {
  /** Legacy family (name ID 1): the name Windows, and so Word, groups the face under ("Public Sans SemiBold"). */
  family: string;
  /** Subfamily (name ID 2): "Regular", "Bold Italic" … */
  subfamily: string;
  /** Full name (name ID 4), for messages. */
  fullName: string;
  /** fsSelection bit 5 and bit 0: the face is its family's bold, its italic. */
  bold: boolean;
  italic: boolean;
  /** OS/2 fsType: embedding licence bits. */
  fsType: number;
  /** OS/2 panose, 10 bytes, as Word's 20 hex digits. */
  panose: string;
  /** OS/2 ulUnicodeRange1–4 and ulCodePageRange1–2, as Word's `w:sig` writes them (8 hex digits each). */
  unicodeRanges: [string, string, string, string];
  codePageRanges: [string, string];
  /** post.isFixedPitch. */
  fixedPitch: boolean;
  /** hhea ascender − descender + line gap, in em: the line height PDF layout gives the face at 1. */
  naturalLeading: number;
}

/** Reads a face's facts; throws on a file that is not a TrueType/OpenType font. */
export function sfntFacts(bytes: Uint8Array): SfntFacts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(view);
  const os2 = tables.get("OS/2");
  const name = tables.get("name");
  if (!os2 || !name) throw new Error("not a TrueType/OpenType font with OS/2 and name tables");
  const names = nameRecords(view, name.offset);
  const u32 = (at: number) =>
    at + 4 <= os2.offset + os2.length
      ? view.getUint32(at).toString(16).toUpperCase().padStart(8, "0")
      : "00000000";
  const version = view.getUint16(os2.offset);
  const fsSelection = view.getUint16(os2.offset + 62);
  const post = tables.get("post");
  const head = tables.get("head");
  const hhea = tables.get("hhea");
  const unitsPerEm = head ? view.getUint16(head.offset + 18) : 1000;
  const naturalLeading = hhea
    ? (view.getInt16(hhea.offset + 4) - view.getInt16(hhea.offset + 6) + view.getInt16(hhea.offset + 8)) /
      unitsPerEm
    : 1.2;
  let panose = "";
  for (let i = 0; i < 10; i++)
    panose += view
      .getUint8(os2.offset + 32 + i)
      .toString(16)
      .toUpperCase()
      .padStart(2, "0");
  return {
    family: names.get(1) ?? "",
    subfamily: names.get(2) ?? "",
    fullName: names.get(4) ?? names.get(1) ?? "",
    bold: (fsSelection & 0x20) !== 0,
    italic: (fsSelection & 0x01) !== 0,
    fsType: view.getUint16(os2.offset + 8),
    panose,
    unicodeRanges: [u32(os2.offset + 42), u32(os2.offset + 46), u32(os2.offset + 50), u32(os2.offset + 54)],
    codePageRanges: version >= 1 ? [u32(os2.offset + 78), u32(os2.offset + 82)] : ["00000000", "00000000"],
    fixedPitch: post ? view.getUint32(post.offset + 12) !== 0 : false,
    naturalLeading,
  };
}

/**
 * Why the font's licence bits forbid embedding it in an editable document, or undefined when they
 * allow it. OpenType's fsType: 0 installable, 8 editable (both fine), 4 preview & print (Word would
 * open the brief read-only), 2 restricted; bit 9 allows bitmaps only. With several usage bits set the
 * least restrictive counts.
 */
export function embeddingRefusal(fsType: number): string | undefined {
  if (fsType & 0x200) return "its licence (OS/2 fsType) allows embedding bitmaps only";
  const usage = fsType & 0xf;
  if (usage === 0 || usage & 0x8) return undefined;
  if (usage & 0x4)
    return "its licence (OS/2 fsType) allows embedding for preview and print only, not editing";
  return "its licence (OS/2 fsType) forbids embedding";
}

interface TableRecord {
  offset: number;
  length: number;
}

function tableDirectory(view: DataView): Map<string, TableRecord> {
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

/** Name records by ID: Windows Unicode English (US) first, else Macintosh Roman English. */
function nameRecords(view: DataView, table: number): Map<number, string> {
  const count = view.getUint16(table + 2);
  const strings = table + view.getUint16(table + 4);
  const windows = new Map<number, string>();
  const mac = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const at = table + 6 + i * 12;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const language = view.getUint16(at + 4);
    const id = view.getUint16(at + 6);
    const length = view.getUint16(at + 8);
    const start = strings + view.getUint16(at + 10);
    if (platform === 3 && (encoding === 1 || encoding === 10) && language === 0x409) {
      let text = "";
      for (let j = 0; j + 1 < length; j += 2) text += String.fromCharCode(view.getUint16(start + j));
      windows.set(id, text);
    } else if (platform === 1 && encoding === 0 && language === 0) {
      let text = "";
      for (let j = 0; j < length; j++) text += String.fromCharCode(view.getUint8(start + j));
      mac.set(id, text);
    }
  }
  for (const [id, text] of mac) if (!windows.has(id)) windows.set(id, text);
  return windows;
}

/**
 * Advance widths of a face's characters, in em, from its `cmap` (Windows Unicode, format 4 or 12)
 * and `hmtx`: a text's width before kerning. Undefined for a character the face has no glyph for.
 */
export function advanceWidths(bytes: Uint8Array): (codePoint: number) => number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(view);
  const cmap = tables.get("cmap");
  const hmtx = tables.get("hmtx");
  const hhea = tables.get("hhea");
  const head = tables.get("head");
  if (!cmap || !hmtx || !hhea || !head) return () => undefined;
  const unitsPerEm = view.getUint16(head.offset + 18);
  const metrics = view.getUint16(hhea.offset + 34);
  const glyphOf = cmapLookup(view, cmap.offset);
  return (codePoint) => {
    const glyph = glyphOf(codePoint);
    if (!glyph) return undefined;
    const index = Math.min(glyph, metrics - 1);
    return view.getUint16(hmtx.offset + index * 4) / unitsPerEm;
  };
}

function cmapLookup(view: DataView, table: number): (codePoint: number) => number {
  const count = view.getUint16(table + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const at = table + 4 + i * 8;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const sub = table + view.getUint32(at + 4);
    const format = view.getUint16(sub);
    if (format === 12 && (platform === 3 || platform === 0)) format12 ??= sub;
    if (format === 4 && ((platform === 3 && encoding === 1) || platform === 0)) format4 ??= sub;
  }
  if (format12 !== undefined) {
    const sub = format12;
    const groups = view.getUint32(sub + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const at = sub + 16 + g * 12;
        const start = view.getUint32(at);
        if (cp >= start && cp <= view.getUint32(at + 4)) return view.getUint32(at + 8) + cp - start;
      }
      return 0;
    };
  }
  if (format4 === undefined) return () => 0;
  const sub = format4;
  const segments = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (cp > view.getUint16(ends + s * 2)) continue;
      const start = view.getUint16(starts + s * 2);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + s * 2);
      const rangeOffset = view.getUint16(ranges + s * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(ranges + s * 2 + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
