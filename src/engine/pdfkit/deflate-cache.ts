import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

// pdfkit deflates every stream of a document when it ends (page contents, font programs, images).
// A watch rebuild after a one-word edit writes mostly the same pages and the same font programs,
// and DEFLATE is a pure function of its input: this keeps the compressed form of recent streams by
// content (SHA-1 of the bytes, length included) and reuses it instead of compressing them again.

/** pdfkit 0.19's PDFReference, the part this touches: its chunks and whether it deflates them. */
interface PdfKitReference {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}

const installed = new WeakSet<object>();
/** Compressed streams by content; a document's worth or two of pages and fonts. */
const deflated = new Map<string, Buffer>();
const maxStreams = 512;

/** Streams smaller than this are compressed directly (hashing would cost as much). */
const minBytes = 1024;

function deflateCached(bytes: Buffer): Buffer {
  if (bytes.length < minBytes) return deflateSync(bytes);
  const key = `${bytes.length}:${createHash("sha1").update(bytes).digest("base64")}`;
  let out = deflated.get(key);
  if (!out) {
    out = deflateSync(bytes);
    if (deflated.size >= maxStreams) deflated.delete(deflated.keys().next().value as string);
    deflated.set(key, out);
  }
  return out;
}

/**
 * Makes pdfkit's references (the class of `reference`, any one of them) reuse the compressed form
 * of a stream already compressed in this process. Installed once; the bytes written are the same.
 */
export function shareDeflatedStreams(reference: object): void {
  const proto = Object.getPrototypeOf(reference) as PdfKitReference;
  if (installed.has(proto)) return;
  installed.add(proto);
  const finalize = proto.finalize;
  proto.finalize = function (this: PdfKitReference) {
    // finalize() is the end of the stream: deflate it here (or take the earlier result) and let
    // pdfkit write the one compressed chunk as it is (its Filter was set on the first write).
    if (this.compress && this.buffer.length) {
      this.buffer = [deflateCached(Buffer.concat(this.buffer))];
      this.compress = false;
    }
    finalize.call(this);
  };
}
