import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { installEngine } from "../src/engine/install.ts";
import { findInOrder, foldSpace, treeSentences } from "../src/model/sentences.ts";
import type { ReportModel } from "../src/model/types.ts";
import { sheetPrinter } from "../src/render/factsheet/fonts.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { factSheetLayout } from "../src/render/factsheet/layout.ts";
import { factSheetDefinition } from "../src/render/factsheet/pdf.ts";
import { buildFactSheet } from "../src/render/factsheet/sheet.ts";
import { messageFile } from "../src/render/format.ts";
import { pdfDocument } from "../src/render/pdf/document.ts";
import { pdfFonts } from "../src/render/pdf/fonts.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { pdfPages } from "./pdf-text.ts";
import {
  checkPdfUa,
  type PdfUaFailure,
  structureTextPdfJs,
  structureTextPoppler,
  xmlProblem,
} from "./support/pdfua.ts";
import { artifactsOf, loadReport, optionsFor, renderPdf, sharedBytes, testAssets } from "./support/render.ts";

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "folio-pdfua-"));
const epoch = 1_700_000_000;

/** Every sentence and heading of the source in order in the tagged text (pdf.js and poppler), and its headings as H1–H6. */
async function expectTaggedTextHoldsSource(model: ReportModel, bytes: Uint8Array): Promise<void> {
  // Compared without whitespace: a hard line break has none in the source's text, a line break in the PDF's.
  const squeeze = (text: string) => text.replace(/\s+/g, "");
  const sentences = treeSentences(model.tree).map(squeeze);
  const headings = model.outline.map((entry) => foldSpace(entry.text));
  for (const [reader, tagged] of [
    ["pdf.js", await structureTextPdfJs(bytes)],
    ["poppler", structureTextPoppler(bytes)],
  ] as const) {
    const found = findInOrder(squeeze(tagged.text), sentences);
    expect(
      found.missing,
      `${reader}: sentence ${found.found + 1} of ${sentences.length} missing`,
    ).toBeUndefined();
    let at = 0;
    for (const heading of headings) {
      const index = tagged.headings.indexOf(heading, at);
      expect(index, `${reader}: heading “${heading}” is not an H1–H6 in order`).toBeGreaterThanOrEqual(0);
      at = index + 1;
    }
    expect(tagged.headings[0], `${reader}: the title is the first heading`).toBe(foldSpace(model.meta.title));
  }
}

function report(name: string, text: string): ReportModel {
  const path = join(dir, `${name}.md`);
  writeFileSync(path, text);
  return loadReport(path);
}

