import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { startupSnapshot } from "node:v8";
import { deflateSync } from "node:zlib";

// pdfkit deflates every stream of a PDF (each page's content, each embedded font's subset, its
// character map) when it finalises the stream's object. A watch rebuild after a one-word edit
// writes the pages before the edit and the fonts' subsets as they were, and deflated them all
// again: some 5 ms of a warm rebuild of Mali. The deflate of a stream's bytes is kept, by a
// SHA-256 of them, for the life of the process: zlib's output for the same input and options is
// the same bytes, so the PDF is too.

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.deflateKeep");

/** pdfkit's PDFReference as its finalize() uses it. */
interface PdfReference {
  compress: boolean;
  buffer: Uint8Array[] | Buffer;
  finalize(): void;
}

/** Deflated streams by their bytes' digest; the total kept is bounded. */
let kept = new Map<string, Buffer>();
let keptBytes = 0;
/** Deflated bytes kept before the keep starts afresh (a long watch session keeps editing). */
const maxKeptBytes = 32 * 2 ** 20;

// The training report's streams are of no use to the reports a snapshot's processes render.
if (startupSnapshot.isBuildingSnapshot())
  startupSnapshot.addSerializeCallback(() => {
    kept = new Map();
    keptBytes = 0;
  });

/** How many deflated streams are kept now (for tests: that pdfkit's streams go through the keep). */
export function keptDeflateCount(): number {
  return kept.size;
}

/** zlib's deflate of `bytes`, with its default options as pdfkit calls it; kept by content. */
export function keptDeflate(bytes: Buffer): Buffer {
  const key = createHash("sha256").update(bytes).digest("base64");
  const known = kept.get(key);
  if (known) return known;
  const deflated = deflateSync(bytes);
  if (keptBytes + deflated.byteLength > maxKeptBytes) {
    kept = new Map();
    keptBytes = 0;
  }
  kept.set(key, deflated);
  keptBytes += deflated.byteLength;
  return deflated;
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
