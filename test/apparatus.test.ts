// Numbered captions, labels, cross-references and lists of figures and tables (issue 24), decided
// once in the model (issue 23): the same figure, number and reference reach HTML, PDF and DOCX.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBuild } from "../src/check/check.ts";
import { loadDocument } from "../src/model/book/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { openDocx } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { elementsWithRole, type StructureNode, structureNodes } from "./support/pdf-structure.ts";
import { checkPdfUa } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";

const fixture = "test/fixtures/apparatus/brief.md";
const flat = (s: string) => s.replace(/\s+/g, " ").trim();

describe("numbered figures and tables, cross-referenced both ways, in every format", () => {
  let model: ReportModel;
  let html: ReturnType<typeof parsePage>;
  let pdf: Uint8Array;
  let pdfText = "";
  let structure: StructureNode[];
  let documentXml = "";
  beforeAll(async () => {
    model = loadReport(fixture);
    html = parsePage(await renderHtml(model));
    pdf = await renderPdf(model);
    pdfText = flat((await pdfPages(pdf)).map((page) => page.text).join("\n"));
    structure = await structureNodes(pdf);
    documentXml = await (await openDocx(await renderDocx(model))).part("word/document.xml");
  });

  it("decides figures, labels and numbers once, in the model", () => {
    const { figures, tables, targets } = model.apparatus;
    expect(figures.map((f) => [f.label, f.number, f.caption])).toEqual([
      ["fig-advisories", "1", "Boil-water advisories by year, 2019–2024"],
      [undefined, undefined, "The state seal"],
      ["fig:counties", "2", "Counties with an advisory in 2024"],
    ]);
    expect(tables.map((t) => [t.caption.label, t.caption.number])).toEqual([
      ["tbl-size", "1"],
      ["tbl:counties", "2"],
    ]);
    expect([...targets.keys()].sort()).toEqual(
      ["fig-advisories", "fig:counties", "sec-method", "sec-summary", "tbl-size", "tbl:counties"].sort(),
    );
    // The `{#…}` never reaches a heading's text or the contents.
    expect(model.outline.map((entry) => [entry.id, entry.text])).toEqual([
      ["sec-summary", "Summary"],
      ["advisories", "Advisories"],
      ["counties", "Counties"],
      ["sec-method", "Method"],
    ]);
  });

  it("HTML: <figcaption> and <caption> numbered, ids on figure and table, references linked", () => {
    const figures = selectAll("figure", html);
    expect(figures.map((f) => [attr(f, "id"), flat(visibleText(f))])).toEqual([
      ["fig-advisories", "Figure 1: Boil-water advisories by year, 2019–2024"],
      // An unlabelled figure carries only the anchor every quotable block gets (src/model/anchors.ts).
      [expect.stringMatching(/^src-\d+$/), "The state seal"],
      ["fig:counties", "Figure 2: Counties with an advisory in 2024"],
    ]);
    const captions = selectAll("table > caption", html);
    expect(captions.map((c) => flat(visibleText(c)))).toEqual([
      "Table 1: Systems by size, and the share with a second source",
      "Table 2: Advisories by county",
    ]);
    expect(selectAll("table", html).map((t) => attr(t, "id"))).toEqual(["tbl-size", "tbl:counties"]);
    const links = selectAll("article p a", html)
      .filter((a) => !attr(a, "href")?.startsWith("mailto:"))
      .map((a) => [flat(visibleText(a)), attr(a, "href")]);
    expect(links).toEqual([
      ["Figure 1", "#fig-advisories"],
      ["Table 1", "#tbl-size"],
      ["Method", "#sec-method"],
      ["2", "#fig:counties"],
      ["Table 2", "#tbl:counties"],
      ["Figure 1", "#fig-advisories"],
      ["Table 1", "#tbl-size"],
      ["Figure 1", "#fig-advisories"],
      ["Table 1", "#tbl-size"],
    ]);
    expect(
      selectAll("nav.list-of-figures li a", html).map((a) => [flat(visibleText(a)), attr(a, "href")]),
    ).toEqual([
      ["Figure 1: Boil-water advisories by year, 2019–2024", "#fig-advisories"],
      ["Figure 2: Counties with an advisory in 2024", "#fig:counties"],
    ]);
    expect(selectAll("nav.list-of-tables li", html).map((li) => flat(visibleText(li)))).toEqual([
      "Table 1: Systems by size, and the share with a second source",
      "Table 2: Advisories by county",
    ]);
    expect(flat(visibleText(html))).not.toMatch(/@(fig|tbl|sec)|\{#/);
  });

  it("PDF: the same words, Caption inside Figure and Table, references as Link elements", () => {
    expect(pdfText).toContain(
      "Advisories rose in every county (Figure 1), most where systems are smallest (Table 1).",
    );
    expect(pdfText).toContain("the counties are mapped in 2 and listed in Table 2.");
    expect(pdfText).toContain("We counted notices, as see Figure 1; and Table 1 show.");
    expect(pdfText).toMatch(
      /List of Figures Figure 1: Boil-water advisories by year, 2019–2024 \d Figure 2: Counties/,
    );
    expect(pdfText).toMatch(
      /List of Tables Table 1: Systems by size, and the share with a second source \d Table 2/,
    );
    expect(pdfText).not.toMatch(/@(fig|tbl|sec)|\{#/);
    const captionsOf = (role: string) =>
      elementsWithRole(structure, role).flatMap((e) =>
        e.children.filter((c) => c.role === "Caption").map((c) => flat(c.text)),
      );
    expect(captionsOf("Figure")).toEqual([
      "Figure 1: Boil-water advisories by year, 2019–2024",
      "The state seal",
      "Figure 2: Counties with an advisory in 2024",
    ]);
    expect(captionsOf("Table")).toEqual([
      "Table 1: Systems by size, and the share with a second source",
      "Table 2: Advisories by county",
    ]);
    // A captioned table is one Table element: its Caption, then its rows.
    const tables = elementsWithRole(structure, "Table");
    expect(tables.map((t) => t.children.map((c) => c.role).join(","))).toEqual([
      "Caption,TR,TR,TR",
      "Caption,TR,TR,TR",
    ]);
    const links = elementsWithRole(structure, "Link").map((l) => flat(l.text));
    for (const text of ["Figure 1", "Table 1", "Method", "2", "Table 2"]) expect(links).toContain(text);
  });

  it("gives a labelled heading the same id and structure level in every format", () => {
    expect(model.headingLevels.get("sec-summary")).toBe(1);
    expect(selectAll("h2#sec-summary", html).map((h) => visibleText(h))).toEqual(["Summary"]);
    expect(elementsWithRole(structure, "H2").map((h) => flat(h.text))).toContain("Summary");
    // Between the style and the heading's bookmark only hidden source anchors may stand (review).
    expect(documentXml).toMatch(
      /<w:pStyle w:val="Heading1"\/><\/w:pPr>(<w:bookmarkStart w:name="_folio_[^"]*"[^>]*\/><w:bookmarkEnd [^>]*\/>)*<w:bookmarkStart w:name="sec-summary"/,
    );
  });

  it("PDF: passes the PDF/UA checker", () => {
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it("DOCX: Caption style, SEQ fields with their numbers, bookmarks, REF fields with cached text", () => {
    const captions = [
      ...documentXml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Caption"\/>.*?<\/w:p>/gs),
    ].map((m) => m[0]);
    const texts = captions
      .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
      .map(flat);
    expect(texts).toEqual([
      "Figure 1: Boil-water advisories by year, 2019–2024",
      "Table 1: Systems by size, and the share with a second source",
      "The state seal",
      "Figure 2: Counties with an advisory in 2024",
      "Table 2: Advisories by county",
    ]);
    expect(captions[0]).toMatch(
      /<w:bookmarkStart w:name="_Ref_fig_advisories" w:id="(\d+)"\/>.*<w:fldSimple w:instr="SEQ Figure \\\* ARABIC"><w:r>.*?<w:t[^>]*>1<\/w:t><\/w:r><\/w:fldSimple>.*<w:bookmarkEnd w:id="\1"\/>/s,
    );
    expect(captions[4]).toContain('<w:fldSimple w:instr="SEQ Table \\* ARABIC">');
    const refs = [
      ...documentXml.matchAll(
        /<w:hyperlink [^>]*w:anchor="([^"]+)"[^>]*><w:fldSimple w:instr="REF ([^ "]+) \\h">.*?<w:t[^>]*>([^<]*)<\/w:t>/gs,
      ),
    ].map((m) => [m[1], m[2], flat(m[3] ?? "")]);
    expect(refs).toEqual([
      ["_Ref_fig_advisories", "_Ref_fig_advisories", "Figure 1"],
      ["_Ref_tbl_size", "_Ref_tbl_size", "Table 1"],
      ["sec-method", "sec-method", "Method"],
      ["_Num_fig_counties", "_Num_fig_counties", "2"],
      ["_Ref_tbl_counties", "_Ref_tbl_counties", "Table 2"],
      ["_Ref_fig_advisories", "_Ref_fig_advisories", "Figure 1"],
      ["_Ref_tbl_size", "_Ref_tbl_size", "Table 1"],
      ["_Ref_fig_advisories", "_Ref_fig_advisories", "Figure 1"],
      ["_Ref_tbl_size", "_Ref_tbl_size", "Table 1"],
    ]);
    // Every REF points at a bookmark the document has.
    const bookmarks = new Set(
      [...documentXml.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]),
    );
    for (const [, target] of refs) expect(bookmarks).toContain(target);
    // The lists: Word's Table of Figures fields over the captions, with cached entries.
    expect(documentXml).toContain("TOC \\c &quot;Figure&quot; \\h \\z");
    expect(documentXml).toContain("TOC \\c &quot;Table&quot; \\h \\z");
    expect(documentXml).toMatch(
      /w:anchor="_Ref_fig_counties"><w:r>.*?Figure.2: Counties with an advisory in 2024/s,
    );
  });

  it("passes `folio check`: every format holds the source's sentences, references read as printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-apparatus-"));
    writeFileSync(join(dir, "brief.html"), await renderHtml(model));
    writeFileSync(join(dir, "brief.pdf"), pdf);
    writeFileSync(join(dir, "brief.docx"), await renderDocx(model));
    const report = await checkBuild([fixture], dir);
    expect(report.problems.filter((p) => !p.endsWith("manifest.json: missing"))).toEqual([]);
    expect(report.lines).toHaveLength(3);
  });
});

describe("labels that go wrong", () => {
  const load = (body: string) => {
    const file = new VFile({ path: "wrong.md" });
    const text = `---\ntitle: Wrong\n---\n\n${body}`;
    try {
      loadReport(join("test/fixtures/apparatus", "wrong.md"), { text, file });
    } catch {
      // the errors are in the file
    }
    return file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.reason}`);
  };

  it("reports an unknown label at its line, with the nearest label", () => {
    expect(
      load("![A chart](chart.png){#fig-advisories}\n\nSee @fig-advisroies and [@tbl-nothing].\n"),
    ).toEqual([
      "7:5 Unknown label `@fig-advisroies`: no figure, table or section has it: did you mean `fig-advisories`?",
      "7:25 Unknown label `@tbl-nothing`: no figure, table or section has it",
    ]);
  });

  it("reports a label defined twice at both definitions", () => {
    expect(load("![A](chart.png){#fig-a}\n\n## Part {#fig-a}\n\nSee @fig-a.\n")).toEqual([
      "5:1 Label `#fig-a` is defined 2 times (lines 5, 7): each label names one thing",
      "7:1 Label `#fig-a` is defined 2 times (lines 5, 7): each label names one thing",
    ]);
  });

  it("reports a figure label without `fig-`, and a cross-reference mixed with a citation", () => {
    // In any order: the citations and the cross-references are resolved by separate steps.
    expect(load("![A](chart.png){#tbl-a}\n\nSee [@fig-b; @smith04].\n").sort()).toEqual([
      "5:16 A figure's label starts with `fig-` (or `fig:`): `#tbl-a` is not one",
      "7:5 A cross-reference and a citation share one pair of brackets: put each in brackets of its own",
      "7:5 No bibliography: citation `@smith04` cannot be resolved",
    ]);
  });
});

