import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBuild } from "../src/check/check.ts";
import { loadDocument } from "../src/model/book/load.ts";
import { loadReport as loadWithAssets } from "../src/model/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { openDocx, partText } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { elementsWithRole, structureNodes } from "./support/pdf-structure.ts";
import { checkPdfUa } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";

const dir = "test/fixtures/citations";
const epa = "U.S. Environmental Protection Agency 2023";
/** Chicago 17th edition names all of two or three authors in the text (four or more: "et al."). */
const hannaAuthors = "Hanna-Attisha, LaChance, and Sadler";
const hanna = `${hannaAuthors} 2016`;
/** The Chicago author-date sentences of brief-bib.md, as every format must print them. */
const findings = [
  `The rule tightens the action level (${epa}, 12).`,
  `Two sources agree (${epa}; ${hanna}).`,
  `${hannaAuthors} (2016) found that the share of children with elevated levels rose, as the data show (2016).`,
];
const entries = [
  "Gleick, Peter H. 2010. Bottled and Sold: The Story Behind Our Obsession with Bottled Water. Washington, DC: Island Press.",
  "Hanna-Attisha, Mona, Jenny LaChance, and Richard Casey Sadler. 2016. “Elevated Blood Lead Levels in Children Associated with the Flint Drinking Water Crisis.” American Journal of Public Health 106 (2): 283–90. https://doi.org/10.2105/AJPH.2015.303003.",
  // The style quotes a report's title (its `title` macro italicises books, not reports) and gives the place.
  "U.S. Environmental Protection Agency. 2023. “Lead and Copper Rule Improvements.” Washington, DC: EPA.",
];
const afterword = "Bottled water is no answer (see Gleick 2010, chap. 3).";
const flat = (s: string) => s.replace(/\s+/g, " ").trim();

/** Each link annotation's named destination, in page order. */
async function linkDestinations(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const found: string[] = [];
  for (let n = 1; n <= doc.numPages; n++)
    for (const a of await (await doc.getPage(n)).getAnnotations())
      if (a.subtype === "Link" && typeof a.dest === "string") found.push(a.dest);
  await doc.destroy();
  return found;
}

