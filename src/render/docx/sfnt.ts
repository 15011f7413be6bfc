import { tableDirectory } from "../sfnt-tables.ts";

/**
 * The few facts Word's font table needs from a TrueType/OpenType file (OpenType spec: table directory,
 * `name`, `OS/2`, `post`), read directly: fontkit would decode every table of a face to answer them.
 */
export interface SfntFacts {
  /** Legacy family (name ID 1): the name Windows, and so Word, groups the face under ("Public Sans SemiBold"). */
  family: string;
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
  /** hhea ascender − descender + line gap, in em (the shipped faces' line gap is 0). */
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
