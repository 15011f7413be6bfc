// src/engine/pdfkit/deflate-keep.ts against zlib's deflate and pdfkit's own finalize(): the same
// deflated bytes for every stream, and the same PDF bytes as pdfkit's own (a fresh copy of its
// module) once the keep is installed (each stream deflated and kept), and again (each stream from
// the keep).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { installDeflateKeep, keptDeflate, keptDeflateCount } from "../../src/engine/pdfkit/deflate-keep.ts";
import { pdfkitBytes } from "../../src/engine/pdfkit/output.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
type PdfKitDocument = NodeJS.ReadableStream & {
  end(): void;
  text(text: string, x?: number, y?: number): PdfKitDocument;
  addPage(): PdfKitDocument;
  font(src: string): PdfKitDocument;
};
type PdfKitClass = new (options: object) => PdfKitDocument;
const PDFDocument = require("pdfkit") as PdfKitClass;
/** pdfkit's own finalize(), in a fresh copy of its module: another file in this worker may have
 * installed the keep in the shared one already. */
const PristinePDFDocument = pristineModule<PdfKitClass>("pdfkit");

const face = fileURLToPath(
  new URL(
    "../../node_modules/@fontsource/merriweather/files/merriweather-latin-400-normal.woff",
    import.meta.url,
  ),
);

/** A two-page PDF with an embedded face's subset, its dates fixed so that two are the same bytes. */
function document(words: string, Document: PdfKitClass = PDFDocument): Promise<Uint8Array> {
  const doc = new Document({ info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  doc.font(face).text(words, 72, 72);
  doc.addPage().text(`${words} on the second page`, 72, 72);
  return pdfkitBytes(doc);
}

describe("deflate-keep: pdfkit's streams deflated once per content", () => {
  it("deflates as zlib does, and keeps the result by content", () => {
    const inputs = [
      Buffer.alloc(0),
      Buffer.from("BT /F1 12 Tf (Mali) Tj ET\n".repeat(500)),
      Buffer.from([0, 1, 2, 255]),
    ];
    for (const input of inputs) {
      const first = keptDeflate(input);
      expect(first.equals(deflateSync(input))).toBe(true);
      // A copy of the same bytes finds the kept deflate; other bytes do not.
      expect(keptDeflate(Buffer.from(input))).toBe(first);
    }
    expect(keptDeflate(Buffer.from("other")).equals(deflateSync(Buffer.from("other")))).toBe(true);
  });

  it("writes the same PDF as pdfkit's own finalize, with the streams deflated and from the keep", async () => {
    const words = "Terrorist groups active in Niger included ISIS-GS and JNIM.";
    const before = await document(words, PristinePDFDocument);
    installDeflateKeep();
    const count = keptDeflateCount();
    const deflated = await document(words);
    // The pages' contents and the face's subset went through the keep.
    expect(keptDeflateCount()).toBeGreaterThanOrEqual(count + 3);
    const kept = await document(words);
    expect(Buffer.from(deflated).equals(Buffer.from(before))).toBe(true);
    expect(Buffer.from(kept).equals(Buffer.from(before))).toBe(true);
    // Another text is not served another's streams.
    const other = await document(`${words} More.`);
    expect(Buffer.from(other).equals(Buffer.from(before))).toBe(false);
  });
});
