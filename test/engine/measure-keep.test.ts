// src/engine/pdfmake/measure-keep.ts: while a watch session holds the keep, a PDF measures again
// only the text nodes an edit changed, and its bytes are those of a render without the keep.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { afterEach, describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import {
  forgetMeasures,
  holdMeasures,
  measuresKept,
  wordsHoldingAnOldDocument,
} from "../../src/engine/pdfmake/measure-keep.ts";
import { createPdfPrinter } from "../../src/engine/pdfmake/printer.ts";
import { factsheetFormat } from "../../src/render/factsheet/format.ts";
import { loadModel, loadReport, renderPdf, renderWith } from "../support/render.ts";

const require = createRequire(import.meta.url);
const TextInlines = (
  require("pdfmake/js/TextInlines.js") as {
    default: { prototype: { buildInlines(...args: unknown[]): unknown } };
  }
).default.prototype;

/** Renders the PDF of `text` as `path`, counting the text nodes pdfmake measured. */
async function render(path: string, text: string, format?: "factsheet") {
  let measured = 0;
  const buildInlines = TextInlines.buildInlines;
  TextInlines.buildInlines = function (...args: unknown[]) {
    measured++;
    return buildInlines.apply(this, args);
  };
  try {
    const options = { sourceDateEpoch: 0 };
    const bytes =
      format === "factsheet"
        ? ((await renderWith(factsheetFormat, loadReport(path, { text }), options)).artifacts[0]?.bytes ?? [])
        : await renderPdf(loadModel(path, { text }), options);
    return { bytes: Buffer.from(bytes).toString("base64"), measured };
  } finally {
    TextInlines.buildInlines = buildInlines;
  }
}

/** The text with its first " the " after `from` (a share of its length), or its last, made " this ". */
function edited(text: string, from: number): string {
  let at = text.indexOf(" the ", Math.floor(text.length * from));
  if (at < 0) at = text.lastIndexOf(" the ");
  expect(at).toBeGreaterThan(0);
  return `${text.slice(0, at)} this ${text.slice(at + 5)}`;
}

const reports = [
  "test/fixtures/real/factbook-nigeria.md", // 27 pages: contents, tables, notes
  "test/fixtures/real/crs-ssa-staffing-by-state.md", // long tables whose cells repeat
  "test/fixtures/briefs/high-water.md", // figures, footnotes, citations
  "source/mali-2021.md",
];

afterEach(() => forgetMeasures());

const face = woffToSfnt(
  readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-400-normal.woff")),
);
const fonts = { body: { normal: "sans", bold: "sans", italics: "sans", bolditalics: "sans" } };
const printer = createPdfPrinter({ fonts, files: new Map([["sans", face]]) });

