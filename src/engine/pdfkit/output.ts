/** The one thing both pdfmake renderers need from a laid-out pdfkit document: its bytes. */
interface PdfKitStream extends NodeJS.ReadableStream {
  end(): void;
}

/** Ends a laid-out pdfkit document and collects everything it writes. */
export async function pdfkitBytes(doc: PdfKitStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
