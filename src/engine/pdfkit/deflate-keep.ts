import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";
import { KeptByKey } from "../../assets/kept.ts";

// Two changes to how pdfkit writes a stream (batchTextWrites below: a page's operators made one
// Buffer, not one each) and finalises it (the deflate kept). pdfkit deflates every stream of a
// PDF (each page's content, each embedded font's subset, its character map) when it finalises the
// stream's object. A watch rebuild after a one-word edit
// writes the pages before the edit and the fonts' subsets as they were, and deflated them all
// again: some 5 ms of a warm rebuild of Mali. The deflate of a stream's bytes is kept, by a
// SHA-256 of them, for the life of the process: zlib's output for the same input and options is
// the same bytes, so the PDF is too.

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.deflateKeep");

/** pdfkit's PDFReference as its write() and finalize() use it. */
interface PdfReference {
  compress: boolean;
  buffer: Uint8Array[] | Buffer;
  uncompressedLength: number;
  data: { Length?: number; Filter?: string };
  write(chunk: unknown): void;
  finalize(): void;
  [pendingText]?: string[];
}
const pendingText = Symbol("folio.pendingText");

/**
 * pdfkit writes each operator of a page's content (a move, a colour, a run of text) as a Buffer of
 * its own, `Buffer.from(op + "\n", "binary")`, and concatenates the thousands of them when the
 * stream is finalised. Text written is kept as strings until bytes are written or the stream is
 * finalised, then made one Buffer: latin1 is a byte per code unit, so the lengths pdfkit counts and
 * the bytes are the same.
 */
function batchTextWrites(proto: PdfReference): void {
  const write = proto.write;
  proto.write = function (this: PdfReference, chunk: unknown) {
    if (chunk instanceof Uint8Array) {
      flushText(this);
      return write.call(this, chunk);
    }
    const text = `${chunk}\n`;
    let pending = this[pendingText];
    if (pending === undefined) {
      pending = [];
      this[pendingText] = pending;
    }
    pending.push(text);
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = "FlateDecode";
  };
}

function flushText(reference: PdfReference): void {
  const pending = reference[pendingText];
  if (!pending || pending.length === 0) return;
  (reference.buffer as Uint8Array[]).push(Buffer.from(pending.join(""), "binary"));
  reference[pendingText] = [];
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
 * when the stream was written). pdfkit's reference class is not exported: it is reached through
 * the first object a document makes. Idempotent.
 */
export function installDeflateKeep(): void {
  const PDFDocument = require("pdfkit") as { prototype: { ref(data?: object): PdfReference } };
  const documentProto = PDFDocument.prototype as { ref(data?: object): PdfReference; [installed]?: true };
  if (documentProto[installed]) return;
  documentProto[installed] = true;
  const ref = documentProto.ref;
  documentProto.ref = function (this: unknown, data?: object) {
    const reference = ref.call(this, data);
    // Once: the class is the same for every document.
    documentProto.ref = ref;
    keepDeflates(Object.getPrototypeOf(reference) as PdfReference);
    return reference;
  };
}

function keepDeflates(proto: PdfReference): void {
  batchTextWrites(proto);
  const finalize = proto.finalize;
  proto.finalize = function (this: PdfReference) {
    flushText(this);
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
