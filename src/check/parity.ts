import { readFileSync } from "node:fs";
import { findInOrder, foldSpace } from "../model/sentences.ts";
import { docxText } from "./extract-docx.ts";
import { htmlText } from "./extract-html.ts";
import { pdfText } from "./extract-pdf.ts";

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

/** Checks that an artifact holds every sentence of the source, in order, and names the first one missing. */
export async function checkParity(
  path: string,
  sentences: readonly string[],
  bytes?: Uint8Array,
): Promise<ParityResult> {
  const text = foldSpace(await artifactText(path, bytes));
  const result = findInOrder(text, sentences);
  const parity: ParityResult = { artifact: path, sentences: sentences.length, found: result.found };
  if (result.missing !== undefined) {
    parity.missing = result.missing;
    const previous = result.found > 0 ? sentences[result.found - 1] : undefined;
    const at = previous ? text.indexOf(previous) + previous.length : 0;
    parity.after = text.slice(at, at + 120);
  }
  return parity;
}
