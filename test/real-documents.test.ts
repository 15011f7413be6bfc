// Real documents that nobody here wrote (test/fixtures/real/README.md says where each comes from),
// built in every full-text format as an editor would build them: each must build with no error, and
// each format must hold every heading of the outline and every sentence of the body, in order.
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Element } from "hast";
import type { RootContent } from "mdast";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { beforeAll, describe, expect, it } from "vitest";
import { expectedSentences } from "../src/check/check.ts";
import { checkParity, type ParityResult } from "../src/check/parity.ts";
import { treeSentences } from "../src/model/sentences.ts";
import type { ReportModel } from "../src/model/types.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import type { Format } from "../src/render/format.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { docxText } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { parsePage, selectAll, visibleText } from "./support/html.ts";
import { loadModel as loadReport, sharedRender } from "./support/render.ts";

// Documents are loaded as a build of these formats loads them, without the fact sheet's facts
// (test/facts-real.test.ts loads every real document with its facts, and fails on an error).

const folder = "test/fixtures/real";
const documents = readdirSync(folder)
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .sort();

/** `path:line:column: reason`, as the CLI prints a message. */
const describeMessage = (message: VFileMessage) => String(message);

/** Compares text as a reader reads it: typographic quotes, dashes and spacing are not a difference. */
function fold(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\u00ad/g, "")
    .replace(/[‘’ʼ]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/…/g, "...")
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ")
    .trim();
}

/**
 * The outline's headings that `text` lacks, looked for in order. A contents list repeats the
 * headings before the body, so every heading after the body's first prose is looked for after that prose.
 */
function missingHeadings(model: ReportModel, text: string): string[] {
  const haystack = fold(text);
  const leading = model.tree.children.findIndex((node: RootContent) => node.type !== "heading");
  const leadingHeadings = leading < 0 ? model.outline.length : leading;
  const firstBlock = leading < 0 ? undefined : model.tree.children[leading];
  const firstProse = firstBlock ? treeSentences({ type: "root", children: [firstBlock] })[0] : undefined;
  const missing: string[] = [];
  let from = 0;
  model.outline.forEach((entry, index) => {
    if (index === leadingHeadings && firstProse) {
      const at = haystack.indexOf(fold(firstProse), from);
      if (at >= 0) from = at;
    }
    const heading = fold(entry.text);
    const at = haystack.indexOf(heading, from);
    if (at < 0) missing.push(entry.text);
    else from = at + heading.length;
  });
  return missing;
}

/** The text of the HTML edition's headings (not its contents list), one heading a line. */
function htmlHeadingText(html: Uint8Array): string {
  const page = parsePage(html);
  const main = (selectAll("main", page)[0] as Element | undefined) ?? page;
  return selectAll("h1, h2, h3, h4, h5, h6", main)
    .map((heading) => visibleText(heading))
    .join("\n");
}

/** What a reader of each format reads, and the text its headings are looked for in. */
const formats: Array<{
  format: Format;
  suffix: string;
  headingText: (bytes: Uint8Array) => Promise<string>;
}> = [
  { format: htmlFormat, suffix: ".html", headingText: async (bytes) => htmlHeadingText(bytes) },
  {
    format: pdfFormat,
    suffix: ".pdf",
    headingText: async (bytes) => (await pdfPages(bytes)).map((page) => page.text).join("\n"),
  },
  { format: docxFormat, suffix: ".docx", headingText: docxText },
];

/** Parity's verdict as one line: which sentence is missing and what the artifact reads instead. */
function describeParity(result: ParityResult): string {
  return `sentence ${result.found + 1} of ${result.sentences} missing: “${result.missing}” (after it the artifact reads: “${result.after?.trim()}…”)`;
}

describe.each(documents)("real document %s", (name) => {
  const path = join(folder, name);
  const file = new VFile({ path });
  let model: ReportModel | undefined;
  let loadError: VFileMessage | undefined;

  beforeAll(() => {
    try {
      model = loadReport(path, { file });
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error;
      loadError = error;
    }
  });

  it("loads with 0 errors, and no colon of its running text read as a directive", () => {
    const errors = file.messages.filter((message) => message.fatal).map(describeMessage);
    if (loadError && !errors.includes(describeMessage(loadError))) errors.push(describeMessage(loadError));
    expect.soft(errors, "load errors").toEqual([]);
    const directives = file.messages
      .filter((message) => message.ruleId === "unknown-directive")
      .map(describeMessage);
    expect.soft(directives, "colons read as directives").toEqual([]);
    expect(model, `${name} did not load`).toBeDefined();
  });

  it.each(formats)(
    "builds $suffix with 0 errors, every heading and every sentence",
    async ({ format, suffix, headingText }) => {
      if (!model) throw new Error(`${name} did not load: ${loadError ? describeMessage(loadError) : "?"}`);
      const errors: string[] = [];
      let bytes: Uint8Array | undefined;
      try {
        // One build of each document and format for every sweep of them (review-real, keep-with-next).
        const result = await sharedRender(format, model, { sourceDateEpoch: 0 });
        errors.push(...result.messages.filter((message) => message.fatal).map(describeMessage));
        bytes = result.artifacts.find((artifact) => artifact.suffix === suffix)?.bytes;
      } catch (error) {
        if (!(error instanceof VFileMessage)) throw error;
        errors.push(describeMessage(error));
      }
      expect.soft(errors, `${suffix} errors`).toEqual([]);
      if (!bytes) throw new Error(`no ${suffix} artifact: ${errors.join("; ")}`);

      expect.soft(missingHeadings(model, await headingText(bytes)), `${suffix} headings missing`).toEqual([]);

      const artifact = `${basename(name, ".md")}${suffix}`;
      const parity = await checkParity(artifact, expectedSentences(model.tree, suffix), bytes);
      expect.soft(parity.missing === undefined ? "" : describeParity(parity), `${suffix} parity`).toBe("");
    },
    180_000,
  );
});
