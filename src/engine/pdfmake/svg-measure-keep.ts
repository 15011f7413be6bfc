import { createRequire } from "node:module";
import { KeptByKey } from "../../assets/kept.ts";

// pdfmake measures an SVG (a chart, a map) by parsing the whole document with xmldoc for its width
// and height, then parses it again to write the laid-out size into it and serialises it back: two
// parses of a 33 KB map, about 38 ms of a cold fact sheet, and again for every try of the sheet's
// fit and every layout of a watch rebuild, though the SVG text is the same each time. Both are pure
// functions of their arguments (the text; the text and the size), so their results are kept by
// them: the same size and the same serialised SVG, without parsing again.

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.svgMeasureKeep");

interface Dimensions {
  width?: number;
  height?: number;
}
/** pdfmake's SVGMeasure, the part this keeps. */
interface SvgMeasure {
  measureSVG(svg: unknown): Dimensions;
  writeDimensions(svg: unknown, dimensions: { width: number; height: number }): unknown;
  [installed]?: true;
}

// Sizes by SVG text, serialised SVGs by size and text: up to 8 million characters of SVG each. The
// training report's map and chart are of no use to the reports a snapshot's processes render (and
// would favour a report of the training's country).
const sizes = new KeptByKey<Dimensions>(8 * 2 ** 20, { weigh: (_, svg) => svg.length, notInSnapshot: true });
const written = new KeptByKey<string>(8 * 2 ** 20, {
  weigh: (svg, key) => key.length + svg.length,
  notInSnapshot: true,
});

/** Gives pdfmake's SVGMeasure its results kept by their arguments (SVG text only). Idempotent. */
export function installSvgMeasureKeep(): void {
  const SVGMeasure = (require("pdfmake/js/SVGMeasure.js") as { default: { prototype: SvgMeasure } }).default;
  const proto = SVGMeasure.prototype;
  if (proto[installed]) return;
  proto[installed] = true;
  const measureSVG = proto.measureSVG;
  const writeDimensions = proto.writeDimensions;

  proto.measureSVG = function (this: SvgMeasure, svg: unknown): Dimensions {
    if (typeof svg !== "string") return measureSVG.call(this, svg);
    // An SVG pdfmake refuses throws here, every time, as before; a size is the caller's to change.
    return { ...sizes.get(svg, () => measureSVG.call(this, svg)) };
  };

  proto.writeDimensions = function (
    this: SvgMeasure,
    svg: unknown,
    dimensions: { width: number; height: number },
  ) {
    if (typeof svg !== "string") return writeDimensions.call(this, svg, dimensions);
    // pdfmake serialises a string SVG back to a string.
    return written.get(
      `${dimensions.width} ${dimensions.height}\n${svg}`,
      () => writeDimensions.call(this, svg, dimensions) as string,
    );
  };
}