describe("every PDF Folio writes is tagged PDF/UA-1", () => {
  let mali: ReportModel;
  let maliPdf: Uint8Array;
  beforeAll(async () => {
    mali = loadReport("source/mali-2021.md");
    // The build pdf.test and docx-layout read too (sharedRender).
    maliPdf = await sharedBytes(pdfFormat, mali, { sourceDateEpoch: epoch });
  });

  it("the Mali report passes the checker, and its tagged text holds the source", async () => {
    expect(checkPdfUa(maliPdf)).toEqual([]);
    await expectTaggedTextHoldsSource(mali, maliPdf);
    const tagged = (await structureTextPdfJs(maliPdf)).text;
    // The running header and "Page N of M" footer are Artifacts: in every page's text, not in the tagged text.
    const pages = await pdfPages(maliPdf);
    expect(pages[1]?.text).toMatch(/Page 2 of \d/);
    expect(tagged).not.toMatch(/Page \d of \d/);
  });

  it("the Mali fact sheet passes; its map and chart are Figures described from their data", async () => {
    const artifacts = await artifactsOf(factsheetFormat, mali, { sourceDateEpoch: epoch });
    const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
    expect(checkPdfUa(pdf)).toEqual([]);
    const poppler = execFileSync("pdfinfo", ["-struct-text", save("sheet.pdf", pdf)], { encoding: "utf8" });
    expect(poppler).toMatch(/^\s*H1 \(block\)\n\s*"Mali"/m);
    const figures = await figureAlts(pdf);
    expect(figures).toHaveLength(2);
    expect(figures[0]).toMatch(/^Locator map of Mali .*Bamako/);
    for (const place of mali.facts.places) expect(figures[0]).toContain(place.name);
    for (const incident of mali.facts.incidents)
      if (incident.killed) expect(figures[1]).toContain(String(incident.killed.n));
    const text = foldSpace((await structureTextPdfJs(pdf)).text);
    for (const fact of mali.facts.figures) expect(text).toContain(fact.value);
  });

  it("a source with a skipped heading level, & in the title, a glyph no face has and an image without alt", async () => {
    const model = report(
      "tricky",
      "---\ntitle: Peace & Security <Sahel>\nlang: fr\n---\n\n## Top\n\nText.\n\n#### Skipped\n\nMore text with \u0600 in it.\n\n### Third\n\nEnd.\n",
    );
    const pdf = await renderPdf(model, { sourceDateEpoch: epoch });
    expect(checkPdfUa(pdf)).toEqual([]);
    const roles = await headingRoles(pdf);
    // The contents (three headings: it has one, in French) head at H2 like the sections.
    expect(roles).toEqual(["H1:Peace & Security <Sahel>", "H2:Sommaire", "H2:Top", "H3:Skipped", "H3:Third"]);
    const xmp = execFileSync("qpdf", ["--show-object=trailer", save("tricky.pdf", pdf)], {
      encoding: "utf8",
    });
    expect(xmp).toContain("/Root");
    expect(Buffer.from(pdf).toString("latin1")).toContain("Peace &amp; Security &lt;Sahel&gt;");
    expect(Buffer.from(pdf).toString("latin1")).toContain("/Lang (fr)");
  });

  it("a table over three pages: its header row repeats on each as an Artifact, tagged once as TH", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `| row ${i + 1} | value ${i + 1} |`).join("\n");
    const model = report(
      "long-table",
      `---\ntitle: Long table\n---\n\n## Data\n\n| Name | Value |\n|---|---|\n${rows}\n`,
    );
    const pdf = await renderPdf(model, { sourceDateEpoch: epoch });
    expect(checkPdfUa(pdf)).toEqual([]);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(2)) expect(page.text).toMatch(/Name\s*Value/);
    const tree = execFileSync("pdfinfo", ["-struct-text", save("long-table.pdf", pdf)], { encoding: "utf8" });
    expect(tree.match(/^\s*TH:$/gm)).toHaveLength(2);
    expect(tree.match(/^\s*TR$/gm)).toHaveLength(121);
    expect((await structureTextPdfJs(pdf)).text.match(/Name/g)).toHaveLength(1);
  });

  it("the feature sampler (lists, task lists, tables, quotes, code, notes, images) passes", async () => {
    const model = loadReport("test/fixtures/pdf-features/features.md");
    const pdf = await renderPdf(model, { sourceDateEpoch: epoch });
    expect(checkPdfUa(pdf)).toEqual([]);
    await expectTaggedTextHoldsSource(model, pdf);
    const tree = execFileSync("pdfinfo", ["-struct-text", save("features.pdf", pdf)], { encoding: "utf8" });
    for (const role of [
      "L",
      "LI",
      "Lbl",
      "LBody",
      "Table",
      "TR",
      "TH",
      "TD",
      "BlockQuote",
      "Code",
      "Note",
      "Figure",
      "Link",
    ])
      expect(tree, role).toMatch(new RegExp(`^\\s*${role}\\b`, "m"));
    expect(tree).toMatch(/TH:\n\s*\/Scope \/Column/);
    expect(tree).toMatch(/Lbl \(block\)\n\s*"•"/);
    expect(tree).toMatch(/Lbl \(block\)\n\s*"\[x\]"/);
  });

  it("tagging leaves every page drawn as before: same pixels, same text at the same places", async () => {
    const features = loadReport("test/fixtures/pdf-features/features.md");
    const report = (model: ReportModel) => async (tagged: boolean) => {
      const options = optionsFor(model, { sourceDateEpoch: epoch });
      const plan = pdfDocument(model, testAssets(), options, messageFile(model));
      return pdfFonts(testAssets().fonts).printer().render(untag(plan.definition, tagged), plan.resources);
    };
    const assets = testAssets();
    const layout = factSheetLayout(assets.theme, optionsFor(mali).paper);
    const sheet = await buildFactSheet(mali, assets, layout, messageFile(mali));
    const factSheet = async (tagged: boolean) => {
      const definition = factSheetDefinition(sheet, assets.theme, {
        subject: mali.description,
        creator: "Folio",
      });
      return (await sheetPrinter(assets).layOut(untag(definition, tagged))).bytes();
    };
    for (const [name, render] of [
      ["mali", report(mali)],
      ["features", report(features)],
      ["sheet", factSheet],
    ] as const) {
      const [tagged, untagged] = [await render(true), await render(false)];
      expect(checkPdfUa(untagged).map((f) => f.checkpoint)).toContain("01-marked");
      execFileSync("pdftoppm", ["-r", "50", save(`${name}-t.pdf`, tagged), join(dir, `${name}-t`)]);
      execFileSync("pdftoppm", ["-r", "50", save(`${name}-u.pdf`, untagged), join(dir, `${name}-u`)]);
      const pages = (await pdfPages(tagged)).length;
      for (let n = 1; n <= pages; n++) {
        const page = (kind: string) => readFileSync(join(dir, `${name}-${kind}-${n}.ppm`));
        expect(page("t").equals(page("u")), `${name} page ${n}`).toBe(true);
      }
      // The text pdf.js reads, run by run with its position: the same, but for the invisible labels.
      expect(await textRuns(tagged), name).toEqual(await textRuns(untagged));
    }
  });
});

