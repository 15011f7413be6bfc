import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { KeptByKey } from "../../assets/kept.ts";
import { onReferenceClass } from "./reference-class.ts";

// pdfkit deflates every stream of a PDF (each page's content, each embedded font's subset, its
// character map) when it finalises the stream's object. A watch rebuild after a one-word edit
// writes the pages before the edit and the fonts' subsets as they were, and deflated them all
// again: some 5 ms of a warm rebuild of Mali. The deflate of a stream's bytes is kept, by a
// SHA-256 of them, for the life of the process: zlib's output for the same input and options is
// the same bytes, so the PDF is too.

/** pdfkit's PDFReference as its finalize() uses it. */
interface PdfReference {
  compress: boolean;
  buffer: Uint8Array[] | Buffer;
  finalize(): void;
}

/**
 * Deflated streams by their bytes' digest, up to 32 MB of them (a long watch session keeps
 * editing). The training report's streams are of no use to the reports a snapshot's processes
 * render.
 */
const deflates = new KeptByKey<Buffer>(32 * 2 ** 20, {
  weigh: (deflated) => deflated.byteLength,
  notInSnapshot: true,
});

/** How many deflated streams are kept now (for tests: that pdfkit's streams go through the keep). */
export function keptDeflateCount(): number {
  return deflates.size;
}

/** zlib's deflate of `bytes`, with its default options as pdfkit calls it; kept by content. */
export function keptDeflate(bytes: Buffer): Buffer {
  return deflates.get(createHash("sha256").update(bytes).digest("base64"), () => deflateSync(bytes));
}

/**
 * Gives pdfkit's stream objects the kept deflate: their finalize() is pdfkit's own, handed the
 * deflated bytes as an uncompressed stream that already says FlateDecode (pdfkit set the filter
 * when the stream was written). Idempotent.
 */
export function installDeflateKeep(): void {
  onReferenceClass("deflate-keep", keepDeflates as (proto: object) => void);
}

function keepDeflates(proto: PdfReference): void {
  const finalize = proto.finalize;
  proto.finalize = function (this: PdfReference) {
    const chunks = this.buffer as Uint8Array[];
    if (!this.compress || chunks.length === 0) return finalize.call(this);
    this.buffer = [keptDeflate(Buffer.concat(chunks))];
    this.compress = false;
    try {
      return finalize.call(this);
    } finally {
      this.compress = true;
    }
  };
}
