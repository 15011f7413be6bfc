// The processTable wrapper of src/engine/pdfmake/windowed-layout.ts against pdfmake 0.3.11's own
// LayoutBuilder.processTable, on a small definition (short pages, a table over two pages, one face
// of Public Sans). pdfmake lays the same nodes out again after each break (its loop, and Folio's
// windows and final pass) and keeps a table's lowest point per page (`_bottomByPage`) and its
// row-span breaks on the table node: the next pass started the table from them. Folio's starts
// every pass as the first: a second pass with the table on other pages gives the bytes of a fresh
// definition laid out once, and pdfmake's own second pass does not (its rules reach down to where
// the first pass's table ended on that page).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { createPdfPrinter } from "../../src/engine/pdfmake/printer.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
const face = woffToSfnt(
  readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-400-normal.woff")),
);
const printer = createPdfPrinter({
  fonts: { body: { normal: "sans", bold: "sans", italics: "sans", bolditalics: "sans" } },
  files: new Map([["sans", face]]),
});

type ProcessTable = (this: unknown, node: unknown) => unknown;
interface BuilderProto {
  processTable: ProcessTable;
}
const proto = (require("pdfmake/js/LayoutBuilder.js") as { default: { prototype: BuilderProto } }).default
  .prototype;
const folioProcessTable = proto.processTable;
const pdfmakeProcessTable = pristineModule<{ default: { prototype: BuilderProto } }>(
  "pdfmake/js/LayoutBuilder.js",
).default.prototype.processTable;

/** A paragraph, then a bordered table of 14 rows (one spans three), over two of the short pages. */
function content(): Content[] {
  const body = Array.from({ length: 14 }, (_, i) =>
    i === 3
      ? [{ text: `spanned ${i}`, rowSpan: 3 }, `row ${i} b`]
      : i === 4 || i === 5
        ? [{}, `row ${i} b, a longer cell that wraps`]
        : [`row ${i} a`, `row ${i} b`],
  );
  return [
    { text: "An opening paragraph of a few words, long enough for two lines at this width." },
    { table: { widths: ["*", "*"], body } },
  ];
}

const definition = (content: Content[]) =>
  ({
    pageSize: { width: 200, height: 160 },
    pageMargins: 20,
    defaultStyle: { font: "body", fontSize: 9 },
    info: { creationDate: new Date(0), modDate: new Date(0) },
    content,
  }) as unknown as TDocumentDefinitions;

/**
 * The PDF of a second pass over the same nodes, the table a page earlier than in the first (as
 * between a window, which numbers its pages from 1, and the whole document).
 */
async function secondPass(processTable: ProcessTable): Promise<{ bytes: Buffer; carried: boolean }> {
  proto.processTable = processTable;
  try {
    const nodes = content();
    const table = nodes[1] as { _bottomByPage?: unknown; pageBreak?: string };
    table.pageBreak = "before";
    const doc = definition(nodes);
    await printer.layOut(doc);
    const carried = table._bottomByPage !== undefined;
    delete table.pageBreak;
    return { bytes: Buffer.from(await (await printer.layOut(doc)).bytes()), carried };
  } finally {
    proto.processTable = folioProcessTable;
  }
}

/** The PDF of a fresh definition laid out once (what any pass over it should give). */
const freshOnce = async () => Buffer.from(await printer.render(definition(content())));

describe("windowed-layout's processTable against pdfmake's", () => {
  it("is installed in place of pdfmake's", () => {
    expect(folioProcessTable).not.toBe(pdfmakeProcessTable);
  });

  it("lays out a table on a second pass as a fresh definition laid out once; pdfmake's does not", async () => {
    const once = await freshOnce();
    const ours = await secondPass(folioProcessTable);
    const theirs = await secondPass(pdfmakeProcessTable);
    // Both passes left the first pass's table bottoms on the node.
    expect(ours.carried && theirs.carried).toBe(true);
    expect(ours.bytes.equals(once)).toBe(true);
    expect(theirs.bytes.equals(once)).toBe(false);
  });

  it("gives pdfmake's bytes for a table laid out once", async () => {
    proto.processTable = pdfmakeProcessTable;
    const theirs = Buffer.from(await printer.render(definition(content())));
    proto.processTable = folioProcessTable;
    const ours = Buffer.from(await printer.render(definition(content())));
    expect(ours.equals(theirs)).toBe(true);
  });
});
