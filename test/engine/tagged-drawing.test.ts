// src/engine/pdfmake/tagging.ts's structure walk (`prepareStructure`) and its drawing loop (in place
// of pdfmake 0.3.11's `Renderer.renderPages` for tagged documents), against pdfmake's own loop (from
// an unpatched copy), on a small definition (a heading, a paragraph with a link, a bulleted list, a
// table with a header row, a decorative rule; one face of Public Sans): every page draws what
// pdfmake's loop draws (the same glyphs at the same places in the same paint, the same paths), once
// the marked-content brackets, the list labels' invisible text and the grouping of words into text
// objects (src/engine/pdfkit/text-objects.ts) are set aside; and the difference is the structure
// those brackets tie to, with the link's annotation (pdfkit's `annotate`, wrapped by
// src/engine/pdfkit/structure.ts) in it, and fewer text objects.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../../src/assets/woff.ts";
import { createPdfPrinter } from "../../src/engine/pdfmake/printer.ts";
import { prepareStructure } from "../../src/engine/pdfmake/tagging.ts";
import { contentOperations, PdfObjects, pdfString, readStructure } from "../support/pdfua.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
const face = woffToSfnt(
  readFileSync(require.resolve("@fontsource/public-sans/files/public-sans-latin-400-normal.woff")),
);
const printer = createPdfPrinter({
  fonts: { body: { normal: "sans", bold: "sans", italics: "sans", bolditalics: "sans" } },
  files: new Map([["sans", face]]),
});

type RenderPages = (this: unknown, pages: unknown[]) => void;
interface RendererProto {
  renderPages: RenderPages;
}
const renderer = (require("pdfmake/js/Renderer.js") as { default: { prototype: RendererProto } }).default
  .prototype;
// The printer installs the PDF engine: Folio's loop is in place from here on.
const folioRenderPages = renderer.renderPages;
const pdfmakeRenderPages = pristineModule<{ default: { prototype: RendererProto } }>("pdfmake/js/Renderer.js")
  .default.prototype.renderPages;

/** A heading, a linked paragraph, a list, a table with a repeated header row, and a rule (an artifact). */
function content(): Content[] {
  const words = "courts in the region moved slowly on cases at the border".split(" ");
  return [
    { text: "Security in the region", tag: { type: "H1" }, fontSize: 14 },
    {
      text: ["The figures come from ", { text: "the annual survey", link: "https://example.org/s" }, "."],
      tag: { type: "P" },
    },
    { ul: ["First point of the list", "Second point"], tag: { type: "L" } },
    {
      canvas: [{ type: "line", x1: 0, y1: 0, x2: 100, y2: 0, lineWidth: 0.5 }],
      artifact: true,
    },
    {
      table: {
        headerRows: 1,
        widths: ["*", "*"],
        body: [
          ["Region", "Cases"],
          ...Array.from({ length: 16 }, (_, i) => [words[i % words.length] as string, String(i * 7)]),
        ],
      },
      tag: { type: "Table" },
    },
  ] as unknown as Content[];
}

const definition = (tagged: boolean) =>
  ({
    pageSize: { width: 220, height: 200 },
    pageMargins: 20,
    defaultStyle: { font: "body", fontSize: 9 },
    info: { title: "Tagged", creationDate: new Date(0), modDate: new Date(0) },
    ...(tagged ? { tagged: true, language: "en" } : {}),
    content: content(),
  }) as unknown as TDocumentDefinitions;

type Operation = ReturnType<typeof contentOperations>[number];
type Operand = Operation["operands"][number];
/** Each page's drawing operations, as text, and the whole PDF's objects. */
function pages(bytes: Uint8Array): { pdf: PdfObjects; operations: Operation[][] } {
  const pdf = new PdfObjects(bytes);
  const operations = pdf.pages().map((ref) => {
    const contents = pdf.array(pdf.dict(ref)?.["/Contents"]);
    const raw = pdf.dict(ref)?.["/Contents"];
    const refs = typeof raw === "string" ? [raw] : (contents as string[]);
    return contentOperations(Buffer.concat(refs.map((r) => pdf.data(r) ?? Buffer.alloc(0))));
  });
  return { pdf, operations };
}

