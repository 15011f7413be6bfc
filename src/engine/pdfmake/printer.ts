import { createRequire } from "node:module";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { installPdfEngine } from "../install-pdf.ts";
import { shareParsedFont } from "../pdfkit/font-cache.ts";
import { pdfkitBytes } from "../pdfkit/output.ts";

const require = createRequire(import.meta.url);

/** The part of pdfkit's document the PDF edition touches after layout (outline, end of stream). */
export interface PdfKitDocument extends NodeJS.ReadableStream {
  outline: PdfKitOutline;
  end(): void;
}
export interface PdfKitOutline {
  addItem(title: string, options?: { expanded?: boolean }): PdfKitOutline;
  outlineData: Record<string, unknown>;
}

/** A pdfmake font family: the four faces pdfmake can pick with `bold` / `italics`. */
export interface PdfFontFamily {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/**
 * The fonts a printer may use: pdfmake families naming virtual files, and those files' bytes by
 * name, asked for only when a document sets text in the face (a Map will do).
 */
export interface PdfFontSetup {
  fonts: Record<string, PdfFontFamily>;
  files: { has(name: string): boolean; get(name: string): Uint8Array | undefined };
}

interface PdfmakePrinter {
  createPdfKitDocument(definition: TDocumentDefinitions, options?: object): Promise<PdfKitDocument>;
}
type PrinterClass = new (
  fonts: Record<string, PdfFontFamily>,
  vfs: VirtualFiles,
  urlResolver: { resolve(url: string): void; resolved(): Promise<void> },
  localAccessPolicy: (path: string) => boolean,
) => PdfmakePrinter;

/**
 * pdfmake's Printer class, used directly instead of the `pdfmake` singleton: every printer gets
 * its own fonts and virtual files, and nothing is shared with another renderer in the process.
 */
const Printer = (require("pdfmake/js/Printer.js") as { default: PrinterClass }).default;

interface VirtualFiles {
  /** Set on a document only measured (`PdfPrinter.measure`): its pages are counted, not drawn. */
  [measured]?: { pages: number };
  existsSync(name: string): boolean;
  /** A font by name (fonts given `byName`): see src/engine/pdfkit/font-cache.ts. */
  fontFile(name: string): Buffer | undefined;
  readFileSync(name: string): Buffer;
  writeFileSync(name: string, bytes: Uint8Array): void;
}

/** Marks a document's virtual files (pdfmake keeps them on its pdfkit document) as only measured. */
const measured = Symbol.for("folio.measuredOnly");

interface RendererPrototype {
  renderPages(this: { pdfDocument: { virtualfs?: VirtualFiles } }, pages: unknown[]): void;
}

/**
 * Makes pdfmake's drawing loop count a measured document's pages instead of drawing them (once per
 * process): a try of a layout needs where things stand, which the layout decides, not the drawing.
 */
function installMeasuring(): void {
  const Renderer = (require("pdfmake/js/Renderer.js") as { default: { prototype: RendererPrototype } })
    .default;
  const proto = Renderer.prototype as RendererPrototype & { [measured]?: true };
  if (proto[measured]) return;
  proto[measured] = true;
  const renderPages = proto.renderPages;
  proto.renderPages = function (pages) {
    const count = this.pdfDocument.virtualfs?.[measured];
    if (count) count.pages = pages.length;
    else renderPages.call(this, pages);
  };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A document's virtual files: its resources, and the printer's faces (as files, or, `byName`, by
 * name only: see PrinterOptions).
 */
function virtualFiles(resources: PdfResources, faces: PdfFontSetup["files"], byName: boolean): VirtualFiles {
  const store = new Map<string, Buffer>();
  for (const [name, bytes] of resources) store.set(name, asBuffer(bytes));
  const face = (name: unknown) => (typeof name === "string" ? faces.get(name) : undefined);
  return {
    existsSync: (name) => typeof name === "string" && (store.has(name) || (!byName && faces.has(name))),
    fontFile: (name) => {
      const bytes = byName ? face(name) : undefined;
      return bytes && asBuffer(bytes);
    },
    readFileSync: (name) => {
      const bytes = store.get(name) ?? (byName ? undefined : face(name));
      if (!bytes) throw new Error(`PDF resource \`${name}\` was not supplied`);
      return Buffer.isBuffer(bytes) ? bytes : asBuffer(bytes);
    },
    writeFileSync: (name, bytes) => void store.set(name, Buffer.from(bytes)),
  };
}

/** Refuses every URL: a renderer never reaches the network. */
const offline = {
  resolve(url: string) {
    if (/^https?:/i.test(url)) throw new Error(`PDF resources are never fetched (${url})`);
  },
  resolved: async () => {},
};

/** Images and other binary resources a document definition refers to by name. */
export type PdfResources = Map<string, Uint8Array>;

/** A laid-out document: its page count is known; the PDF is written only when asked for. */
export interface LaidOutPdf {
  pages: number;
  bytes(): Promise<Uint8Array>;
}

/** A pdfmake printer bound to the theme's embedded fonts. */
export interface PdfPrinter {
  /**
   * Lays a document out without drawing it: its page count. For a try that is only measured (its
   * `pageBreakBefore` sees every node's place); the one kept is then rendered.
   */
  measure(definition: TDocumentDefinitions, resources?: PdfResources): Promise<number>;
  /** Lays a document out without writing it (a try that does not fit is never subset or compressed). */
  layOut(definition: TDocumentDefinitions, resources?: PdfResources): Promise<LaidOutPdf>;
  /**
   * Lays out a document definition and returns the PDF bytes. `resources` are the virtual files
   * the definition's `images` name; `afterLayout` may amend the pdfkit document (outline) before it is closed.
   */
  render(
    definition: TDocumentDefinitions,
    resources?: PdfResources,
    afterLayout?: (doc: PdfKitDocument) => void,
  ): Promise<Uint8Array>;
}

export interface PrinterOptions {
  /**
   * Hand the faces to pdfkit by name, as font files are, instead of as bytes: then text that
   * svg-to-pdfkit sets inside an SVG (the fact sheet's map and chart, which asks pdfkit for a font
   * by its name in pdfmake's table) is set in the same faces.
   */
  fontsByName?: boolean;
}

/**
 * Creates a printer whose only fonts are the given faces (no standard-14 font, no system font; no
 * file or URL is ever read). Shared by the PDF edition and the fact sheet.
 */
export function createPdfPrinter({ fonts, files }: PdfFontSetup, options: PrinterOptions = {}): PdfPrinter {
  installPdfEngine();
  installMeasuring();
  // The faces are unpacked once per process and never written to: pdfkit may keep their parse.
  const faces = {
    has: (name: string) => files.has(name),
    get: (name: string) => {
      const bytes = files.get(name);
      if (bytes) shareParsedFont(bytes);
      return bytes;
    },
  };
  const byName = options.fontsByName === true;
  const start = async (
    definition: TDocumentDefinitions,
    resources: PdfResources,
    measure?: { pages: number },
  ) => {
    const vfs = virtualFiles(resources, faces, byName);
    if (measure) vfs[measured] = measure;
    // A fresh Printer per document: pdfmake rewrites its font table while resolving it.
    const allowed = (name: string) => byName && files.has(name);
    const printer = new Printer(structuredClone(fonts), vfs, offline, allowed);
    return printer.createPdfKitDocument(definition);
  };
  return {
    async render(definition, resources = new Map(), afterLayout) {
      const doc = await start(definition, resources);
      afterLayout?.(doc);
      return pdfkitBytes(doc);
    },
    async measure(definition, resources = new Map()) {
      const count = { pages: 0 };
      await start(definition, resources, count);
      return count.pages;
    },
    async layOut(definition, resources = new Map()) {
      const doc = (await start(definition, resources)) as PdfKitDocument & {
        _root: { data: { Pages: { data: { Count: number } } } };
      };
      return { pages: doc._root.data.Pages.data.Count, bytes: () => pdfkitBytes(doc) };
    },
  };
}
