import { createRequire } from "node:module";
import { startupSnapshot } from "node:v8";

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

/** Sizes by SVG text; serialised SVGs by text and size. Bounded by the characters of SVG kept. */
let sizes = new Map<string, Dimensions>();
let written = new Map<string, Map<string, string>>();
let keptCharacters = 0;
const maxKeptCharacters = 16 * 2 ** 20;

function forget(): void {
  sizes = new Map();
  written = new Map();
  keptCharacters = 0;
}

function keepRoomFor(svg: string): void {
  if (keptCharacters + svg.length > maxKeptCharacters) forget();
}

// The training report's map and chart are of no use to the reports a snapshot's processes render
// (and would favour a report of the training's country).
if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.addSerializeCallback(forget);

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
    let size = sizes.get(svg);
    if (!size) {
      // An SVG pdfmake refuses throws here, every time, as before.
      size = measureSVG.call(this, svg);
      keepRoomFor(svg);
      sizes.set(svg, size);
      keptCharacters += svg.length;
    }
    return { ...size };
  };

  proto.writeDimensions = function (
    this: SvgMeasure,
    svg: unknown,
    dimensions: { width: number; height: number },
  ) {
    if (typeof svg !== "string") return writeDimensions.call(this, svg, dimensions);
    const size = `${dimensions.width} ${dimensions.height}`;
    const known = written.get(svg)?.get(size);
    if (known !== undefined) return known;
    const result = writeDimensions.call(this, svg, dimensions);
    if (typeof result !== "string") return result;
    keepRoomFor(svg);
    let bySize = written.get(svg);
    if (!bySize) {
      bySize = new Map();
      written.set(svg, bySize);
      keptCharacters += svg.length;
    }
    bySize.set(size, result);
    keptCharacters += result.length;
    return result;
  };
}
