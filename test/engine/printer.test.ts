// src/engine/pdfmake/printer.ts against pdfmake 0.3.11's own Printer used as pdfmake documents it
// (its VirtualFileSystem and URLResolver), on a small definition (one face of Public Sans, a
// 4 x 4 PNG, three pages): the same PDF bytes; layout without writing gives the page count and,
// when asked, those bytes; measuring without drawing places every node as the layout does; and, as documented, nothing outside the given files is ever read.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { createPdfPrinter } from "../../src/engine/pdfmake/printer.ts";

const require = createRequire(import.meta.url);
interface VirtualFileSystem {
  writeFileSync(name: string, bytes: Uint8Array): void;
}
type PrinterClass = new (
  fonts: object,
  vfs: VirtualFileSystem,
  resolver: object,
) => {
  createPdfKitDocument(definition: TDocumentDefinitions): Promise<NodeJS.ReadableStream & { end(): void }>;
};
const Printer = (require("pdfmake/js/Printer.js") as { default: PrinterClass }).default;
/** pdfmake exports one virtual file system; its class makes one per document here. */
const VirtualFS = (require("pdfmake/js/virtual-fs.js") as { default: object }).default
  .constructor as new () => VirtualFileSystem;
const URLResolver = (require("pdfmake/js/URLResolver.js") as { default: new (fs: object) => object }).default;

const face = woffToSfnt(
  readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-400-normal.woff")),
);
const chartPath = fileURLToPath(new URL("../fixtures/apparatus/chart.png", import.meta.url));

/**
 * A 4 x 4 RGB PNG. Not the RGBA chart: pdfkit splits an alpha channel asynchronously, so the place
 * of that image's objects in the file depends on when the document is ended.
 */
function rgbPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, no interlace
  const rows = Buffer.concat(
    Array.from({ length: 4 }, (_, y) =>
      Buffer.from([0, ...Array.from({ length: 12 }, (_, x) => (x * 20 + y * 60) % 256)]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const chart = rgbPng();
const fonts = { body: { normal: "sans", bold: "sans", italics: "sans", bolditalics: "sans" } };

/** A definition whose image `chart` is the file (virtual, on disk, or a URL) `image`. */
const definition = (image = "chart.png"): TDocumentDefinitions => ({
  images: { chart: image },
  pageSize: { width: 200, height: 200 },
  defaultStyle: { font: "body", fontSize: 9 },
  info: { creationDate: new Date(0), modDate: new Date(0) },
  content: [
    { text: "Security in Bamako and Gao, 2021." },
    { image: "chart", width: 60, pageBreak: "before" },
    { text: "Sources", pageBreak: "before" },
  ],
});

/** pdfmake's own printer: faces and images as files of its virtual file system. */
async function pdfmakeBytes(doc: TDocumentDefinitions, files: Record<string, Uint8Array>) {
  const vfs = new VirtualFS();
  for (const [name, bytes] of Object.entries(files)) vfs.writeFileSync(name, bytes);
  const pdf = await new Printer(structuredClone(fonts), vfs, new URLResolver(vfs)).createPdfKitDocument(doc);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => pdf.on("end", resolve));
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

describe("printer: createPdfPrinter against pdfmake's Printer", { timeout: 8000 }, () => {
  const printer = createPdfPrinter({ fonts, files: new Map([["sans", face]]) });
  const resources = new Map([["chart.png", new Uint8Array(chart)]]);

  it("writes the bytes pdfmake's printer writes", async () => {
    const theirs = await pdfmakeBytes(definition(), { sans: face, "chart.png": chart });
    const ours = Buffer.from(await printer.render(definition(), resources));
    expect(ours.equals(theirs)).toBe(true);
    expect(theirs.includes("/Subtype /Image")).toBe(true);
  });

  it("lays out without writing: the page count, and the same bytes when asked", async () => {
    const theirs = await pdfmakeBytes(definition(), { sans: face, "chart.png": chart });
    const laidOut = await printer.layOut(definition(), resources);
    expect(laidOut.pages).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 20)); // written later than pdfmake's
    expect(Buffer.from(await laidOut.bytes()).equals(theirs)).toBe(true);
  });

  it("measures without drawing: the page count, and every node where the layout put it", async () => {
    // Where pdfmake's layout places each node, as a definition's pageBreakBefore sees it.
    const placed = (doc: TDocumentDefinitions) => {
      const places: string[] = [];
      return {
        places,
        doc: {
          ...doc,
          pageBreakBefore: (node: { text?: unknown; startPosition: { pageNumber: number; top: number } }) => {
            places.push(`${String(node.text)} ${node.startPosition.pageNumber} ${node.startPosition.top}`);
            return false;
          },
        } as TDocumentDefinitions,
      };
    };
    const drawn = placed(definition());
    const measured = placed(definition());
    expect((await printer.layOut(drawn.doc, resources)).pages).toBe(3);
    expect(await printer.measure(measured.doc, resources)).toBe(3);
    expect(measured.places).toEqual(drawn.places);
    expect(measured.places.length).toBeGreaterThanOrEqual(2);
    // A document measured is never drawn: no page is added to its pdfkit document.
    const documentClass = (
      require("pdfmake/js/PDFDocument.js") as {
        default: { prototype: { addPage(...args: never[]): unknown } };
      }
    ).default.prototype;
    const addPage = documentClass.addPage;
    let pages = 0;
    documentClass.addPage = function (this: unknown, ...args: never[]) {
      pages++;
      return addPage.apply(this, args);
    };
    try {
      await printer.measure(definition(), resources);
      expect(pages).toBe(0);
      await printer.layOut(definition(), resources);
      expect(pages).toBe(3);
    } finally {
      documentClass.addPage = addPage;
    }
    // The same document rendered after a measure is pdfmake's, byte for byte.
    const theirs = await pdfmakeBytes(definition(), { sans: face, "chart.png": chart });
    expect(Buffer.from(await printer.render(definition(), resources)).equals(theirs)).toBe(true);
  });

  it("differs as documented: reads no file it was not given, where pdfmake's printer reads the disk", async () => {
    const theirs = await pdfmakeBytes(definition(chartPath), { sans: face });
    expect(theirs.includes("/Subtype /Image")).toBe(true);
    await expect(printer.render(definition(chartPath))).rejects.toThrow(
      `Access to local file denied by resource access policy: ${chartPath}`,
    );
    // Nor one of its resources that the renderer did not supply, which pdfmake would look for on disk.
    await expect(printer.render(definition())).rejects.toThrow(/access policy: chart\.png/);
    await expect(printer.render(definition("https://example.org/chart.png"))).rejects.toThrow(
      /never fetched/,
    );
  });
});
