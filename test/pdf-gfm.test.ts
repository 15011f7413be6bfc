import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { describe, expect, it } from "vitest";
import { buildOutline } from "../src/model/outline.ts";
import { parseMarkdown } from "../src/model/parse.ts";
import { resolveReferences } from "../src/model/references.ts";
import type { ReportModel } from "../src/model/types.ts";
import { createPdfContext, type PdfBlock } from "../src/render/pdf/context.ts";
import { bodyBlocks } from "../src/render/pdf/document.ts";
import { pdfFonts } from "../src/render/pdf/fonts.ts";
import { pageBreakBefore } from "../src/render/pdf/pagination.ts";
import { defaultStyle, pdfStyles } from "../src/render/pdf/styles.ts";
import { pdfPages } from "./pdf-text.ts";
import { referenceWords, type SpecExample, specExamples, words } from "./support/gfm-spec.ts";
import { checkPdfUa, type PdfUaFailure, structureTextPdfJs, structureTextPoppler } from "./support/pdfua.ts";
import { loadModel, testAssets } from "./support/render.ts";

/**
 * Examples whose reference HTML shows words that no Folio edition shows, for reasons outside the
 * PDF renderer (each checked by hand against the HTML edition):
 * - 645, 646: HTML comments. The spec file predates CommonMark 0.31, which changed what closes a
 *   comment; Folio's parser (micromark) follows 0.31, so the text is a comment, hidden in every edition.
 * - 653: GFM's tagfilter prints disallowed tags (`<title>`, `<style>`, `<xmp>`) as literal text;
 *   Folio's sanitiser removes them with their content, the same in every edition.
 */
const notVisibleInAnyEdition = new Map([
  [645, "comment syntax of CommonMark 0.31"],
  [646, "comment syntax of CommonMark 0.31"],
  [653, "disallowed raw HTML is removed by the shared sanitiser"],
]);

const examples = specExamples();
const dir = mkdtempSync(join(tmpdir(), "folio-pdf-gfm-"));
const batchSize = 60;

/** The spec's placeholder images (`/url`, `moon.jpg`) do not exist: the loader rightly refuses them. */
function isImagePolicy(error: unknown): boolean {
  return error instanceof VFileMessage && (error.ruleId === "image-path" || error.ruleId === "image-missing");
}

/**
 * The model of one example. When the loader refuses an example only for its placeholder image
 * paths, the model is assembled from the loader's own stages without images, so the renderer
 * still sees every node (images then print their alt text, as for a remote image).
 */
function exampleModel(example: SpecExample): ReportModel {
  const path = join(dir, `example-${example.number}.md`);
  const text = `---\ntitle: Spec example ${example.number}\n---\n${example.markdown}`;
  try {
    return loadModel(path, { text, baseDir: dir });
  } catch (error) {
    if (!isImagePolicy(error)) throw error;
    const base = loadModel(path, {
      text: `---\ntitle: Spec example ${example.number}\n---\n`,
      baseDir: dir,
    });
    const tree = parseMarkdown(example.markdown);
    const footnotes = resolveReferences(tree);
    const outline = buildOutline(tree);
    return { ...base, tree, footnotes, outline, images: new Map(), file: new VFile({ path }) };
  }
}

const marker = (n: number) => `EXAMPLE#${n}#`;

/** The body of one example as pdfmake nodes, with its own id namespace so a batch can share one PDF. */
function exampleBlocks(example: SpecExample, width: number, height: number) {
  const model = exampleModel(example);
  const assets = testAssets();
  const ctx = createPdfContext({
    theme: assets.theme,
    fonts: pdfFonts(assets.fonts),
    labels: model.labels,
    file: model.file,
    width,
    height,
    images: model.images,
    footnotes: model.footnotes,
    anchors: new Set(model.outline.map((e) => e.id)),
    idPrefix: `x${example.number}-`,
  });
  const blocks: PdfBlock[] = [
    { text: marker(example.number), margin: [0, 12, 0, 6] },
    ...bodyBlocks(model, ctx),
  ];
  return { blocks, ctx, theme: assets.theme };
}