/** A definition with tagging on, or off as before issue 13 (pdfmake's own drawing loop). */
function untag<T>(definition: T, tagged: boolean): T {
  const d = definition as Record<string, unknown>;
  d.tagged = tagged;
  if (!tagged) delete d.subset;
  return definition;
}

/**
 * Every visible line of text: its page, baseline, size, where it starts and its letters (pdf.js
 * splits runs where marked content begins, so lines are compared, not runs; the invisible list
 * labels are left out).
 */
async function textRuns(bytes: Uint8Array): Promise<string[]> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const lines = new Map<string, { x: number; text: string }>();
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "" || ["•", "[x]", "[ ]"].includes(item.str.trim()))
        continue;
      const [size, , , , x, y] = item.transform as number[];
      const key = `${n} ${(y as number).toFixed(2)} ${(size as number).toFixed(2)}`;
      const line = lines.get(key) ?? { x: x as number, text: "" };
      line.x = Math.min(line.x, x as number);
      line.text += item.str.replace(/\s+/g, "");
      lines.set(key, line);
    }
  }
  await doc.destroy();
  return [...lines].map(([key, line]) => `${key} ${line.x.toFixed(2)} ${line.text}`);
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function structTree(bytes: Uint8Array) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const trees = [];
  for (let n = 1; n <= doc.numPages; n++) trees.push(await (await doc.getPage(n)).getStructTree());
  await doc.destroy();
  return trees as unknown as Node[];
}
interface Node {
  role?: string;
  alt?: string;
  children?: Node[];
}
async function figureAlts(bytes: Uint8Array): Promise<string[]> {
  const alts: string[] = [];
  const walk = (n: Node) => {
    if (n.role === "Figure") alts.push(n.alt ?? "");
    for (const c of n.children ?? []) walk(c);
  };
  for (const tree of await structTree(bytes)) walk(tree);
  return alts;
}
async function headingRoles(bytes: Uint8Array): Promise<string[]> {
  const out = execFileSync("pdfinfo", ["-struct-text", save("roles.pdf", bytes)], { encoding: "utf8" });
  return [...out.matchAll(/^\s*(H[1-6]) \(block\)\n\s*"(.*)"$/gm)].map((m) => `${m[1]}:${m[2]}`);
}

