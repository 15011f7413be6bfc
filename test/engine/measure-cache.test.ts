// src/engine/pdfmake/measure-cache.ts against pdfmake 0.3.11's own DocMeasure.measureLeaf, on
// pdfkit's built-in Helvetica (no document laid out): a node measured again gives what pdfmake's
// measure gives, from the cache while its text and styles are the same, measured afresh when not.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installMeasureCache } from "../../src/engine/pdfmake/measure-cache.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
interface Leaf {
  text: unknown;
  _inlines?: Array<{ text: string; width: number }>;
  _minWidth?: number;
  _maxWidth?: number;
}
interface Measure {
  measureLeaf(node: Leaf): Leaf;
  styleStack: { push(style: object): void; pop(): void };
  textInlines: { buildInlines(...args: unknown[]): unknown };
}
type MeasureClass = new (
  doc: object,
  styles: object,
  defaultStyle: object,
  svg: null,
  layouts: object,
) => Measure;
const DocMeasure = (require("pdfmake/js/DocMeasure.js") as { default: MeasureClass }).default;
const PDFDocument = (require("pdfmake/js/PDFDocument.js") as { default: new (fonts: object) => object })
  .default;

// pdfmake's own, from a fresh copy of its module: another file in this worker may have installed
// the cache in the shared one already.
const pdfmakeMeasureLeaf = pristineModule<{ default: MeasureClass }>("pdfmake/js/DocMeasure.js").default
  .prototype.measureLeaf;
installMeasureCache();
const folioMeasureLeaf = DocMeasure.prototype.measureLeaf;

const helvetica = {
  normal: "Helvetica",
  bold: "Helvetica-Bold",
  italics: "Helvetica-Oblique",
  bolditalics: "Helvetica-BoldOblique",
};
const measurer = () =>
  new DocMeasure(
    new PDFDocument({ body: helvetica }),
    { strong: { bold: true } },
    { font: "body", fontSize: 10 },
    null,
    {},
  );

/** What a measure leaves on a node: its words with their widths, and its least and greatest width. */
const measured = (node: Leaf) => ({
  words: node._inlines?.map((inline) => [inline.text, inline.width]),
  min: node._minWidth,
  max: node._maxWidth,
});

const paragraph = (): Leaf => ({
  text: [{ text: "Security in " }, { text: "Bamako", bold: true }, " and Gao, 2021."],
});

describe("measure-cache: measureLeaf against pdfmake's", () => {
  it("is installed in place of pdfmake's", () => {
    expect(String(folioMeasureLeaf)).not.toBe(String(pdfmakeMeasureLeaf));
  });

  it("measures a node as pdfmake does, the first time and again from the cache", () => {
    const theirs = measured(pdfmakeMeasureLeaf.call(measurer(), paragraph()));
    const ours = measurer();
    const node = paragraph();
    expect(measured(folioMeasureLeaf.call(ours, node))).toEqual(theirs);
    // A later layout pass: the same words, without building them again.
    let built = 0;
    const inlines = ours.textInlines;
    const buildInlines = inlines.buildInlines;
    inlines.buildInlines = (...args) => {
      built++;
      return buildInlines.apply(inlines, args);
    };
    node._inlines = [];
    expect(measured(folioMeasureLeaf.call(ours, node))).toEqual(theirs);
    expect(built).toBe(0);
    node.text = "Mopti";
    folioMeasureLeaf.call(ours, node);
    expect(built).toBe(1);
    expect(theirs.words?.length).toBeGreaterThan(4);
  });

  it("measures again when the node's text or the styles around it change", () => {
    const ours = measurer();
    const node = paragraph();
    folioMeasureLeaf.call(ours, node);
    node.text = "Mopti";
    expect(measured(folioMeasureLeaf.call(ours, node))).toEqual(
      measured(pdfmakeMeasureLeaf.call(measurer(), { text: "Mopti" })),
    );
    ours.styleStack.push({ fontSize: 20 });
    const theirs = measurer();
    theirs.styleStack.push({ fontSize: 20 });
    const larger = measured(folioMeasureLeaf.call(ours, node));
    expect(larger).toEqual(measured(pdfmakeMeasureLeaf.call(theirs, { text: "Mopti" })));
    expect(larger.max).toBeGreaterThan(
      measured(pdfmakeMeasureLeaf.call(measurer(), { text: "Mopti" })).max ?? 0,
    );
  });
});
