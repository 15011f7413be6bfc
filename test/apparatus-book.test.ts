// Cross-references between the chapters of a book (issue 24): a chapter leaves a label of another
// chapter to its book, which resolves it over every chapter once assembled; the book's numbers,
// links and Word fields reach every format, and a wrong label is still an error at its line.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBook, loadDocument } from "../src/model/book/load.ts";
import { loadReport } from "../src/model/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { ModelStore } from "../src/pipeline/models.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { openDocx } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { elementsWithRole, structureNodes } from "./support/pdf-structure.ts";
import { artifactsOf, renderDocx, renderPdf, testAssets } from "./support/render.ts";

const folder = "test/fixtures/apparatus/book";
const book = join(folder, "water.md");
const flat = (s: string) => s.replace(/[\s\u00a0]+/g, " ").trim();

/** Each internal link of a PDF: its destination's name and the page it opens (0: no such destination). */
async function internalLinks(bytes: Uint8Array): Promise<Array<{ dest: string; to: number }>> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const links: Array<{ dest: string; to: number }> = [];
  for (let n = 1; n <= doc.numPages; n++)
    for (const a of await (await doc.getPage(n)).getAnnotations()) {
      if (a.subtype !== "Link" || typeof a.dest !== "string") continue;
      const dest = await doc.getDestination(a.dest);
      links.push({ dest: a.dest, to: dest ? (await doc.getPageIndex(dest[0] as never)) + 1 : 0 });
    }
  await doc.destroy();
  return links;
}

