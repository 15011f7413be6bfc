import { onReferenceClass } from "./reference-class.ts";

// pdfkit writes each operator of a page's content (a move, a colour, a run of text) as a Buffer of
// its own, `Buffer.from(op + "\n", "binary")`, and concatenates the thousands of them when the
// stream is finalised: some 25 of the 120 ms of a 27-page report's warm PDF render. Text written
// is kept as strings until bytes are written or the stream is finalised, then made one Buffer:
// latin1 is a byte per code unit, so the lengths pdfkit counts and the bytes are the same.

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
  // Outermost (installed after the deflate keep): the text is in the stream before it is read.
  const finalize = proto.finalize;
  proto.finalize = function (this: PdfReference) {
    flushText(this);
    return finalize.call(this);
  };
}

function flushText(reference: PdfReference): void {
  const pending = reference[pendingText];
  if (!pending || pending.length === 0) return;
  (reference.buffer as Uint8Array[]).push(Buffer.from(pending.join(""), "binary"));
  pending.length = 0;
}

/** Has pdfkit's streams keep written text as strings until they need bytes. Idempotent. */
export function installStreamWrites(): void {
  onReferenceClass("stream-writes", batchTextWrites as (proto: object) => void);
}
