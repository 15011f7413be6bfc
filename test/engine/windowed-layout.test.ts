// src/engine/pdfmake/windowed-layout.ts against pdfmake 0.3.11's own LayoutBuilder.layoutDocument
// loop (reached by a `pageBreakBefore` not marked `decidesOnWindows`), on a small synthetic
// definition (short pages, 60 headings and paragraphs, one face of Public Sans): the same PDF,
// byte for byte, from decisions on windows of a few nodes and two whole passes, where pdfmake lays
// the whole document out again after every break.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import type { NodeInfo, NodeQueries } from "../../src/engine/pdfmake/break-scan.ts";
import { createPdfPrinter } from "../../src/engine/pdfmake/printer.ts";
import { decidesOnWindows, lastLayout } from "../../src/engine/pdfmake/windowed-layout.ts";

const require = createRequire(import.meta.url);
const face = woffToSfnt(
  readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-400-normal.woff")),
);
const printer = createPdfPrinter({
  fonts: { body: { normal: "sans", bold: "sans", italics: "sans", bolditalics: "sans" } },
  files: new Map([["sans", face]]),
});

const words = "the report notes that courts in the region moved slowly on cases at the border".split(" ");
/** Heading i and a paragraph of 1 to 7 lines, varied so that headings fall at pages' feet. */
function content(): Content[] {
  return Array.from({ length: 30 }, (_, i): Content[] => [
    { text: `Heading ${i + 1}`, headlineLevel: 1, fontSize: 14, margin: [0, 6, 0, 2] },
    { text: Array.from({ length: 8 + ((i * 7) % 40) }, (_, j) => words[(i + j) % words.length]).join(" ") },
  ]).flat();
}

/** Keeps a heading with the text after it: a heading with nothing after it on its page moves. */
let moved: unknown[] = [];
const keepWithNext = (node: NodeInfo, queries: NodeQueries) => {
  const moves = node.headlineLevel !== undefined && queries.getFollowingNodesOnPage().length === 0;
  if (moves) moved.push(node.text);
  return moves;
};

type TryLayout = (this: unknown, ...args: unknown[]) => unknown;
const builder = (
  require("pdfmake/js/LayoutBuilder.js") as { default: { prototype: { tryLayoutDocument: TryLayout } } }
).default.prototype;

/** The PDF, the headings moved, and the layout passes run (whole document or window). */
async function render(callback: (node: NodeInfo, queries: NodeQueries) => boolean) {
  moved = [];
  let passes = 0;
  const tryLayout = builder.tryLayoutDocument;
  builder.tryLayoutDocument = function (...args) {
    passes++;
    return tryLayout.apply(this, args);
  };
  const definition = {
    pageSize: { width: 200, height: 160 },
    pageMargins: 20,
    defaultStyle: { font: "body", fontSize: 9 },
    info: { creationDate: new Date(0), modDate: new Date(0) },
    content: { stack: content() },
    pageBreakBefore: callback,
  } as unknown as TDocumentDefinitions;
  try {
    return { bytes: Buffer.from(await printer.render(definition)), moved, passes };
  } finally {
    builder.tryLayoutDocument = tryLayout;
  }
}

describe("windowed-layout: layoutDocument against pdfmake's loop", { timeout: 8000 }, () => {
  it("writes pdfmake's bytes, deciding on windows, not a whole pass after each break", async () => {
    const theirs = await render(keepWithNext);
    const ours = await render(
      decidesOnWindows((node: NodeInfo, queries: NodeQueries) => keepWithNext(node, queries)),
    );
    expect(ours.bytes.equals(theirs.bytes)).toBe(true);
    expect(ours.moved).toEqual(theirs.moved);
    // pdfmake: a whole-document pass, and one more after each heading it moved.
    expect(theirs.moved.length).toBe(4);
    expect(theirs.passes).toBe(1 + theirs.moved.length);
    // Folio: the decisions on windows of a few nodes, then the whole document.
    expect(lastLayout).toMatchObject({ topLevelNodes: 60, breaks: 4, fullPasses: 2 });
    expect(lastLayout.windows).toBeGreaterThan(1);
    expect(ours.passes).toBe(lastLayout.windows + lastLayout.fullPasses);
  });
});