describe("a reference to another chapter's figure, table or section, in every format", () => {
  let model: ReportModel;
  let pages: Map<string, ReturnType<typeof parsePage>>;
  let pdf: Uint8Array;
  let pdfPageTexts: string[];
  let documentXml = "";
  beforeAll(async () => {
    model = loadDocument(book, testAssets());
    pages = new Map(
      (await artifactsOf(htmlFormat, model)).map((a) => [
        a.suffix,
        parsePage(new TextDecoder().decode(a.bytes)),
      ]),
    );
    pdf = await renderPdf(model);
    pdfPageTexts = (await pdfPages(pdf)).map((page) => flat(page.text));
    documentXml = await (await openDocx(await renderDocx(model))).part("word/document.xml");
  });

  it("resolves in the model, with the book's per-chapter numbers and ids", () => {
    expect(JSON.stringify(model.tree)).not.toContain('"type":"cite"');
    const references: Array<[string, string]> = [];
    const walk = (node: { type: string; id?: string; text?: string; children?: unknown[] }) => {
      if (node.type === "crossReference") references.push([flat(node.text as string), node.id as string]);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(model.tree);
    expect(references).toEqual([
      ["Figure 2.2", "notices-fig-repairs"], // the book's front text, to chapter 2
      ["Figure 1.1", "supply-fig-wells"],
      ["Table 1.1", "supply-tbl-wells"],
      ["Figure 2.1", "notices-fig-advisories"],
      ["2.2", "notices-fig-repairs"],
      ["Figure 1.1", "supply-fig-wells"], // chapter 2, to chapter 1
      ["Table 1.1", "supply-tbl-wells"],
      ["Wells", "supply-sec-wells"],
    ]);
  });

  it("HTML: each reference links to the page and anchor of its target", () => {
    const links = (suffix: string) =>
      selectAll("main p a, article p a", pages.get(suffix) as ReturnType<typeof parsePage>).map((a) => [
        flat(visibleText(a)),
        attr(a, "href"),
      ]);
    expect(links("/notices.html")).toEqual([
      ["Figure 2.1", "#notices-fig-advisories"],
      ["2.2", "#notices-fig-repairs"],
      ["Figure 1.1", "supply.html#supply-fig-wells"],
      ["Table 1.1", "supply.html#supply-tbl-wells"],
      ["Wells", "supply.html#supply-sec-wells"],
    ]);
    expect(links(".html")).toContainEqual(["Figure 2.2", "water/notices.html#notices-fig-repairs"]);
    // The anchors exist where the links point.
    const supply = pages.get("/supply.html") as ReturnType<typeof parsePage>;
    expect(selectAll("figure#supply-fig-wells", supply)).toHaveLength(1);
    expect(selectAll("table#supply-tbl-wells", supply)).toHaveLength(1);
    expect(selectAll("#supply-sec-wells", supply).map((h) => flat(visibleText(h)))).toEqual(["Wells"]);
  });

  it("PDF: the book's words, each a Link element going to its target's page", async () => {
    const text = pdfPageTexts.join(" ");
    expect(text).toContain("each numbering its own figures and tables; Figure 2.2 closes the second.");
    expect(text).toContain("systems (Figure 1.1 and Table 1.1, in Wells).");
    const linkTexts = elementsWithRole(await structureNodes(pdf), "Link").map((l) => flat(l.text));
    for (const word of ["Figure 1.1", "Table 1.1", "Wells", "Figure 2.2"]) expect(linkTexts).toContain(word);
    const links = await internalLinks(pdf);
    // Every link lands somewhere: a figure's and a table's destination is its caption's line.
    expect(links.filter((l) => l.to === 0)).toEqual([]);
    // The caption's page (the last that shows its words: the list of figures shows them too).
    const pageOf = (needle: string) => pdfPageTexts.findLastIndex((page) => page.includes(needle)) + 1;
    const wells = links.filter((l) => l.dest === "supply-fig-wells");
    // Chapter 1's own reference, the list of figures', and chapter 2's.
    expect(wells.length).toBeGreaterThanOrEqual(3);
    for (const link of wells) expect(link.to).toBe(pageOf("Figure 1.1: Wells per system"));
    // The list of figures in the front text gives each caption's page.
    const listed = [...text.matchAll(/Figure (\d\.\d): (\w+ by \w+|Wells per system) (\d+)/g)].slice(0, 3);
    expect(listed.map((m) => m[1])).toEqual(["1.1", "2.1", "2.2"]);
    for (const m of listed) expect(Number(m[3])).toBe(pageOf(`Figure ${m[1]}: ${m[2]}`));
    expect(links.find((l) => l.dest === "supply-tbl-wells")?.to).toBe(
      pageOf("Table 1.1: Systems by number of wells"),
    );
  });

  it("DOCX: REF fields to the other chapter's bookmarks, with the book's numbers cached", () => {
    const refs = [
      ...documentXml.matchAll(
        /<w:hyperlink [^>]*w:anchor="([^"]+)"[^>]*><w:fldSimple w:instr="REF ([^ "]+) \\h">.*?<w:t[^>]*>([^<]*)<\/w:t>/gs,
      ),
    ].map((m) => [m[2], flat(m[3] ?? "")]);
    expect(refs).toEqual([
      ["_Ref_notices_fig_repairs", "Figure 2.2"],
      ["_Ref_supply_fig_wells", "Figure 1.1"],
      ["_Ref_supply_tbl_wells", "Table 1.1"],
      ["_Ref_notices_fig_advisories", "Figure 2.1"],
      ["_Num_notices_fig_repairs", "2.2"],
      ["_Ref_supply_fig_wells", "Figure 1.1"],
      ["_Ref_supply_tbl_wells", "Table 1.1"],
      ["supply-sec-wells", "Wells"],
    ]);
    const bookmarks = new Set(
      [...documentXml.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]),
    );
    for (const [target] of refs) expect(bookmarks).toContain(target);
  });
});

describe("numbered through the book (`captions.bookNumbering: book`)", () => {
  it("refers across chapters by the book's running numbers", async () => {
    const assets = testAssets();
    const through = { ...assets, theme: { ...assets.theme, captions: { bookNumbering: "book" as const } } };
    const model = loadDocument(book, through);
    const pdf = flat((await pdfPages(await renderPdf(model))).map((p) => p.text).join(" "));
    expect(pdf).toContain("Figure 3 closes the second.");
    expect(pdf).toContain("systems (Figure 1 and Table 1, in Wells).");
    expect(pdf).toContain("Advisories rose, as Figure 2 shows, and fell after repairs (3).");
  });
});

