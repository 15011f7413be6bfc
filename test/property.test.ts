import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { fromHtml } from "hast-util-from-html";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { checkParity } from "../src/check/parity.ts";
import { findInOrder, treeSentences } from "../src/model/sentences.ts";
import { checkPdfUa, structureTextPdfJs, structureTextPoppler } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf } from "./support/render.ts";

// Random GFM documents, composed from Markdown snippets. Words come from a small vocabulary (with a
// few accented and typographic characters) so every sentence is one the parity check can find.
const word = fc.constantFrom(
  "Mali",
  "report",
  "attack",
  "north",
  "café",
  "Bamako",
  "security",
  "forces",
  "“group”",
  "2021",
  "naïve",
  "régime",
  "border",
  "O’Neil",
  "data",
  "x",
  "terror",
  "élan",
);
const words = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(" "));
const inline = fc.oneof(
  { weight: 5, arbitrary: words(1, 4) },
  words(1, 3).map((w) => `*${w}*`),
  words(1, 3).map((w) => `**${w}**`),
  words(1, 2).map((w) => `~~${w}~~`),
  words(1, 2).map((w) => `\`${w}\``),
  words(1, 3).map((w) => `[${w}](https://example.org/${encodeURIComponent(w)})`),
);
const sentence = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => {
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
});
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(" "));
const heading = fc
  .tuple(fc.integer({ min: 2, max: 4 }), words(1, 4))
  .map(([d, w]) => `${"#".repeat(d)} ${w}`);
const list = fc
  .tuple(fc.boolean(), fc.array(paragraph, { minLength: 1, maxLength: 4 }), fc.option(paragraph))
  .map(([ordered, items, nested]) =>
    items
      .map(
        (item, i) => `${ordered ? `${i + 1}.` : "-"} ${item}${i === 0 && nested ? `\n\n   - ${nested}` : ""}`,
      )
      .join("\n"),
  );
const quote = paragraph.map((p) => `> ${p}`);
const code = fc
  .array(words(1, 5), { minLength: 1, maxLength: 4 })
  .map((lines) => `\`\`\`\n${lines.join("\n")}\n\`\`\``);
const table = fc
  .integer({ min: 1, max: 4 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.array(words(1, 2), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 4 }),
    ),
  )
  .map(([n, rows]) =>
    [rows[0], Array.from({ length: n }, () => "---"), ...rows.slice(1)]
      .map((r) => `| ${r?.join(" | ")} |`)
      .join("\n"),
  );
const block = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  heading,
  list,
  quote,
  code,
  table,
  fc.constant("---"),
);
const documentArb = fc
  .tuple(words(1, 5), fc.array(block, { minLength: 1, maxLength: 8 }))
  .map(([title, blocks]) => `# ${title}\n\n${blocks.join("\n\n")}\n`);

describe("random GFM documents", () => {
  it("render in HTML, PDF and DOCX without throwing; every artifact is valid and holds every sentence", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-property-"));
    await fc.assert(
      fc.asyncProperty(documentArb, async (markdown) => {
        const path = join(dir, "r.md");
        writeFileSync(path, markdown);
        const model = loadReport(path);
        const sentences = treeSentences(model.tree);

        const html = await renderHtml(model);
        const page = fromHtml(html, { onerror: (error) => expect.fail(`HTML parse error: ${error.reason}`) });
        expect(page.children.length).toBeGreaterThan(0);

        const pdf = await renderPdf(model, { sourceDateEpoch: 0 });
        // pdf.js opens it (once, for its pages and its tagged text).
        const byPdfJs = await structureTextPdfJs(pdf);
        expect(byPdfJs.pages).toBeGreaterThanOrEqual(1);
        // Tagged PDF/UA-1, and a screen reader's text (the structure tree's) holds every sentence.
        expect(checkPdfUa(pdf), `PDF/UA failures for:\n${markdown}`).toEqual([]);
        for (const [reader, tagged] of [
          ["pdf.js", byPdfJs.text],
          ["poppler", structureTextPoppler(pdf).text],
        ]) {
          const squeezed = sentences.map((s) => s.replace(/\s+/g, ""));
          const inOrder = findInOrder((tagged ?? "").replace(/\s+/g, ""), squeezed);
          expect(
            inOrder.missing,
            `the tagged text (${reader}) lost a sentence of:\n${markdown}`,
          ).toBeUndefined();
        }

        const docx = await renderDocx(model, { sourceDateEpoch: 0 });
        const zip = await JSZip.loadAsync(docx);
        expect(zip.file("word/document.xml")).not.toBeNull();

        for (const [name, bytes] of [
          ["r.html", new TextEncoder().encode(html)],
          ["r.pdf", pdf],
          ["r.docx", docx],
        ] as const) {
          const parity = await checkParity(name, sentences, bytes);
          expect(parity.missing, `${name} lost a sentence of:\n${markdown}`).toBeUndefined();
        }
      }),
      { numRuns: 25, seed: Number(process.env.FOLIO_SEED ?? 20_210_601) },
    );
  }, 180_000);
});
