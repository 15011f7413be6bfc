import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { fontPath } from "../../theme/fonts.ts";
import type { Theme } from "../../theme/theme.ts";
import { installEngine } from "../install.ts";
import { shareParsedFont } from "../pdfkit/font-cache.ts";
import { pdfkitBytes } from "../pdfkit/output.ts";

const require = createRequire(import.meta.url);
const cachedFonts = fileURLToPath(new URL("../../../node_modules/.cache/folio/fonts/", import.meta.url));

interface PdfKitDocument extends NodeJS.ReadableStream {
  end(): void;
  /** pdfkit's page tree: `Count` is the number of pages added so far. */
  _root: { data: { Pages: { data: { Count: number } } } };
}
type PrinterClass = new (
  fonts: Record<string, Record<"normal" | "bold" | "italics" | "bolditalics", string>>,
  vfs: undefined,
  urlResolver: { resolve(url: string): void; resolved(): Promise<void> },
  localAccessPolicy: (path: string) => boolean,
) => { createPdfKitDocument(definition: TDocumentDefinitions): Promise<PdfKitDocument> };

const Printer = (require("pdfmake/js/Printer.js") as { default: PrinterClass }).default;

/**
 * The same face unpacked to TrueType by `make` (tools/bundle.js), when there: pdfkit reads a
 * WOFF given by path with a JavaScript inflate on every document (a third of a sheet's time).
 */
function unpacked(theme: Theme, role: "body" | "heading", woff: string): string {
  const pkg = theme.fonts[role].package ?? "";
  const version = (require(`${pkg}/package.json`) as { version: string }).version;
  const ttf = join(cachedFonts, `${pkg.split("/")[1]}@${version}`, basename(woff).replace(/\.woff$/, ".ttf"));
  return existsSync(ttf) ? ttf : woff;
}

/** A laid-out fact sheet: its page count is known; the PDF is written only when asked for. */
export interface LaidOutPdf {
  pages: number;
  bytes(): Promise<Uint8Array>;
}

/**
 * Lays out a fact sheet definition with the theme's @fontsource faces. The faces are named by their
 * path in the npm package rather than by virtual-file name (as `src/render/pdf/printer.ts` does)
 * because the SVG renderer inside pdfmake (svg-to-pdfkit) hands the font name straight to pdfkit,
 * which can only open a real path: so the map's and chart's text is set in the theme's fonts too.
 * Only those font files may be read; URLs are refused. A try that overflows the page is never
 * written out (subsetting and compressing the faces was half of each try).
 */
export async function layOutPdf(definition: TDocumentDefinitions, theme: Theme): Promise<LaidOutPdf> {
  installEngine();
  const allowed = new Set<string>();
  const face = (role: "body" | "heading", weight: 400 | 600 | 700) => {
    const path = unpacked(theme, role, fontPath(theme, role, weight, "normal", "woff"));
    allowed.add(path);
    shareParsedFont(path); // a file of an installed package: pdfkit may keep its parse
    return path;
  };
  const fonts = {
    body: {
      normal: face("body", 400),
      bold: face("body", 700),
      italics: face("body", 400),
      bolditalics: face("body", 700),
    },
    heading: {
      normal: face("heading", 400),
      bold: face("heading", 700),
      italics: face("heading", 400),
      bolditalics: face("heading", 700),
    },
  };
  const offline = {
    resolve(url: string) {
      if (/^https?:/i.test(url)) throw new Error(`the fact sheet never fetches ${url}`);
    },
    resolved: async () => {},
  };
  const doc = await new Printer(fonts, undefined, offline, (path) => allowed.has(path)).createPdfKitDocument(
    definition,
  );
  return { pages: doc._root.data.Pages.data.Count, bytes: () => pdfkitBytes(doc) };
}
