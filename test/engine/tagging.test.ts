// src/engine/pdfmake/tagging.ts's wrappers of pdfmake 0.3.11's measuring and writing, against
// pdfmake's own functions (from an unpatched copy) on pdfkit's built-in Helvetica, no document
// laid out: list markers and the contents table measure as pdfmake measures them, and carry the
// structure stamps the tagged drawing reads; a repeated table header row is added as pdfmake adds
// it, its items stamped as Pagination artifacts, and any other fragment is left unstamped.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installTagging } from "../../src/engine/pdfmake/tagging.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
type Node = Record<string, unknown>;
interface Word {
  text: string;
  width: number;
  _folioSlot?: unknown;
}
interface Measure {
  measureNode(node: Node): Node;
}
type MeasureClass = new (
  doc: object,
  styles: object,
  defaultStyle: object,
  svg: null,
  layouts: object,
) => Measure;
const PDFDocument = (require("pdfmake/js/PDFDocument.js") as { default: new (fonts: object) => object })
  .default;
const PdfmakeMeasure = pristineModule<{ default: MeasureClass }>("pdfmake/js/DocMeasure.js").default;
installTagging();
const FolioMeasure = (require("pdfmake/js/DocMeasure.js") as { default: MeasureClass }).default;
interface Page {
  items: Array<{ type: string; item: Node; _folioArtifact?: unknown }>;
}
interface Writer {
  addFragment(block: Node, ...rest: unknown[]): boolean;
  context(): { getCurrentPage(): Page };
}
type WriterClass = new (context: object) => Writer;
const DocumentContext = (
  require("pdfmake/js/DocumentContext.js") as {
    default: new () => { addPage(size: object, margins: object): void };
  }
).default;
const PdfmakeWriter = pristineModule<{ default: WriterClass }>("pdfmake/js/ElementWriter.js").default;
const FolioWriter = (require("pdfmake/js/ElementWriter.js") as { default: WriterClass }).default;

const helvetica = {
  normal: "Helvetica",
  bold: "Helvetica-Bold",
  italics: "Helvetica-Oblique",
  bolditalics: "Helvetica-BoldOblique",
};
const measurer = (Measure: MeasureClass) =>
  new Measure(new PDFDocument({ body: helvetica }), {}, { font: "body", fontSize: 10 }, null, {});

// Measured nodes hold pdfkit fonts: only these summaries are handed to expect(), never the nodes.
const words = (inlines: unknown) => ((inlines as Word[] | undefined) ?? []).map((w) => [w.text, w.width]);
const slots = (inlines: unknown) => ((inlines as Word[] | undefined) ?? []).map((w) => w._folioSlot);

const slot = { id: "lbl" };
/** A list of two preprocessed items, the first with the Lbl stamp prepareStructure() gives it. */
const list = (kind: "ul" | "ol"): Node => ({
  [kind]: [
    { text: "Gao", _folioLbl: { slot, text: "•" } },
    { text: "Mopti", _folioLbl: undefined },
  ],
});
const markers = (node: Node) => (node.ul ?? node.ol) as Array<{ listMarker: Node }>;

describe("tagging: pdfmake's measuring with the structure stamps", { timeout: 5000 }, () => {
  it("measures a bullet as pdfmake does, and hands the item's Lbl to the bullet's vector", () => {
    const theirs = markers(measurer(PdfmakeMeasure).measureNode(list("ul")));
    const ours = markers(measurer(FolioMeasure).measureNode(list("ul")));
    const vector = (item?: { listMarker: Node }) =>
      ((item?.listMarker.canvas as Node[] | undefined)?.[0] ?? {}) as Node;
    const { _folioLbl, ...first } = vector(ours[0]);
    expect(first).toEqual(vector(theirs[0]));
    expect(_folioLbl).toEqual({ slot, text: "•" });
    expect(vector(ours[1])).toEqual(vector(theirs[1]));
    expect("_folioLbl" in vector(theirs[0])).toBe(false);
  });

  it("measures a number as pdfmake does, its words in the item's Lbl slot", () => {
    const theirs = markers(measurer(PdfmakeMeasure).measureNode(list("ol")));
    const ours = markers(measurer(FolioMeasure).measureNode(list("ol")));
    expect(ours.map((item) => words(item.listMarker._inlines))).toEqual(
      theirs.map((item) => words(item.listMarker._inlines)),
    );
    expect(words(ours[0]?.listMarker._inlines)).toEqual([["1. ", expect.any(Number)]]);
    expect(slots(ours[0]?.listMarker._inlines)).toEqual([slot]);
    expect(slots(ours[1]?.listMarker._inlines)).toEqual([undefined]);
    expect(slots(theirs[0]?.listMarker._inlines)).toEqual([undefined]);
  });

  it("measures the contents as pdfmake does, each entry's words in its TOCI's slot", () => {
    const tocSlot = { id: "toci" };
    const toc = (): Node => ({
      toc: {
        _items: [
          { _textNodeRef: { text: "Overview", _folioTocSlot: tocSlot }, _nodeRef: { id: "overview" } },
          { _textNodeRef: { text: "Sources" }, _nodeRef: { id: "sources" } },
        ],
      },
    });
    const rows = (node: Node) =>
      ((node.toc as Node)._table as { table: { body: Array<Array<{ _inlines?: Word[] }>> } }).table.body;
    const theirs = rows(measurer(PdfmakeMeasure).measureNode(toc()));
    const ours = rows(measurer(FolioMeasure).measureNode(toc()));
    expect(ours.map((row) => row.map((cell) => words(cell._inlines)))).toEqual(
      theirs.map((row) => row.map((cell) => words(cell._inlines))),
    );
    expect(ours[0]?.map((cell) => slots(cell._inlines))).toEqual([[tocSlot], [tocSlot]]);
    expect(ours[1]?.map((cell) => slots(cell._inlines))).toEqual([[undefined], [undefined]]);
  });

  it("adds a fragment as pdfmake does, stamping a repeated header row's items as Pagination artifacts", () => {
    /** The page's items after adding one fragment of two lines (a table's header row when `repeated`). */
    const added = (Writer: WriterClass, repeated: boolean) => {
      const context = new DocumentContext();
      context.addPage({ width: 100, height: 100 }, { left: 10, right: 10, top: 10, bottom: 10 });
      const writer = new Writer(context);
      const line = (y: number) => ({ y, inlines: [], clone: () => ({ y }) });
      const block: Node = {
        items: [
          { type: "line", item: line(0) },
          { type: "line", item: line(12) },
        ],
        height: 24,
      };
      if (repeated) block.insertedOnPages = [];
      expect(writer.addFragment(block)).toBe(true);
      return writer.context().getCurrentPage().items;
    };
    for (const repeated of [false, true]) {
      const theirs = added(PdfmakeWriter, repeated);
      const ours = added(FolioWriter, repeated);
      expect(ours.map(({ _folioArtifact, ...item }) => item)).toEqual(theirs);
      expect(theirs.map((item) => item.item.y)).toEqual([10, 22]);
      expect(ours.map((item) => item._folioArtifact)).toEqual(
        repeated
          ? [
              { kind: "Pagination", force: true },
              { kind: "Pagination", force: true },
            ]
          : [undefined, undefined],
      );
    }
  });
});
