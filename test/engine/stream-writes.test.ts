// src/engine/pdfkit/stream-writes.ts against pdfkit's own write(): a page's operators kept as text
// and written as one Buffer, with the same PDF bytes and lengths as pdfkit's own (a fresh copy of
// its module), compressed and not, with bytes written between them.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { installDeflateKeep } from "../../src/engine/pdfkit/deflate-keep.ts";
import { pdfkitBytes } from "../../src/engine/pdfkit/output.ts";
import { installStreamWrites } from "../../src/engine/pdfkit/stream-writes.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
type PdfKitDocument = NodeJS.ReadableStream & {
  end(): void;
  page: { write(chunk: unknown): void; content: { buffer: unknown[] } };
  text(text: string, x?: number, y?: number): PdfKitDocument;
  font(src: string): PdfKitDocument;
};
type PdfKitClass = new (options: object) => PdfKitDocument;
const PDFDocument = require("pdfkit") as PdfKitClass;
/** pdfkit's own write(), in a fresh copy of its module: another file may have patched the shared one. */
const PristinePDFDocument = pristineModule<PdfKitClass>("pdfkit");

const face = fileURLToPath(
  new URL(
    "../../node_modules/@fontsource/merriweather/files/merriweather-latin-400-normal.woff",
    import.meta.url,
  ),
);

describe("stream-writes: a page's operators written as one Buffer", () => {
  it("writes a page's operators as one chunk, with pdfkit's own bytes and lengths", async () => {
    // As the PDF engine installs them: the deflate keep, then the batched writes around it.
    installDeflateKeep();
    installStreamWrites();
    const words = "Seven hundred operators, then bytes, then text again.";
    for (const compress of [true, false]) {
      const make = (Document: PdfKitClass) => {
        const doc = new Document({ compress, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
        doc.font(face).text(words, 72, 72);
        for (let i = 0; i < 700; i++) doc.page.write(`${i} ${i % 7} m`);
        doc.page.write(Buffer.from("% bytes between operators"));
        doc.text(`${words} After the bytes: ÀÉÎ.`, 72, 200);
        return pdfkitBytes(doc);
      };
      const ours = Buffer.from(await make(PDFDocument));
      const theirs = Buffer.from(await make(PristinePDFDocument));
      expect(ours.equals(theirs), `compress: ${compress}`).toBe(true);
    }
    // pdfkit's own write makes a Buffer per operator: some 700 chunks here, not 2.
    const doc = new PDFDocument({ compress: false });
    for (let i = 0; i < 700; i++) doc.page.write(`${i} 0 m`);
    doc.page.write(Buffer.from("% bytes"));
    expect(doc.page.content.buffer).toHaveLength(2);
    doc.end();
  });
});