/** Operators that build a path (a fill or stroke with none before it paints nothing). */
const pathOperators = new Set(["m", "l", "c", "v", "y", "h", "re"]);
/** Operators that paint the path built before them. */
const paintOperators = new Set(["f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n"]);

/**
 * A document's drawing, page by page, as what it puts on the page: each run of glyphs shown (TJ)
 * with its font, size, character spacing, place and paint (opacity and colour), and each painted
 * path with its paint, in order. How the drawing is grouped is set aside: text objects and the
 * q/cm/Q around them, a state set again unchanged, a fill of no path (pdfmake's loop writes one
 * per word), marked content, and the list labels' invisible text (a `q … 3 Tr … Q` group). Glyph
 * ids renumbered in order of first use, as the labels' bullet takes a subset id of its own.
 */
function drawn(pagesOps: Operation[][]): string[][] {
  const glyphs = new Map<string, string>();
  const renumber = (hex: string) =>
    (hex.match(/.{4}/g) ?? [])
      .map((gid) => {
        if (!glyphs.has(gid)) glyphs.set(gid, `g${glyphs.size}`);
        return glyphs.get(gid);
      })
      .join(" ");
  const text = (operands: Operand[]) =>
    JSON.stringify(operands, (_, v) => (v && typeof v === "object" && "hex" in v ? renumber(v.hex) : v));
  return pagesOps.map((operations) => {
    const out: string[] = [];
    const state = { gs: "", color: "", font: "", spacing: "0", place: "" };
    let path: string[] = [];
    for (let i = 0; i < operations.length; i++) {
      const { op, operands } = operations[i] as Operation;
      if (op === "q" && operations[i + 1]?.op === "Tr" && operations[i + 1]?.operands[0] === 3) {
        for (let depth = 0; i < operations.length; i++) {
          const inner = (operations[i] as Operation).op;
          if (inner === "q") depth++;
          else if (inner === "Q" && --depth === 0) break;
        }
        continue;
      }
      const paint = `${state.gs} ${state.color}`;
      if (op === "gs") state.gs = text(operands);
      else if (op === "scn" || op === "rg" || op === "sc") state.color = text(operands);
      else if (op === "Tf") state.font = text(operands);
      else if (op === "Tc") state.spacing = text(operands);
      else if (op === "Tm") state.place = text(operands);
      else if (op === "TJ" || op === "Tj")
        out.push(
          `${text(operands)} ${op} in ${state.font} spaced ${state.spacing} at ${state.place} ${paint}`,
        );
      else if (pathOperators.has(op)) path.push(`${text(operands)} ${op}`);
      else if (paintOperators.has(op)) {
        if (path.length > 0) out.push(`${path.join(" ")} ${op} ${paint}`);
        path = [];
      } else if (!["BT", "ET", "q", "Q", "cm", "cs", "BDC", "BMC", "EMC"].includes(op))
        out.push(`${text(operands)} ${op}`);
    }
    return out;
  });
}