describe("in French", () => {
  it("numbers and refers with the French labels in every format", async () => {
    const model = loadReport("test/fixtures/apparatus/note-fr.md");
    const page = await renderHtml(model);
    const html = flat(visibleText(parsePage(page)));
    const pdf = flat((await pdfPages(await renderPdf(model))).map((page) => page.text).join("\n"));
    const docx = await (await openDocx(await renderDocx(model))).part("word/document.xml");
    for (const text of [html, pdf]) {
      expect(text).toContain(
        "Les avis ont augmenté partout (Figure 1), surtout dans les petits réseaux (Tableau 1).",
      );
      expect(text).toContain("Figure 1 : Avis de faire bouillir l’eau par année");
      expect(text).toContain("Tableau 1 : Réseaux par taille");
      expect(text).toContain("Liste des figures");
      expect(text).toContain("Liste des tableaux");
    }
    // French puts a no-break space before the colon (the labels' `captionLabel`).
    expect(page).toContain("Figure\u00a01\u00a0: Avis");
    expect(docx).toContain(">\u00a0: </w:t>");
    // Word's SEQ identifiers stay Word's own ("Table"), whatever word the caption prints.
    expect(docx).toMatch(/<w:t[^>]*>Tableau\u00a0<\/w:t>.*?<w:fldSimple w:instr="SEQ Table \\\* ARABIC">/s);
    expect(docx).toContain("TOC \\c &quot;Table&quot; \\h \\z");
    expect(docx).toMatch(/REF _Ref_tbl_taille \\h">.*?<w:t[^>]*>Tableau\u00a01<\/w:t>/s);
  });
});

describe("in a book", () => {
  it("numbers per chapter (the theme's default) and rewrites every reference to match", async () => {
    const model = loadDocument("test/fixtures/apparatus/book/water.md", testAssets());
    expect(model.apparatus.figures.map((f) => [f.id, f.number])).toEqual([
      ["supply-fig-wells", "1.1"],
      ["notices-fig-advisories", "2.1"],
      ["notices-fig-repairs", "2.2"],
    ]);
    const pdf = flat((await pdfPages(await renderPdf(model))).map((page) => page.text).join("\n"));
    expect(pdf).toMatch(
      /List of Figures Figure 1\.1: Wells per system \d+ Figure 2\.1: Advisories by year \d+ Figure 2\.2/,
    );
    expect(pdf).toContain("Most systems draw on one well (Figure 1.1, Table 1.1).");
    expect(pdf).toContain("Advisories rose, as Figure 2.1 shows, and fell after repairs (2.2).");
    const docx = await (await openDocx(await renderDocx(model))).part("word/document.xml");
    // The chapter's number is text; the SEQ field restarts at each chapter's Heading 1.
    expect(docx).toMatch(
      /<w:t[^>]*>Figure\u00a02\.<\/w:t>.*?<w:fldSimple w:instr="SEQ Figure \\\* ARABIC \\s 1"><w:r>.*?<w:t[^>]*>2<\/w:t>/s,
    );
    expect(docx).toMatch(/REF _Num_notices_fig_repairs \\h">.*?<w:t[^>]*>2\.2<\/w:t>/s);
  });

  it("numbers through the book with `captions.bookNumbering: book`", () => {
    const assets = testAssets();
    const through = { ...assets, theme: { ...assets.theme, captions: { bookNumbering: "book" as const } } };
    const model = loadDocument("test/fixtures/apparatus/book/water.md", through);
    expect(model.apparatus.figures.map((f) => f.number)).toEqual(["1", "2", "3"]);
  });
});
