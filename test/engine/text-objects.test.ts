// src/engine/pdfkit/text-objects.ts against pdfkit 0.19.1's own text(): the same words in the same
// faces, sizes and spacings, drawn once a word at a time with text() (as pdfmake draws a line) and
// once into shared text objects. pdf.js reads the same glyphs at the same places from both; the
// shared drawing writes one text object where pdfkit wrote one per word.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { type DrawingFont, TextObjects } from "../../src/engine/pdfkit/text-objects.ts";
import { contentOperations } from "../support/pdfua.ts";

const require = createRequire(import.meta.url);
interface Doc {
  font(src: Uint8Array): Doc;
  fontSize(size: number): Doc;
  text(text: string, x: number, y: number, options: object): Doc;
  addContent(data: string): Doc;
  on(event: "data", listener: (chunk: Buffer) => void): Doc;
  on(event: "end", listener: () => void): Doc;
  end(): void;
  _font: DrawingFont;
  page: { height: number; fonts: Record<string, unknown> };
}
/** pdfkit as pdfmake loads it. */
const PDFKit = Object.getPrototypeOf(
  (require("pdfmake/js/PDFDocument.js") as { default: object }).default,
) as new (
  options?: object,
) => Doc;

const faceOf = (file: string) => woffToSfnt(readFileSync(require.resolve(`@fontsource/${file}`)));
const sans = faceOf("public-sans/files/public-sans-latin-400-normal.woff");
const serifItalic = faceOf("merriweather/files/merriweather-latin-400-italic.woff");

/** Words as pdfmake lays a line out: each with its face, size, place and character spacing. */
const words = [
  { text: "AVAST ", face: sans, size: 10, x: 72, y: 100, spacing: 0 },
  // A combining acute: a mark fontkit sets off its base glyph (a Tm of its own in pdfkit).
  { text: "Se\u0301gou, ", face: sans, size: 10, x: 110, y: 100, spacing: 0 },
  { text: "Tombouctou’s ", face: serifItalic, size: 10, x: 150, y: 100, spacing: 0 },
  { text: "spaced ", face: sans, size: 10, x: 230, y: 100, spacing: 0.6 },
  { text: "Kayes\n", face: sans, size: 15, x: 280, y: 100, spacing: 0 },
  { text: "", face: sans, size: 10, x: 330, y: 100, spacing: 0 },
  { text: "Ménaka", face: sans, size: 10, x: 72, y: 130, spacing: 0 },
];

async function draw(shared: boolean): Promise<Buffer> {
  const doc = new PDFKit({ compress: false, size: "LETTER" });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", resolve));
  const objects = new TextObjects(doc);
  for (const word of words) {
    doc.font(word.face).fontSize(word.size);
    if (shared) objects.draw(word.text, word.x, word.y, doc._font, word.size, word.spacing);
    else
      doc.text(word.text, word.x, word.y, {
        lineBreak: false,
        textWidth: 0,
        characterSpacing: word.spacing,
        wordCount: 1,
      });
  }
  objects.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Every text item pdf.js reads: its text, its transform and its width. */
async function textItems(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const content = await (await pdf.getPage(1)).getTextContent();
  await pdf.destroy();
  return content.items.map((item) =>
    "str" in item ? { str: item.str, transform: item.transform, width: item.width } : item,
  );
}

/** The first page's content stream, as written uncompressed. */
function pageContent(bytes: Buffer): Buffer {
  const text = bytes.toString("latin1");
  const start = text.indexOf("stream\n", text.indexOf("/Length")) + "stream\n".length;
  return Buffer.from(text.slice(start, text.indexOf("\nendstream", start)), "latin1");
}

describe("text objects: words drawn as pdfkit's text() draws them", { timeout: 15000 }, () => {
  it("places the same glyphs at the same places", async () => {
    const [own, shared] = await Promise.all([draw(false), draw(true)]);
    const items = await textItems(shared);
    expect(items.map((item) => ("str" in item ? item.str : "")).join("")).toContain("Tombouctou");
    expect(items).toEqual(await textItems(own));
  });

  it("writes one text object for the words, each font and spacing when it changes", async () => {
    const [own, shared] = await Promise.all([draw(false), draw(true)]);
    const ops = (bytes: Buffer) => contentOperations(pageContent(bytes)).map(({ op }) => op);
    const count = (list: string[], op: string) => list.filter((o) => o === op).length;
    const pdfkit = ops(own);
    const objects = ops(shared);
    // pdfkit: a text object per word drawn (the empty word draws nothing).
    expect(count(pdfkit, "BT")).toBe(words.length - 1);
    expect(count(objects, "BT")).toBe(1);
    expect(count(objects, "q")).toBe(1);
    // Faces and sizes: sans 10, serif italic 10, sans 10, sans 15, sans 10.
    expect(count(objects, "Tf")).toBe(5);
    // The spaced word sets 0.6 and the next word sets it back.
    expect(count(objects, "Tc")).toBe(2);
    expect(count(objects, "TJ")).toBeGreaterThanOrEqual(words.length - 1);
  });
});
