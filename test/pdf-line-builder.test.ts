// src/engine/pdfmake/line-builder.ts replaces pdfmake's buildNextLine (quadratic in a paragraph's
// length) with one that cuts long word lists once and reads only the glued words it needs. The
// lines, and so the PDF's bytes, must be pdfmake's own.
import { describe, expect, it } from "vitest";
import { installEngine } from "../src/engine/install.ts";
import { layoutBuilderPrototype, pdfmakeBuildNextLine } from "../src/engine/pdfmake/line-builder.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { loadReport, renderPdf, sharedBytes } from "./support/render.ts";

installEngine();
const proto = layoutBuilderPrototype();
const linear = proto.buildNextLine;
/** The date of the Mali build that pdf.test, pdfua and docx-layout share. */
const maliEpoch = 1_700_000_000;

/** The PDF of a source with pdfmake's own line builder, then with Folio's. */
async function both(name: string, text: string): Promise<[Buffer, Buffer]> {
  const model = loadReport(`/virtual/${name}.md`, { text, baseDir: "/virtual" });
  proto.buildNextLine = pdfmakeBuildNextLine as typeof linear;
  try {
    const original = Buffer.from(await renderPdf(model, { sourceDateEpoch: 0 }));
    proto.buildNextLine = linear;
    return [original, Buffer.from(await renderPdf(model, { sourceDateEpoch: 0 }))];
  } finally {
    proto.buildNextLine = linear;
  }
}

const words = [
  "the",
  "report's",
  "figures",
  "stand",
  "in",
  "its",
  "sentences",
  "1,826",
  "—",
  "Bamako",
  "ISIS-GS",
];
/** A paragraph of n words, some bold, italic, linked or coded (runs glued without a space). */
function paragraph(n: number, seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = words[(i * 7 + seed) % words.length] as string;
    const k = (i * 13 + seed) % 17;
    out.push(
      k === 0
        ? `**${w}**`
        : k === 1
          ? `*${w}*,`
          : k === 2
            ? `[${w}](#x)`
            : k === 3
              ? `\`${w}\``
              : k === 4
                ? `${w}**x**y`
                : w,
    );
  }
  return out.join(" ");
}

describe("the linear line builder", () => {
  it("lays out short and long paragraphs (glued runs, links, code, hard-wrapped words, one of 5,000 letters) exactly as pdfmake's", async () => {
    const long = `${"Supercalifragilisticexpialidocious".repeat(20)} ${paragraph(6000, 3)}`;
    // A word of 5,000 letters: cut over a bound found by doubling, its rest measured only near the end.
    const veryLong = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(110);
    const text = `---\ntitle: Lines\n---\n\n## One\n\n${veryLong} ${paragraph(40, 1)}\n\n${paragraph(300, 2)}\n\n- ${paragraph(200, 5)}\n\n> ${paragraph(500, 4)}\n\n${long}\n`;
    const [original, linear] = await both("lines", text);
    expect(linear.equals(original)).toBe(true);
  }, 120_000);

  it("lays out Mali exactly as pdfmake's", async () => {
    const model = loadReport("source/mali-2021.md");
    // Folio's line builder: the build pdf.test, pdfua and docx-layout read too (sharedRender).
    const folios = Buffer.from(await sharedBytes(pdfFormat, model, { sourceDateEpoch: maliEpoch }));
    proto.buildNextLine = pdfmakeBuildNextLine as typeof linear;
    let original: Buffer;
    try {
      original = Buffer.from(await renderPdf(model, { sourceDateEpoch: maliEpoch }));
    } finally {
      proto.buildNextLine = linear;
    }
    expect(folios.equals(original)).toBe(true);
  }, 60_000);
});