/** A copy of the book in a fresh folder, with `notices.md` and `supply.md` as given. */
function bookWith(chapters: { notices?: string; supply?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-book-xref-"));
  for (const name of ["water.md", "notices.md", "supply.md", "chart.png"])
    copyFileSync(join(folder, name), join(dir, name));
  if (chapters.notices) writeFileSync(join(dir, "notices.md"), chapters.notices);
  if (chapters.supply) writeFileSync(join(dir, "supply.md"), chapters.supply);
  return dir;
}

/** Every error of loading `path` as a document, as `file:line:column reason`, with the book's folder dropped. */
function errorsOf(path: string, dir: string, alone = false): string[] {
  const file = new VFile({ path });
  try {
    if (alone) loadReport(path, testAssets(), { file });
    else loadDocument(path, testAssets(), { file });
  } catch {
    // the errors are in the file
  }
  return file.messages
    .filter((m) => m.fatal)
    .map((m) => `${m.file}:${m.line}:${m.column} ${m.reason}`.replaceAll(`${dir}/`, ""))
    .sort();
}

const notices = (body: string) => `---\ntitle: Notices\n---\n\n## Advisories\n\n${body}\n`;

describe("labels that go wrong in a book", () => {
  it("reports a label no chapter defines at its chapter's line, with the nearest label of the whole book", () => {
    const repairs = "![Repairs by year](chart.png){#fig-repairs}";
    const dir = bookWith({ notices: notices(`As @fig-well shows, and [@tbl-nothing].\n\n${repairs}`) });
    expect(errorsOf(join(dir, "water.md"), dir)).toEqual([
      "notices.md:7:25 Unknown label `@tbl-nothing`: no figure, table or section has it",
      "notices.md:7:4 Unknown label `@fig-well`: no figure, table or section has it: did you mean `fig-wells`?",
    ]);
  });

  it("reports a label defined in two chapters at both, each in its own file", () => {
    const body =
      "See @fig-wells.\n\n![Wells again](chart.png){#fig-wells}\n\n![Repairs](chart.png){#fig-repairs}";
    const dir = bookWith({ notices: notices(body) });
    const both =
      "Label `#fig-wells` is defined 2 times in the book (supply.md:10, notices.md:9): each label names one thing in a book";
    expect(errorsOf(join(dir, "water.md"), dir)).toEqual([
      `notices.md:9:1 ${both}`,
      `supply.md:10:1 ${both}`,
    ]);
  });

  it("a chapter built on its own knows only its own labels: another chapter's is an error there", () => {
    expect(errorsOf(join(folder, "notices.md"), folder, true)).toEqual([
      "notices.md:9:40 Unknown label `@fig-wells`: no figure, table or section has it",
      "notices.md:9:55 Unknown label `@tbl-wells`: no figure, table or section has it",
      "notices.md:9:70 Unknown label `@sec-wells`: no figure, table or section has it",
    ]);
  });

  it("one build of the book and the chapter: the book resolves, the chapter alone reports", () => {
    const assets = testAssets();
    for (const order of [
      ["book", "chapter"],
      ["chapter", "book"],
    ]) {
      const chapter = join(folder, "notices.md");
      const store = new ModelStore([book, chapter]);
      const results: Record<string, ReportModel | undefined> = {};
      for (const which of order) {
        if (which === "chapter") results.chapter = store.load(chapter, assets).model;
        else {
          const own = store.load(book, assets).model as ReportModel;
          results.book = loadBook(own, assets, {
            loadSource: (path, lent) => store.load(path, assets, lent, true),
          });
        }
      }
      expect(results.chapter, order.join(" then ")).toBeUndefined();
      expect(results.book?.book?.chapters.map((c) => c.name)).toEqual(["supply", "notices"]);
    }
  });
});