// ---- each check of the checker fails on a hand-made bad PDF -------------------------------------

interface Catalog {
  _root: {
    data: {
      ViewerPreferences: { data: Record<string, unknown> };
      MarkInfo: { data: Record<string, unknown> };
    };
  };
}
interface PdfKitDoc {
  page: { dictionary: unknown };
  addContent(s: string): PdfKitDoc;
  font(src: unknown): PdfKitDoc;
  fontSize(n: number): PdfKitDoc;
  text(s: string, x: number, y: number, o?: object): PdfKitDoc;
  rect(x: number, y: number, w: number, h: number): PdfKitDoc;
  fill(): PdfKitDoc;
  link(x: number, y: number, w: number, h: number, url: string, o?: object): PdfKitDoc;
  addPage(): PdfKitDoc;
  struct(type: string, options?: object, children?: unknown): PdfStruct;
  addStructure(e: PdfStruct): PdfKitDoc;
  markStructureContent(tag: string): unknown;
  endMarkedContent(): PdfKitDoc;
  markContent(tag: string): PdfKitDoc;
  appendXML(xml: string): void;
  on(event: string, fn: (chunk: Buffer) => void): void;
  end(): void;
}
interface PdfStruct {
  add(child: unknown): PdfStruct;
  end(): void;
}
const PDFDocument = require(
  require.resolve("pdfkit", { paths: [require.resolve("pdfmake/js/Printer.js")] }),
) as new (
  o: object,
) => PdfKitDoc;

const good = {
  pdfVersion: "1.7",
  tagged: true,
  subset: "PDF/UA",
  lang: "en",
  displayTitle: true,
  info: { Title: "A test" },
  compress: false,
  autoFirstPage: true,
};

