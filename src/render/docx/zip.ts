import { crc32 } from "node:zlib";
import { deflateSync } from "fflate";
import { BoundedKeep } from "./bounded-keep.ts";

/** One file of a zip: its name (ASCII, as every OOXML part name is) and its bytes. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/**
 * A zip of `entries`, in their order, each deflated at level 6, every entry dated `date` (UTC).
 *
 * Why not a zip library's writer: jszip deflates with pako, which was 45% of a small DOCX's render;
 * fflate deflates in about half the time, but its zip writer stamps entries in the machine's local
 * time zone, so the same build would give other bytes in another zone. Node's own deflate is faster
 * still, but its output depends on the zlib build Node bundles and the CPU's hashing instructions.
 * So fflate deflates (pure JavaScript: the same bytes everywhere) and this writes the container
 * (APPNOTE 6.3.10, §4.3: local headers, the central directory, its end record; no ZIP64, since a
 * DOCX is far below 4 GB).
 */
export function zipEntries(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const encoder = new TextEncoder();
  const files = entries.map((entry) => ({
    name: encoder.encode(entry.name),
    size: entry.data.length,
    ...compressed(entry.data),
  }));
  const localSize = files.reduce((sum, f) => sum + 30 + f.name.length + f.deflated.length, 0);
  const centralSize = files.reduce((sum, f) => sum + 46 + f.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  /** The fields local and central headers share, from "version needed" to the extra field's length. */
  const common = (f: (typeof files)[number]) => {
    view.setUint16(at, 20, true); // version needed to extract: 2.0 (deflate)
    view.setUint16(at + 2, 0, true); // flags
    view.setUint16(at + 4, 8, true); // method: deflate
    view.setUint16(at + 6, time, true);
    view.setUint16(at + 8, day, true);
    view.setUint32(at + 10, f.crc, true);
    view.setUint32(at + 14, f.deflated.length, true);
    view.setUint32(at + 18, f.size, true);
    view.setUint16(at + 22, f.name.length, true);
    view.setUint16(at + 24, 0, true); // extra field length
    at += 26;
  };
  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    at += 4;
    common(f);
    out.set(f.name, at);
    at += f.name.length;
    out.set(f.deflated, at);
    at += f.deflated.length;
  }
  const centralStart = at;
  files.forEach((f, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    at += 6;
    common(f);
    // Comment length, disk number, internal and external attributes: all zero.
    view.setUint32(at + 10, offsets[i] as number, true);
    at += 14;
    out.set(f.name, at);
    at += f.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, files.length, true);
  view.setUint16(at + 10, files.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}

/**
 * The CRC and deflated bytes of `data`. Kept for as long as that bytes object lives: an embedded
 * face is the same object in every DOCX a process renders (embedded-fonts.ts), and deflating the
 * faces, some 450 KB, is most of a short DOCX's packaging. And kept by content for the parts every
 * brief of a theme repeats byte for byte (styles, theme, settings, numbering, empty relationships:
 * some 60 KB of text, a third of a one-page DOCX's render), encoded afresh for each DOCX. Deflate
 * is deterministic, so a kept result is the bytes a new one would be; the objects given here are
 * never written to afterwards.
 */
function compressed(data: Uint8Array): { crc: number; deflated: Uint8Array } {
  const done = deflatedOnce.get(data);
  if (done) return done;
  const crc = crc32(data);
  const key = `${crc}:${data.length}`;
  const same = byContent.get(key);
  if (same && Buffer.from(same.data.buffer, same.data.byteOffset, same.data.length).equals(data)) return same;
  const made = { crc, deflated: deflateSync(data, { level: 6 }), data };
  deflatedOnce.set(data, made);
  if (data.length <= largestKeptByContent) byContent.set(key, made, data.length + made.deflated.length);
  return made;
}
const deflatedOnce = new WeakMap<Uint8Array, { crc: number; deflated: Uint8Array }>();

/** Parts kept by content (up to 8 MB of parts and their deflated bytes), each at most 256 KB. */
const byContent = new BoundedKeep<{ crc: number; deflated: Uint8Array; data: Uint8Array }>(8 * 1024 * 1024);
const largestKeptByContent = 256 * 1024;