describe("measure-keep: measured words kept across documents", () => {
  it.each(reports)("%s: an edit measures little again, and the bytes are a fresh render's", async (path) => {
    const original = readFileSync(path, "utf8");
    const changed = edited(original, 0.5);
    // Without the keep: what each render must be.
    const fresh = await render(path, changed);
    const freshOriginal = await render(path, original);

    const release = holdMeasures();
    try {
      const first = await render(path, original);
      expect(first.bytes).toBe(freshOriginal.bytes);
      expect(measuresKept()).toBeGreaterThan(0);
      const second = await render(path, changed);
      expect(second.bytes).toBe(fresh.bytes);
      // The edited paragraph (and any node whose text pdfmake copies from another each pass,
      // such as the contents' page numbers) is measured again; the rest comes from the keep.
      expect(second.measured).toBeLessThan(fresh.measured / 4);
      const back = await render(path, original);
      expect(back.bytes).toBe(freshOriginal.bytes);
    } finally {
      release();
    }
    expect(measuresKept()).toBe(0); // the last holder let go: the keep is empty
  });

  it("serves the fact sheet's tries as well, with the same bytes", async () => {
    const path = "source/mali-2021.md";
    const original = readFileSync(path, "utf8");
    const fresh = await render(path, original, "factsheet");
    const release = holdMeasures();
    try {
      await render(path, original, "factsheet");
      const again = await render(path, original, "factsheet");
      expect(again.bytes).toBe(fresh.bytes);
      expect(again.measured).toBeLessThan(fresh.measured / 2);
    } finally {
      release();
    }
  });

  it("is off unless held: a one-off build keeps nothing", async () => {
    const path = "source/mali-2021.md";
    const text = readFileSync(path, "utf8");
    await render(path, text);
    const again = await render(path, text);
    expect(measuresKept()).toBe(0);
    expect(again.measured).toBeGreaterThan(20);
  });

  it("lets a document's fonts and slots go once the next document starts", async () => {
    const mali = "source/mali-2021.md";
    const brief = "test/fixtures/apparatus/brief-yaml.md";
    const release = holdMeasures();
    try {
      await render(mali, readFileSync(mali, "utf8"));
      const kept = measuresKept();
      // Another document (nothing of Mali's text in it): Mali's words stay kept, holding nothing
      // of the document that drew them (its fonts, its structure's slots).
      const other = await render(brief, readFileSync(brief, "utf8"));
      expect(other.measured).toBeGreaterThan(5);
      expect(measuresKept()).toBeGreaterThan(kept);
      expect(wordsHoldingAnOldDocument()).toBe(0);
      // Taken up again, they are made the new document's: the same bytes as a fresh render.
      const again = await render(mali, readFileSync(mali, "utf8"));
      release();
      const fresh = await render(mali, readFileSync(mali, "utf8"));
      expect(again.bytes).toBe(fresh.bytes);
      expect(again.measured).toBeLessThan(fresh.measured / 4);
    } finally {
      release();
    }
  });

  it("lets a text go that the last eight documents did not use (a paragraph edited away)", async () => {
    const page = (text: string): TDocumentDefinitions => ({
      pageSize: { width: 200, height: 200 },
      defaultStyle: { font: "body", fontSize: 9 },
      info: { creationDate: new Date(0), modDate: new Date(0) },
      content: [{ text: "Security in Bamako and Gao." }, { text }],
    });
    const release = holdMeasures();
    try {
      await printer.render(page("The first version of a sentence."));
      expect(measuresKept()).toBe(2);
      // Each rebuild edits the second paragraph again: the first stays, the old versions go.
      for (let i = 0; i < 40; i++) await printer.render(page(`Version ${i} of a sentence.`));
      expect(measuresKept()).toBeLessThanOrEqual(1 + 2 * 8); // swept every eight documents
      expect(measuresKept()).toBeGreaterThan(1);
    } finally {
      release();
    }
  });

  it("keeps no text with a run that takes its text from another node (a textReference)", async () => {
    const doc = (title: string): TDocumentDefinitions => ({
      pageSize: { width: 200, height: 200 },
      defaultStyle: { font: "body", fontSize: 9 },
      info: { creationDate: new Date(0), modDate: new Date(0) },
      content: [
        { text: ["As the section ", { textReference: "risks" }, " says."] },
        { text: title, id: "risks" },
      ],
    });
    const fresh = Buffer.from(await printer.render(doc("Risks to the nation and its neighbours")));
    const release = holdMeasures();
    try {
      await printer.render(doc("Risks"));
      const again = Buffer.from(await printer.render(doc("Risks to the nation and its neighbours")));
      expect(again.equals(fresh)).toBe(true);
    } finally {
      release();
    }
  });

  it("measures a text again when a style it is set in changes, anywhere on its stack", async () => {
    const text = [{ text: "Security in " }, { text: "Bamako", style: "place" }, " and Gao, 2021."];
    const doc = (size: number, spacing: number, outer: object = {}): TDocumentDefinitions => ({
      pageSize: { width: 200, height: 200 },
      defaultStyle: { font: "body", fontSize: 9 },
      styles: { place: { characterSpacing: spacing } },
      info: { creationDate: new Date(0), modDate: new Date(0) },
      content: [{ stack: [{ stack: [{ text: structuredClone(text) }], fontSize: size }], ...outer }],
    });
    const versions = [
      doc(9, 0),
      doc(11, 0),
      doc(11, 1),
      doc(11, 1, { lineHeight: 2 }),
      doc(11, 1, { sup: true }),
    ];
    const fresh = [];
    for (const version of versions)
      fresh.push(Buffer.from(await printer.render(structuredClone(version))).toString("base64"));
    const release = holdMeasures();
    try {
      for (const [i, version] of versions.entries()) {
        const before = measuresKept();
        const bytes = Buffer.from(await printer.render(structuredClone(version))).toString("base64");
        expect(bytes).toBe(fresh[i]);
        expect(measuresKept()).toBe(before + 1); // measured again, and kept under its own key
      }
      // The first again: from the keep, the same bytes.
      const before = measuresKept();
      expect(
        Buffer.from(await printer.render(structuredClone(versions[0] as TDocumentDefinitions))).toString(
          "base64",
        ),
      ).toBe(fresh[0]);
      expect(measuresKept()).toBe(before);
      // The same definition with another face under the same names: measured again, in that face.
      const bold = woffToSfnt(
        readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-700-normal.woff")),
      );
      const boldPrinter = createPdfPrinter({ fonts, files: new Map([["sans", bold]]) });
      release();
      const boldFresh = Buffer.from(
        await boldPrinter.render(structuredClone(versions[0] as TDocumentDefinitions)),
      );
      const again = holdMeasures();
      await printer.render(structuredClone(versions[0] as TDocumentDefinitions));
      let measured = 0;
      const buildInlines = TextInlines.buildInlines;
      TextInlines.buildInlines = function (...args: unknown[]) {
        measured++;
        return buildInlines.apply(this, args);
      };
      try {
        const boldBytes = Buffer.from(
          await boldPrinter.render(structuredClone(versions[0] as TDocumentDefinitions)),
        );
        expect(boldBytes.equals(boldFresh)).toBe(true);
        expect(measured).toBeGreaterThan(0);
      } finally {
        TextInlines.buildInlines = buildInlines;
        again();
      }
    } finally {
      release();
    }
  });
});
