/**
 * Checks of an image's bytes beyond its header, made once when the model loads so that a file every
 * renderer would choke on differently (PDFKit throws, HTML and Word show a broken picture) is one
 * error at the image's line.
 */

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Why the image's data cannot be drawn, or undefined when it can; `type` is image-size's (`png`, `svg`…). */
export function imageDataProblem(bytes: Uint8Array, type: string): string | undefined {
  if (type === "png") return pngProblem(bytes);
  if (type === "svg") return svgProblem(bytes);
  return undefined;
}

/**
 * A PNG is a signature and chunks (length, type, data, CRC) from IHDR to IEND; a file cut short is
 * damaged. Checksums are not checked: browsers, Word and PDFKit all draw a PNG whose CRC is wrong.
 */
function pngProblem(bytes: Uint8Array): string | undefined {
  if (!pngSignature.every((b, i) => bytes[i] === b)) return "is not a PNG file (its signature is wrong)";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let sawData = false;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) return `is cut short (its ${type} chunk ends past the file's end)`;
    if (type === "IDAT") sawData = true;
    if (type === "IEND") return sawData ? undefined : "has no image data (no IDAT chunk)";
    offset = end;
  }
  return "is cut short (it ends before its IEND chunk)";
}

/**
 * An SVG is XML; a document type with entities is refused: an internal entity can expand
 * exponentially (a "billion laughs") and an external one reads another file, and PDFKit's SVG
 * reader does not expand them at all. Text that is not an SVG document at all is refused too.
 */
function svgProblem(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder("utf-8").decode(bytes);
  if (/<!ENTITY/i.test(text))
    return "declares XML entities (`<!ENTITY`): write the text out instead (entities are not expanded)";
  if (!/<svg[\s>]/i.test(text) || !/<\/svg\s*>|<svg[^>]*\/>/i.test(text))
    return "is not a complete SVG document (no closing `</svg>`)";
  return undefined;
}
