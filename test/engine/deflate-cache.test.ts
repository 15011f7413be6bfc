// src/engine/pdfkit/deflate-cache.ts against pdfkit 0.19.1's own PDFReference.finalize: the same
// stream through both writes the same bytes, and a stream met again is taken from the cache.
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { shareDeflatedStreams } from "../../src/engine/pdfkit/deflate-cache.ts";

const require = createRequire(import.meta.url);
/** pdfkit as pdfmake loads it (the superclass of pdfmake's PDFDocument). */
const PDFDocument = Object.getPrototypeOf(
  (require("pdfmake/js/PDFDocument.js") as { default: object }).default,
) as new (
  options?: object,
) => { ref(data?: object): object };

interface Reference {
  write(chunk: Uint8Array): void;
  finalize(): void;
  compress: boolean;
}
type ReferenceClass = new (document: object, id: number, data?: object) => Reference;

const Reference = new PDFDocument({ compress: true }).ref().constructor as ReferenceClass;
const pdfkitFinalize = Reference.prototype.finalize;
shareDeflatedStreams(new Reference({ compress: true }, 0));
const folioFinalize = Reference.prototype.finalize;

/** What finalize writes for one object holding `bytes`, as one buffer. */
function written(finalize: () => void, bytes: Uint8Array, compress = true): Buffer {
  const out: Buffer[] = [];
  const document = {
    compress,
    _offset: 0,
    _write: (data: string | Uint8Array) =>
      out.push(typeof data === "string" ? Buffer.from(`${data}\n`, "binary") : Buffer.from(data)),
    _refEnd: () => {},
  };
  const reference = new Reference(document, 7);
  reference.write(bytes);
  finalize.call(reference);
  return Buffer.concat(out);
}

const text = (n: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => `BT /F1 ${i % 97} Tf ET`).join("\n"));

describe("deflate-cache: PDFReference.finalize against pdfkit's", () => {
  it("is installed on pdfkit's reference class", () => {
    expect(folioFinalize).not.toBe(pdfkitFinalize);
  });

  it.each([
    ["a page-sized stream", text(2000)],
    ["a stream under the 1 KiB that is compressed directly", text(20)],
  ])("writes %s as pdfkit does", (_name, bytes) => {
    const theirs = written(pdfkitFinalize, bytes);
    expect(written(folioFinalize, bytes)).toEqual(theirs);
    expect(written(folioFinalize, bytes)).toEqual(theirs); // again, from the cache
    expect(theirs.includes(Buffer.from("/Filter /FlateDecode"))).toBe(true);
  });

  it("caches by content: the same bytes again give the same stream, other bytes their own", () => {
    const a = written(folioFinalize, text(3000));
    const b = written(folioFinalize, text(3001));
    expect(a).not.toEqual(b);
    const stream = (out: Buffer) =>
      out.subarray(out.indexOf("stream\n") + 7, out.lastIndexOf("\n\nendstream"));
    expect(inflateSync(stream(b))).toEqual(text(3001));
  });

  it("leaves an uncompressed document's streams uncompressed, as pdfkit does", () => {
    const bytes = text(2000);
    expect(written(folioFinalize, bytes, false)).toEqual(written(pdfkitFinalize, bytes, false));
  });
});
