// src/engine/pdfmake/svg-measure-keep.ts against pdfmake 0.3.11's own SVGMeasure: the same sizes,
// the same serialised SVG and the same errors for each SVG, and the second time without parsing.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installSvgMeasureKeep } from "../../src/engine/pdfmake/svg-measure-keep.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
interface SvgMeasure {
  measureSVG(svg: unknown): { width?: number; height?: number };
  writeDimensions(svg: unknown, dimensions: { width: number; height: number }): unknown;
}
type SvgMeasureClass = new () => SvgMeasure;
const SVGMeasure = (require("pdfmake/js/SVGMeasure.js") as { default: SvgMeasureClass }).default;
/** pdfmake's own, from a fresh copy of its module: another file in this worker may have installed
 * the keep in the shared one already. */
const PdfmakeSVGMeasure = pristineModule<{ default: SvgMeasureClass }>("pdfmake/js/SVGMeasure.js").default;
const xmldoc = require("xmldoc") as { XmlDocument: new (text: string) => unknown };

/** A measurer's results for each SVG (or its error). */
function results(measure: SvgMeasure, svgs: string[]) {
  return svgs.map((svg) => {
    try {
      const size = measure.measureSVG(svg);
      return { size, written: measure.writeDimensions(svg, { width: 120.5, height: 80 }) };
    } catch (error) {
      return { error: String(error) };
    }
  });
}

const svgs = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="10" height="10"/><text x="1" y="2">  Niamey  </text></svg>',
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><!-- map --><path d="M0 0L1 1"/></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg" width="12pt" viewBox="0,0,40,20"><g/></svg>',
  '<svg width="1" height="1"><broken></svg>',
  "<notsvg/>",
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1"/>',
];

describe("svg-measure-keep: pdfmake's SVG measuring, kept by its arguments", () => {
  it("gives pdfmake's sizes, serialised SVGs and errors, and parses each SVG once", () => {
    const theirs = results(new PdfmakeSVGMeasure(), svgs);
    installSvgMeasureKeep();
    const measure = new SVGMeasure();
    expect(results(measure, svgs)).toEqual(theirs);
    // Again, from the keep: the same results, and xmldoc not asked to parse a valid SVG again.
    const parse = xmldoc.XmlDocument;
    let parses = 0;
    xmldoc.XmlDocument = function (this: unknown, text: string) {
      parses++;
      return new parse(text);
    } as unknown as typeof parse;
    try {
      expect(results(measure, svgs)).toEqual(theirs);
    } finally {
      xmldoc.XmlDocument = parse;
    }
    // Only the SVGs pdfmake refuses are parsed again (a refusal is not kept).
    expect(parses).toBe(theirs.filter((r) => "error" in r).length);
    // A size is the caller's own object: changing it changes nothing kept.
    const size = measure.measureSVG(svgs[0]);
    size.width = 1;
    expect(measure.measureSVG(svgs[0])).toEqual(
      theirs[0] && "size" in theirs[0] ? theirs[0].size : undefined,
    );
    // Another size is written anew.
    expect(measure.writeDimensions(svgs[0], { width: 77.25, height: 5 })).toContain(
      'width="77.25" height="5"',
    );
  });
});
