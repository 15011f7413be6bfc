import type { Assets, FontRole, FontWeight } from "../../assets/types.ts";
import { createPdfPrinter, type PdfFontFamily, type PdfPrinter } from "../../engine/pdfmake/printer.ts";

/** The sheet's printer per set of faces (the assets keep one for their life). */
const printers = new WeakMap<object, PdfPrinter>();

/**
 * A printer with the sheet's faces: body and heading in their latin faces, bold set at 700 (the
 * sheet's figures and headings are bold, not semi-bold), no italics. The faces go to pdfkit by
 * name, so the text inside the map's and chart's SVG is set in them too.
 */
export function sheetPrinter(assets: Assets): PdfPrinter {
  const known = printers.get(assets.fonts);
  if (known) return known;
  const files = new Map<string, Uint8Array>();
  const face = (role: FontRole, weight: FontWeight) => {
    const name = `sheet/${role}-latin-${weight}-normal.sfnt`;
    if (!files.has(name)) files.set(name, assets.fonts.face(role, weight, "normal", "sfnt", "latin"));
    return name;
  };
  const family = (role: FontRole): PdfFontFamily => ({
    normal: face(role, 400),
    bold: face(role, 700),
    italics: face(role, 400),
    bolditalics: face(role, 700),
  });
  const printer = createPdfPrinter(
    { fonts: { body: family("body"), heading: family("heading") }, files },
    { fontsByName: true },
  );
  printers.set(assets.fonts, printer);
  return printer;
}
