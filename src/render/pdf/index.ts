/**
 * The PDF edition's reusable parts, for other print outputs (the fact sheet):
 * - `pdfFonts(assets.fonts).printer()` → `printer.render(definition, resources?)`: pdfmake with the theme's
 *   embedded @fontsource faces (families `body`, `heading`, `mono`), no network, no disk, no standard-14 font.
 * - `createPdfContext({theme, fonts, labels, file, width, height, images?})` then `blocksToPdf(nodes, ctx)` /
 *   `inlinesToPdf(nodes, ctx)`: the same handlers the report uses, mdast in, pdfmake nodes out.
 * - `pdfStyles(theme, fonts)` / `defaultStyle(theme, fonts)`: the named styles those nodes refer to (put them in the definition).
 * - `textRuns(text, ctx)`: plain text split across fallback faces so no character goes missing.
 */
export { blocksToPdf } from "./blocks.ts";
export { createPdfContext, type PdfBlock, type PdfContext, type PdfInline } from "./context.ts";
export { type PdfFonts, pdfFonts } from "./fonts.ts";
export { pdfFormat, renderPdf } from "./format.ts";
export { inlinesToPdf, textRuns } from "./inline.ts";
export { defaultStyle, leading, pdfStyles } from "./styles.ts";