describe("citations from a .bib, Chicago author-date, in every format", () => {
  let model: ReportModel;
  let html: ReturnType<typeof parsePage>;
  let pdf: Uint8Array;
  let docx: Uint8Array;
  beforeAll(async () => {
    model = loadReport(join(dir, "brief-bib.md"));
    html = parsePage(await renderHtml(model));
    pdf = await renderPdf(model);
    docx = await renderDocx(model);
  });

  it("the model holds no cite node: each became its formatted text, each item a link to its entry", () => {
    expect(JSON.stringify(model.tree)).not.toContain('"type":"cite"');
    expect(model.bibliographyIds).toEqual(["ref-gleick2010", "ref-hanna2016", "ref-epa2023"]);
  });

  it("HTML: the exact Chicago strings, each cited item an anchor to its entry's id", () => {
    const paragraphs = selectAll("article p:not(.csl-entry)", html).map((p) => flat(visibleText(p)));
    expect(paragraphs[0]).toBe(findings.join(" "));
    expect(paragraphs.at(-1)).toBe(afterword);
    const links = selectAll("article a[role=doc-biblioref]", html).map((a) => [
      visibleText(a),
      attr(a, "href"),
    ]);
    expect(links).toEqual([
      [`${epa}, 12`, "#ref-epa2023"],
      [epa, "#ref-epa2023"],
      [hanna, "#ref-hanna2016"],
      [hannaAuthors, "#ref-hanna2016"],
      ["2016", "#ref-hanna2016"],
      ["2016", "#ref-hanna2016"],
      ["see Gleick 2010, chap. 3", "#ref-gleick2010"],
    ]);
    const bib = selectAll("div.references p.csl-entry", html);
    expect(bib.map((p) => [attr(p, "id"), flat(visibleText(p))])).toEqual([
      ["ref-gleick2010", entries[0]],
      ["ref-hanna2016", entries[1]],
      ["ref-epa2023", entries[2]],
    ]);
    // Where `::bibliography` stands: under the source's own heading, before the afterword.
    const headings = selectAll("article h2", html).map(visibleText);
    expect(headings).toEqual(["Findings", "Sources", "Afterword"]);
    expect(selectAll("div.references em", html).map(visibleText)).toContain(
      "American Journal of Public Health",
    );
  });

  it("PDF: the same text; Link elements to the entries' destinations, each entry a BibEntry", async () => {
    const text = flat((await pdfPages(pdf)).map((p) => p.text).join(" "));
    for (const sentence of [...findings, ...entries, afterword]) expect(text).toContain(sentence);
    const nodes = await structureNodes(pdf);
    // Structure text joins a wrapped line to the next without the space the line break took.
    const squeeze = (s: string) => s.replace(/\s+/g, "");
    expect(elementsWithRole(nodes, "BibEntry").map((e) => squeeze(e.text))).toEqual(entries.map(squeeze));
    const links = elementsWithRole(nodes, "Link").map((e) => squeeze(e.text));
    expect(links).toEqual(
      expect.arrayContaining([`${epa}, 12`, hanna, hannaAuthors, "see Gleick 2010, chap. 3"].map(squeeze)),
    );
    const destinations = await linkDestinations(pdf);
    // A link wrapped over two lines is two annotations of one Link element: at least one a citation.
    const cited = destinations.filter((d) => d.startsWith("ref-"));
    expect(cited.length).toBeGreaterThanOrEqual(7);
    expect([...new Set(cited)]).toEqual(["ref-epa2023", "ref-hanna2016", "ref-gleick2010"]);
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it("DOCX: the same text; each citation a hyperlink to a bookmark around its entry", async () => {
    const xml = await (await openDocx(docx)).part("word/document.xml");
    const text = flat(partText(xml));
    for (const sentence of [...findings, ...entries, afterword]) expect(text).toContain(sentence);
    const anchors = [...xml.matchAll(/<w:hyperlink[^>]*w:anchor="(ref-[^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual([
      "ref-epa2023",
      "ref-epa2023",
      "ref-hanna2016",
      "ref-hanna2016",
      "ref-hanna2016",
      "ref-hanna2016",
      "ref-gleick2010",
    ]);
    const bookmarks = [...xml.matchAll(/<w:bookmarkStart[^>]*w:name="(ref-[^"]+)"/g)].map((m) => m[1]);
    expect(bookmarks).toEqual(["ref-gleick2010", "ref-hanna2016", "ref-epa2023"]);
  });

  it("passes `folio check` parity in every format", async () => {
    const out = mkdtempSync(join(tmpdir(), "folio-cite-"));
    writeFileSync(join(out, "brief-bib.html"), await renderHtml(model));
    writeFileSync(join(out, "brief-bib.pdf"), pdf);
    writeFileSync(join(out, "brief-bib.docx"), docx);
    const report = await checkBuild([join(dir, "brief-bib.md")], out);
    expect(report.problems.filter((p) => !p.endsWith("manifest.json: missing"))).toEqual([]);
  });
});

describe("CSL-JSON and front-matter references, in French", () => {
  it("formats with the fr-FR locale and places the bibliography at the end under « Bibliographie »", async () => {
    const model = loadReport(join(dir, "brief-json.md"));
    const page = parsePage(await renderHtml(model));
    expect(flat(visibleText(selectAll("article p", page)[0] as never))).toBe(
      "Les niveaux ont baissé (Pieper, Tang, et Edwards 2017, 2010). Voir aussi American Water Works Association (2016) et (World Health Organization 2022; Pieper, Tang, et Edwards 2017).",
    );
    expect(selectAll("article h2", page).map(visibleText).at(-1)).toBe("Bibliographie");
    expect(selectAll("p.csl-entry", page).map((p) => flat(visibleText(p)))).toEqual([
      "American Water Works Association. 2016. « Lead Service Line Replacement ». Denver: AWWA.",
      "Pieper, Kelsey J., Min Tang, et Marc A. Edwards. 2017. « Evaluating Water Lead Levels During the Flint Water Crisis ». Environmental Science & Technology 51 (4): 2007-14.",
      "World Health Organization. 2022. « Lead in Drinking-Water ». Geneva: WHO.",
    ]);
    expect(model.outline.at(-1)?.text).toBe("Bibliographie");
  });
});

describe("Spanish, and the style named by `csl:`", () => {
  it("writes the es-ES locale's words and the « Referencias » heading", async () => {
    const text =
      "---\ntitle: Plomo\nlang: es\nbibliography: refs.json\n---\n\n## Hallazgos\n\nVéase [@pieper2017, p. 2010] y @awwa2016.\n";
    const model = loadReport(join(dir, "es.md"), { text });
    const page = parsePage(await renderHtml(model));
    expect(flat(visibleText(selectAll("article p", page)[0] as never))).toBe(
      "Véase (Pieper, Tang, y Edwards 2017, 2010) y American Water Works Association (2016).",
    );
    expect(selectAll("article h2", page).map(visibleText)).toEqual(["Hallazgos", "Referencias"]);
    expect(flat(visibleText(selectAll("p.csl-entry", page)[1] as never))).toContain(
      "Pieper, Kelsey J., Min Tang, y Marc A. Edwards. 2017.",
    );
  });

  it("a `csl:` style beside the source replaces the shipped 17th edition (here the 16th, which writes doi:)", async () => {
    const model = loadReport(join(dir, "own-style.md"));
    const page = parsePage(await renderHtml(model));
    expect(flat(visibleText(selectAll("article p", page)[0] as never))).toBe(
      `Bottled water is no answer (see Gleick 2010, 33; ${hanna}).`,
    );
    expect(selectAll("p.csl-entry", page).map((p) => flat(visibleText(p)))).toEqual([
      entries[0],
      (entries[1] as string).replace("https://doi.org/", "doi:"),
    ]);
  });

  it("a `csl:` style that is missing is an error at its front matter line", () => {
    const file = new VFile({ path: join(dir, "style.md") });
    const text = "---\ntitle: Style\nbibliography: refs.json\ncsl: apa.csl\n---\n\nAs shown [@awwa2016].\n";
    expect(() => loadWithAssets(file.path, testAssets(), { text, file })).toThrow(VFileMessage);
    expect(file.messages.filter((m) => m.fatal).map((m) => [m.line, m.reason])).toEqual([
      [4, "Citation style `apa.csl` does not exist (a style is read beside the source)"],
    ]);
  });
});

describe("a book whose chapters share a bibliography file", () => {
  it("keeps each chapter's entries and links apart (ids prefixed), in the model and the DOCX", async () => {
    const model = loadDocument(join(dir, "cite-book/book.md"), testAssets());
    expect(model.bibliographyIds).toEqual([
      "one-ref-hanna2016",
      "one-ref-epa2023",
      "two-ref-gleick2010",
      "two-ref-hanna2016",
    ]);
    const xml = await (await openDocx(await renderDocx(model))).part("word/document.xml");
    const anchors = [...xml.matchAll(/<w:hyperlink[^>]*w:anchor="([^"]*ref-[^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual([
      "one-ref-epa2023",
      "one-ref-hanna2016",
      "one-ref-hanna2016",
      "two-ref-hanna2016",
      "two-ref-gleick2010",
    ]);
    const bookmarks = [...xml.matchAll(/<w:bookmarkStart[^>]*w:name="([^"]*ref-[^"]+)"/g)].map((m) => m[1]);
    expect(bookmarks).toEqual(model.bibliographyIds);
    expect(flat(partText(xml))).toContain(`Again (${hanna}; Gleick 2010).`);
  });
});

describe("a book whose own front matter names the bibliography and style for its chapters", () => {
  let model: ReportModel;
  let xml: string;
  beforeAll(async () => {
    model = loadDocument(join(dir, "shared-book/book.md"), testAssets());
    xml = await (await openDocx(await renderDocx(model))).part("word/document.xml");
  });

  it("each chapter lists its own entries (the book's refs.bib and references:), where it places them", () => {
    expect(model.bibliographyIds).toEqual([
      "rules-ref-hanna2016",
      "rules-ref-epa2023",
      "health-ref-hanna2016",
      "health-ref-who2022",
    ]);
    // The book's front text cites nothing, so it lists nothing; one chapter at its end, one at `::bibliography`.
    expect(model.outline.map((entry) => entry.text)).toEqual([
      "The Rules",
      "References",
      "Health",
      "Evidence",
      "Sources",
    ]);
  });

  it("DOCX: the book's csl: (the 16th edition, doi:) formats both chapters; links go to the chapter's entry", () => {
    const text = flat(partText(xml));
    expect(text).toContain(`The rule (${epa}, 12) follows ${hannaAuthors} (2016).`);
    expect(text).toContain(`Children were exposed (${hanna}; World Health Organization 2022).`);
    const hannaEntry = (entries[1] as string).replace("https://doi.org/", "doi:");
    expect(text.split(hannaEntry).length - 1).toBe(2);
    // The 16th edition sets a report's title in italics, where the shipped 17th quotes it.
    expect(text).toContain("World Health Organization. 2022. Lead in Drinking-Water. WHO.");
    expect(text).toContain(
      `${epa.replace(" 2023", ". 2023")}. Lead and Copper Rule Improvements. Washington, DC: EPA.`,
    );
    const anchors = [...xml.matchAll(/<w:hyperlink[^>]*w:anchor="([^"]*ref-[^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual([
      "rules-ref-epa2023",
      "rules-ref-hanna2016",
      "rules-ref-hanna2016",
      "health-ref-hanna2016",
      "health-ref-who2022",
    ]);
    const bookmarks = [...xml.matchAll(/<w:bookmarkStart[^>]*w:name="([^"]*ref-[^"]+)"/g)].map((m) => m[1]);
    expect(bookmarks).toEqual(model.bibliographyIds);
  });
});

describe("errors", () => {
  const messages = (name: string) => {
    const file = new VFile({ path: join(dir, name) });
    expect(() => loadWithAssets(file.path, testAssets(), { file })).toThrow(VFileMessage);
    return file.messages
      .filter((m) => m.fatal)
      .map((m) => `${m.file || file.path}:${m.line}:${m.column}: ${m.reason}`);
  };

  it("a key not in the bibliography is an error at its line, with the nearest key", () => {
    expect(messages("wrong-key.md")).toEqual([
      `${dir}/wrong-key.md:6:10: No bibliography entry \`epa2032\`: did you mean \`epa2023\`?`,
    ]);
  });

  it("a .bib that does not parse is an error at its own file and line; a missing file at its front matter line", () => {
    expect(messages("broken-bib.md").sort()).toEqual([
      `${dir}/broken-bib.md:5:5: Bibliography \`missing.json\` does not exist (a bibliography is read beside the source)`,
      `${dir}/broken.bib:10:1: Not valid BibTeX: expected "rbrace", got EOF`,
    ]);
  });
});