/** The text of each example in a PDF's text, split at the markers. */
function byExample(text: string): Map<number, string> {
  const texts = new Map<number, string>();
  const pieces = text.split(/EXAMPLE#(\d+)#/);
  for (let i = 1; i < pieces.length; i += 2) texts.set(Number(pieces[i]), pieces[i + 1] ?? "");
  return texts;
}

/** What a batch's PDF reads as: its page text, its tagged text (pdf.js, poppler), its PDF/UA failures. */
interface Batch {
  text: Map<number, string>;
  tagged: Map<number, string>;
  poppler: Map<number, string>;
  failures: PdfUaFailure[];
}

/** Renders examples into one tagged PDF (PDF/UA-1, as every Folio PDF) and reads it. */
async function renderBatch(batch: SpecExample[]): Promise<Batch> {
  const page = { width: 612, height: 792, margin: 72 };
  const inner = { width: page.width - 2 * page.margin, height: page.height - 2 * page.margin };
  const parts = batch.map((example) => exampleBlocks(example, inner.width, inner.height));
  const theme = parts[0]?.theme;
  if (!theme) return { text: new Map(), tagged: new Map(), poppler: new Map(), failures: [] };
  const resources = new Map(parts.flatMap((p) => [...p.ctx.collected.resources]));
  const definition = {
    pageSize: { width: page.width, height: page.height },
    pageMargins: page.margin,
    version: "1.7",
    tagged: true,
    subset: "PDF/UA",
    language: "en",
    displayTitle: true,
    info: { title: `GFM spec examples ${batch[0]?.number}–${batch.at(-1)?.number}` },
    // The document's title heading (H1); each example's headings are H2 and below.
    content: [{ text: "GFM spec examples", tag: { type: "H1" } }, ...parts.flatMap((p) => p.blocks)],
    styles: pdfStyles(theme, pdfFonts(testAssets().fonts)),
    defaultStyle: defaultStyle(theme, pdfFonts(testAssets().fonts)),
    pageBreakBefore: pageBreakBefore(theme),
    images: Object.fromEntries(
      parts.flatMap((p) => [...p.ctx.collected.imageNames.values()].map((n) => [n, n])),
    ),
  };
  const bytes = await pdfFonts(testAssets().fonts)
    .printer()
    .render(definition as never, resources);
  const text = (await pdfPages(bytes)).map((p) => p.text).join("\n");
  return {
    text: byExample(text),
    tagged: byExample((await structureTextPdfJs(bytes)).text),
    poppler: byExample(structureTextPoppler(bytes).text),
    failures: checkPdfUa(bytes),
  };
}

/** Characters none of the theme's embedded faces can draw: a word holding one cannot be in the text. */
function drawable(word: string): boolean {
  return pdfFonts(testAssets().fonts)
    .runs("body", word)
    .every((run) => !run.missing);
}

/**
 * True when the reference words appear in the PDF text in order. Letters are compared as one
 * stream, so a word the PDF breaks across lines (a long URL) still counts, but order and
 * presence of every word are required.
 */
function wordsInOrder(want: readonly string[], text: string): { ok: boolean; missing?: string } {
  const stream = words(text).join("");
  let at = 0;
  for (const word of want) {
    const found = stream.indexOf(word, at);
    if (found < 0) return { ok: false, missing: word };
    at = found + word.length;
  }
  return { ok: true };
}

describe("GFM conformance of the PDF edition", () => {
  it("renders every example of the GFM spec, and its text holds the words of the reference HTML", async () => {
    const errors: string[] = [];
    const texts = new Map<number, string>();
    const tagged = new Map<number, string>();
    const poppler = new Map<number, string>();
    const pdfUa: string[] = [];
    const take = (result: Batch, batch: SpecExample[]) => {
      for (const [n, t] of result.text) texts.set(n, t);
      for (const [n, t] of result.tagged) tagged.set(n, t);
      for (const [n, t] of result.poppler) poppler.set(n, t);
      const range = `examples ${batch[0]?.number}–${batch.at(-1)?.number}`;
      for (const f of result.failures) pdfUa.push(`${range}: ${f.checkpoint} ${f.message}`);
    };
    for (let i = 0; i < examples.length; i += batchSize) {
      const batch = examples.slice(i, i + batchSize);
      try {
        take(await renderBatch(batch), batch);
      } catch {
        // Find the example that broke the batch, and say which.
        for (const example of batch) {
          try {
            take(await renderBatch([example]), [example]);
          } catch (error) {
            errors.push(`example ${example.number} (${example.section}): ${(error as Error).message}`);
          }
        }
      }
    }
    expect(errors).toEqual([]);
    expect(texts.size).toBe(examples.length);
    // Every batch is a conforming PDF/UA-1 document (test/support/pdfua.ts).
    expect(pdfUa).toEqual([]);

    let passed = 0;
    let undrawableWords = 0;
    const failures: string[] = [];
    const excluded: number[] = [];
    for (const example of examples) {
      if (notVisibleInAnyEdition.has(example.number)) {
        excluded.push(example.number);
        continue;
      }
      const all = referenceWords(example.html);
      const want = all.filter((w) => drawable(w));
      undrawableWords += all.length - want.length;
      const result = wordsInOrder(want, texts.get(example.number) ?? "");
      // The tagged text, as a screen reader gets it, holds the same words in the same order.
      const js = wordsInOrder(want, tagged.get(example.number) ?? "");
      const pop = wordsInOrder(want, poppler.get(example.number) ?? "");
      if (result.ok && js.ok && pop.ok) passed++;
      else if (!result.ok)
        failures.push(`${example.number} (${example.section}): missing “${result.missing}”`);
      else if (!js.ok)
        failures.push(`${example.number} (${example.section}): tagged text (pdf.js) lacks “${js.missing}”`);
      else
        failures.push(`${example.number} (${example.section}): tagged text (poppler) lacks “${pop.missing}”`);
    }
    console.log(
      `GFM spec → PDF: ${passed}/${examples.length - excluded.length} examples hold every reference word, in the page and the tagged text ` +
        `(${excluded.length} excluded: ${excluded.join(", ")}; ${undrawableWords} words with glyphs no embedded face has)`,
    );
    expect(failures).toEqual([]);
    expect(passed).toBe(examples.length - notVisibleInAnyEdition.size);
  }, 300_000);
});
