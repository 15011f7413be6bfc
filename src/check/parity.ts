import { readFileSync } from "node:fs";
import { docxText } from "./extract-docx.ts";
import { htmlText } from "./extract-html.ts";
import { pdfText } from "./extract-pdf.ts";
import { readInOrder } from "./reading.ts";

export interface ParityResult {
  artifact: string;
  sentences: number;
  found: number;
  /** The first sentence of the source not found (in order) in the artifact. */
  missing?: string;
  /** The text just after the last sentence found: where to look in the artifact. */
  after?: string;
}

/** Text of an artifact by its extension, as a reader of that format sees it. */
export async function artifactText(path: string, bytes: Uint8Array = readFileSync(path)): Promise<string> {
  if (path.endsWith(".html")) return htmlText(bytes);
  if (path.endsWith(".pdf")) return (await pdfText(bytes)).text;
  if (path.endsWith(".docx")) return docxText(bytes);
  throw new Error(`${path}: no text extractor for this kind of file`);
}

/**
 * Checks that an artifact holds every sentence of the source, in order, read as a reader reads the
 * page (src/check/reading.ts), and names the first one missing.
 */
export async function checkParity(
  path: string,
  sentences: readonly string[],
  bytes?: Uint8Array,
): Promise<ParityResult> {
  const reading = readInOrder(await artifactText(path, bytes), sentences, {
    spacesMayBeMarks: path.endsWith(".pdf"),
  });
  const parity: ParityResult = { artifact: path, sentences: sentences.length, found: reading.found };
  if (reading.missing !== undefined) {
    parity.missing = reading.missing;
    parity.after = reading.text.slice(reading.end, reading.end + 120).replace(/\n/g, " ");
  }
  return parity;
}