describe("tagging: prepareStructure and the tagged drawing loop against pdfmake's renderPages", () => {
  it("is installed in place of pdfmake's loop", () => {
    expect(folioRenderPages).not.toBe(pdfmakeRenderPages);
  });

  it("walks the definition into an element tree and stamps each run with its element's slot", () => {
    const doc = definition(true) as unknown as Record<string, unknown>;
    prepareStructure(doc);
    const nodes = doc.content as { stack?: unknown[] } | unknown[];
    const list = (Array.isArray(nodes) ? nodes : (nodes.stack ?? [])) as Array<Record<string, unknown>>;
    // A node's text becomes its runs, each stamped with the slot of the element it belongs to.
    const slotsOf = (node: unknown): Array<string | undefined> =>
      (node as { text: Array<{ _folioSlot?: { element?: { type?: string } } }> }).text.map(
        (run) => run._folioSlot?.element?.type,
      );
    expect(slotsOf(list[0])).toEqual(["H1"]);
    expect(slotsOf(list[1])).toEqual(["P", "Link", "P"]);
    // The rule is an artifact: nothing of it is stamped.
    expect(JSON.stringify(list[3], (k, v) => (k === "_folioSlot" ? "stamped" : v))).not.toContain("stamped");
  });

  it("draws every page as pdfmake's loop does, within marked content tied to the structure", async () => {
    const ours = pages(await printer.render(definition(true)));
    renderer.renderPages = pdfmakeRenderPages;
    let theirs: ReturnType<typeof pages>;
    try {
      theirs = pages(await printer.render(definition(false)));
    } finally {
      renderer.renderPages = folioRenderPages;
    }
    expect(theirs.operations.length).toBeGreaterThan(1); // the table runs overleaf
    expect(drawn(ours.operations)).toEqual(drawn(theirs.operations));
    // Grouped: a text object per line's run of words, not per word; no fill without a path.
    const count = (all: Operation[][], op: string) => all.flat().filter((o) => o.op === op).length;
    expect(count(ours.operations, "BT")).toBeLessThan(count(theirs.operations, "BT"));
    // A marked-content sequence starts and ends outside text objects, as pdfmake's loop leaves it.
    const marksInText = (all: Operation[][]) => {
      let inText = false;
      let found = 0;
      for (const { op } of all.flat()) {
        if (op === "BT") inText = true;
        else if (op === "ET") inText = false;
        else if (inText && (op === "BDC" || op === "EMC")) found++;
      }
      return found;
    };
    expect(marksInText(ours.operations)).toBe(0);
    const strayFills = (all: Operation[][]) => {
      let path = false;
      let stray = 0;
      for (const { op } of all.flat()) {
        if (pathOperators.has(op)) path = true;
        else if (paintOperators.has(op)) {
          if (!path) stray++;
          path = false;
        }
      }
      return stray;
    };
    expect(strayFills(theirs.operations)).toBeGreaterThan(0);
    expect(strayFills(ours.operations)).toBe(0);

    // The difference: marked content on every page, each sequence an MCID of an element or an Artifact.
    const marks = ours.operations.flat().filter((o) => o.op === "BDC");
    expect(marks.length).toBeGreaterThan(20);
    expect(theirs.operations.flat().filter((o) => o.op === "BDC" || o.op === "BMC")).toEqual([]);
    const tags = new Set(marks.map((o) => String(o.operands[0])));
    expect(tags).toContain("/Artifact");
    const tree = readStructure(ours.pdf);
    const types = tree.elements.map((e) => e.type);
    for (const type of ["H1", "P", "Link", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"])
      expect(types).toContain(type);
    expect(readStructure(theirs.pdf).elements).toEqual([]);
    // Every MCID drawn belongs to one element's kids, and every element's MCID is drawn.
    const drawnIds = marks
      .map((o) => (o.operands[1] as { "/MCID"?: number })["/MCID"])
      .filter((id) => id !== undefined);
    const treeIds = tree.elements.flatMap((e) =>
      e.kids.flatMap((k) => ("mcid" in k ? [(k as { mcid: number }).mcid] : [])),
    );
    expect(new Set(drawnIds).size).toBe(new Set(treeIds).size);
    // The link's annotation (pdfkit's `annotate`, wrapped): described by its text, in the structure
    // by an OBJR on the page it is on; pdfmake's has neither.
    const link = tree.elements.find((e) => e.type === "Link");
    const objr = link?.kids.find((k) => "objr" in k) as { objr: string; page?: string } | undefined;
    const annotation = ours.pdf.dict(objr?.objr);
    expect(pdfString(annotation?.["/Contents"])).toBe("the annual survey");
    expect(annotation?.["/StructParent"]).toBeTypeOf("number");
    expect(objr?.page).toBe(ours.pdf.pages()[0]);
    const theirAnnotation = theirs.pdf.dict(
      theirs.pdf.array(theirs.pdf.dict(theirs.pdf.pages()[0])?.["/Annots"])[0],
    );
    expect(theirAnnotation?.["/Subtype"]).toBe("/Link");
    expect(theirAnnotation?.["/StructParent"]).toBeUndefined();
  });
});