let face: Buffer;
/** A small PDF made with pdfkit directly: good by default, `draw` adds its one flaw. */
async function pdfkitPdf(
  draw: (doc: PdfKitDoc, root: PdfStruct) => void,
  options: object = {},
): Promise<Uint8Array> {
  installEngine(); // pdfkit as Folio loads it (the XMP escaping on)
  face ??= Buffer.from(testAssets().fonts.face("body", 400, "normal", "sfnt", "latin"));
  const doc = new PDFDocument({ ...good, ...options });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.on("data", (c) => chunks.push(c));
  doc.font(face).fontSize(12);
  if ((options as { structure?: boolean }).structure === false) {
    draw(doc, undefined as never);
    doc.end();
  } else {
    const root = doc.struct("Document");
    doc.addStructure(root);
    draw(doc, root);
    root.end();
    doc.end();
  }
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
/** A paragraph, tagged as pdfkit tags it. */
const paragraph = (doc: PdfKitDoc, parent: PdfStruct, text = "Hello.", type = "P", options = {}) =>
  parent.add(doc.struct(type, options, () => doc.text(text, 72, 72)));

const checkpoints = (failures: PdfUaFailure[]) => [...new Set(failures.map((f) => f.checkpoint))];

describe("the PDF/UA checker", () => {
  it("passes a good hand-made PDF", async () => {
    const pdf = await pdfkitPdf((doc, root) => {
      root.add(doc.struct("H1", {}, () => doc.text("Title", 72, 40)));
      paragraph(doc, root);
      root.add(doc.struct("Figure", { alt: "A square" }, () => doc.rect(72, 200, 40, 40).fill()));
    });
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  const cases: Array<[string, string, (doc: PdfKitDoc, root: PdfStruct) => void, object?]> = [
    [
      "01-005",
      "text drawn outside any marked content",
      (doc, root) => {
        paragraph(doc, root);
        doc.text("Untagged", 72, 300);
      },
    ],
    [
      "01-005",
      "marked content no element owns",
      (doc, root) => {
        paragraph(doc, root);
        doc.markStructureContent("P");
        doc.text("Orphan", 72, 300);
        doc.endMarkedContent();
      },
    ],
    [
      "01-003",
      "an Artifact inside tagged content",
      (doc, root) => {
        root.add(
          doc.struct("P", {}, () => {
            doc.text("Hello", 72, 72);
            doc.addContent("/Artifact BMC 0 0 1 1 re f EMC");
          }),
        );
      },
    ],
    [
      "01-004",
      "tagged content inside an Artifact",
      (doc, root) => {
        paragraph(doc, root);
        doc.addContent("/Artifact BMC /P <</MCID 7>> BDC 0 0 1 1 re f EMC EMC");
      },
    ],
    ["01-marked", "an untagged PDF", (doc) => doc.text("Plain", 72, 72), { tagged: false }],
    ["06-001", "no XMP metadata (PDF 1.3)", (doc, root) => paragraph(doc, root), { pdfVersion: "1.3" }],
    [
      "06-001",
      "XMP that is not XML (a raw “&”, as pdfkit wrote a title with one)",
      (doc, root) => {
        paragraph(doc, root);
        doc.appendXML("<rdf:Description><dc:source>A & B</dc:source></rdf:Description>");
      },
    ],
    ["06-002", "no PDF/UA identifier", (doc, root) => paragraph(doc, root), { subset: undefined }],
    ["06-003", "no dc:title", (doc, root) => paragraph(doc, root), { info: {} }],
    ["07-001", "no DisplayDocTitle", (doc, root) => paragraph(doc, root), { displayTitle: false }],
    ["11-006", "no document language", (doc, root) => paragraph(doc, root), { lang: undefined }],
    [
      "02-001",
      "a non-standard structure type without role map",
      (doc, root) => paragraph(doc, root, "x", "Para"),
    ],
    [
      "09-004",
      "a TD outside a TR",
      (doc, root) => {
        const table = doc.struct("Table");
        root.add(table);
        paragraph(doc, table, "cell", "TD");
        table.end();
      },
    ],
    [
      "09-005",
      "an LI outside an L",
      (doc, root) => {
        const li = doc.struct("LI");
        root.add(li);
        paragraph(doc, li, "item", "LBody");
        li.end();
      },
    ],
    ["09-006", "a TOCI outside a TOC", (doc, root) => paragraph(doc, root, "entry", "TOCI")],
    [
      "13-004",
      "a Figure without Alt",
      (doc, root) => root.add(doc.struct("Figure", {}, () => doc.rect(72, 72, 9, 9).fill())),
    ],
    ["14-002", "a first heading that is not H1", (doc, root) => paragraph(doc, root, "Section", "H2")],
    [
      "14-003",
      "a skipped heading level",
      (doc, root) => {
        paragraph(doc, root, "Title", "H1");
        paragraph(doc, root, "Deep", "H3");
      },
    ],
    [
      "15-003",
      "a TH without Scope",
      (doc, root) => {
        const table = doc.struct("Table");
        const tr = doc.struct("TR");
        root.add(table);
        table.add(tr);
        paragraph(doc, tr, "head", "TH");
        tr.end();
        table.end();
      },
    ],
    ["19-003", "a Note without ID", (doc, root) => paragraph(doc, root, "1. A note.", "Note")],
    [
      "19-004",
      "two Notes with one ID",
      (doc, root) => {
        const second = doc.struct("Note");
        (second as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ID =
          new String("n1");
        const first = doc.struct("Note");
        (first as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ID =
          new String("n1");
        first.add(doc.markStructureContent("Note"));
        doc.text("one", 72, 120);
        doc.endMarkedContent();
        second.add(doc.markStructureContent("Note"));
        doc.text("two", 72, 160);
        doc.endMarkedContent();
        root.add(first);
        root.add(second);
        first.end();
        second.end();
      },
    ],
    [
      "28-011",
      "a link annotation outside a Link element",
      (doc, root) => {
        paragraph(doc, root);
        doc.link(72, 72, 40, 12, "https://example.org/");
      },
    ],
    [
      "28-012",
      "a link annotation without a description (pdfkit's own: Contents empty)",
      (doc, root) => {
        const link = doc.struct("Link");
        root.add(link);
        link.add(doc.markStructureContent("Link"));
        doc.text("here", 72, 72);
        doc.endMarkedContent();
        doc.link(72, 72, 40, 12, "https://example.org/", { structParent: link });
        link.end();
      },
    ],
    [
      "28-008",
      "a page with annotations and no Tabs",
      (doc) => doc.link(72, 72, 40, 12, "https://example.org/"),
      { tagged: false },
    ],
    [
      "28-009",
      "a page with annotations whose Tabs is not /S",
      (doc, root) => {
        paragraph(doc, root);
        doc.link(72, 72, 40, 12, "https://example.org/");
        // pdfkit sets Tabs /S unless its (misspelt) check finds one already.
        const page = doc.page.dictionary as { Tabs?: unknown; data: Record<string, unknown> };
        page.Tabs = true;
        page.data.Tabs = "R";
      },
    ],
    [
      "07-002",
      "DisplayDocTitle false",
      (doc, root) => {
        paragraph(doc, root);
        (doc as unknown as Catalog)._root.data.ViewerPreferences.data.DisplayDocTitle = false;
      },
    ],
    [
      "01-007",
      "MarkInfo Suspects true",
      (doc, root) => {
        paragraph(doc, root);
        (doc as unknown as Catalog)._root.data.MarkInfo.data.Suspects = true;
      },
    ],
    [
      "01-structure",
      "a marked PDF without a structure tree",
      (doc) => {
        const catalog = (doc as unknown as Catalog & { ref(d: object): unknown })._root.data as Record<
          string,
          unknown
        >;
        catalog.MarkInfo = (doc as unknown as { ref(d: object): unknown }).ref({ Marked: true });
        doc.markContent("Artifact");
        doc.text("Nothing tagged", 72, 72);
        doc.endMarkedContent();
      },
      { structure: false, tagged: false },
    ],
    [
      "struct",
      "an OBJR naming the page current when its Link ended (pdfkit's own)",
      (doc, root) => {
        const link = doc.struct("Link");
        root.add(link);
        link.add(doc.markStructureContent("Link"));
        doc.text("here", 72, 72);
        doc.endMarkedContent();
        doc.link(72, 72, 40, 12, "https://example.org/", {
          structParent: link,
          Contents: new String("here"),
        });
        doc.addPage();
        paragraph(doc, root, "Page two.");
        link.end();
      },
    ],
    [
      "31-embedded",
      "a font that is not embedded",
      (doc, root) => {
        root.add(doc.struct("P", {}, () => doc.font("Helvetica").text("Standard 14", 72, 72)));
      },
    ],
    [
      "31-tounicode",
      "a font without ToUnicode",
      (doc, root) => {
        root.add(doc.struct("P", {}, () => doc.font("Helvetica").text("Standard 14", 72, 72)));
      },
    ],
    [
      "31-notdef",
      "a character the face has no glyph for",
      (doc, root) => paragraph(doc, root, "Arabic \u0600 here"),
    ],
  ];
  for (const [checkpoint, flaw, draw, options] of cases)
    it(`fails ${checkpoint} on ${flaw}`, async () => {
      expect(checkpoints(checkPdfUa(await pdfkitPdf(draw, options)))).toContain(checkpoint);
    });

  it("reads a well-formed XMP packet as such, and names what breaks one", () => {
    expect(xmlProblem("<x:a><b c='1'>A &amp; B</b><d/></x:a>")).toBeUndefined();
    expect(xmlProblem("<a>A & B</a>")).toMatch(/bare “&”/);
    expect(xmlProblem("<a><b></a>")).toMatch(/wrong element/);
    expect(xmlProblem("<a>x < y</a>")).toBeDefined();
  });
});
