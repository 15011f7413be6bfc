import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { zipEntries } from "../../src/render/docx/zip.ts";

const text = (s: string) => new TextEncoder().encode(s);
const entries = [
  { name: "[Content_Types].xml", data: text(`<?xml version="1.0"?><Types>${"<a/>".repeat(500)}</Types>`) },
  { name: "word/document.xml", data: text("<w:document>é — “quoted”</w:document>") },
  { name: "word/fonts/font1.odttf", data: Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251) },
  { name: "empty.xml", data: new Uint8Array(0) },
];
// 2024-03-10 02:30:10 UTC: a time that does not exist in New York's local time (its clocks jump at 2:00).
const date = new Date(Date.UTC(2024, 2, 10, 2, 30, 10));

describe("the DOCX's zip writer", () => {
  it("writes every entry, in order, that a zip reader reads back byte for byte with its CRC checked", async () => {
    const zip = await JSZip.loadAsync(zipEntries(entries, date), { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name));
    for (const entry of entries) {
      const read = await zip.file(entry.name)?.async("uint8array");
      expect(read && Buffer.from(read).equals(Buffer.from(entry.data)), entry.name).toBe(true);
    }
  });

  it("deflates (the compressible parts shrink) and dates every entry in UTC, whatever the time zone", () => {
    const bytes = zipEntries(entries, date);
    const total = entries.reduce((sum, e) => sum + e.data.length, 0);
    expect(bytes.length).toBeLessThan(total / 2);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    let at = 0;
    for (const entry of entries) {
      expect(view.getUint32(at, true)).toBe(0x04034b50);
      expect(view.getUint16(at + 8, true)).toBe(8);
      const time = view.getUint16(at + 10, true);
      const day = view.getUint16(at + 12, true);
      expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([2, 30, 10]);
      expect([(day >> 9) + 1980, (day >> 5) & 15, day & 31]).toEqual([2024, 3, 10]);
      at += 30 + entry.name.length + view.getUint32(at + 18, true);
    }
    expect(view.getUint32(at, true)).toBe(0x02014b50);
  });

  it("gives the same bytes for the same entries, with the deflated parts kept between calls", () => {
    const first = zipEntries(entries, date);
    const again = zipEntries(
      entries.map((e) => ({ ...e, data: e.name.endsWith(".odttf") ? e.data : e.data.slice() })),
      date,
    );
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it("keeps parts by content, never giving one part's deflated bytes for another of its length", async () => {
    const part = (s: string) => [{ name: "word/styles.xml", data: text(s) }];
    zipEntries(part(`<w:styles>${"a".repeat(400)}</w:styles>`), date);
    const other = `<w:styles>${"b".repeat(400)}</w:styles>`;
    const zip = await JSZip.loadAsync(zipEntries(part(other), date), { checkCRC32: true });
    expect(await zip.file("word/styles.xml")?.async("string")).toBe(other);
  });
});
