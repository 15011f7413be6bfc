import { beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { bookmarkName } from "../src/render/docx/links.ts";
import { type DocxPackage, openDocx, partText } from "./docx-package.ts";
import { loadReport, renderDocx, testAssets } from "./support/render.ts";

const epoch = 1_700_000_000; // 2023-11-14T22:13:20Z

interface Rendered {
  model: ReportModel;
  bytes: Uint8Array;
  pkg: DocxPackage;
  document: string;
  styles: string;
  numbering: string;
  rels: string;
}

async function renderFile(path: string): Promise<Rendered> {
  const model = loadReport(path);
  const bytes = await renderDocx(model, { sourceDateEpoch: epoch });
  const pkg = await openDocx(bytes);
  return {
    model,
    bytes,
    pkg,
    document: await pkg.part("word/document.xml"),
    styles: await pkg.part("word/styles.xml"),
    numbering: await pkg.part("word/numbering.xml"),
    rels: await pkg.part("word/_rels/document.xml.rels"),
  };
}

/** The `w:p` elements of a part, each as its XML. */
const paragraphs = (xml: string): string[] => xml.match(/<w:p\b[^>]*>.*?<\/w:p>/gs) ?? [];
const styleOf = (p: string): string | undefined => /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];
const numOf = (p: string): { numId: string; ilvl: string } | undefined => {
  const m = /<w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/>/.exec(p);
  return m ? { ilvl: m[1] as string, numId: m[2] as string } : undefined;
};
const paragraphWith = (xml: string, text: string): string => {
  const found = paragraphs(xml).find((p) => partText(p).includes(text));
  if (!found) throw new Error(`no paragraph with “${text}”`);
  return found;
};
/** The `<w:style>` element with this id. */
const styleXml = (styles: string, id: string): string =>
  new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, "s").exec(styles)?.[0] ?? "";
const styleName = (styles: string, id: string): string | undefined =>
  /<w:name w:val="([^"]+)"/.exec(styleXml(styles, id))?.[1];

describe("DOCX edition of Mali", () => {
  let mali: Rendered;
  beforeAll(async () => {
    mali = await renderFile("source/mali-2021.md");
  });

  it("uses Word's built-in styles by their names", () => {
    const expected: Record<string, string> = {
      Normal: "Normal",
      Title: "Title",
      Subtitle: "Subtitle",
      Heading1: "heading 1",
      Heading2: "heading 2",
      Heading6: "heading 6",
      Quote: "Quote",
      ListBullet: "List Bullet",
      ListNumber: "List Number",
      FootnoteText: "footnote text",
      Hyperlink: "Hyperlink",
      TableGrid: "Table Grid",
      SourceCode: "Source Code",
      VerbatimChar: "Verbatim Char",
      TOC2: "toc 2",
    };
    for (const [id, name] of Object.entries(expected)) expect(styleName(mali.styles, id), id).toBe(name);
    expect(styleXml(mali.styles, "Heading2")).toContain('<w:outlineLvl w:val="1"/>');
    // Every style the body uses is defined.
    const used = new Set(
      [...mali.document.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"/g)].map(
        (m) => m[1] as string,
      ),
    );
    for (const id of used) expect(styleXml(mali.styles, id), `style ${id}`).not.toBe("");
  });

  it("takes fonts, sizes, colours and line heights from the theme", () => {
    const { theme } = testAssets();
    const normal = styleXml(mali.styles, "Normal");
    expect(normal).toContain(`w:ascii="${theme.fonts.body.family}"`);
    expect(normal).toContain(`<w:sz w:val="${theme.sizes.body * 2}"/>`);
    // The PDF's line height as an exact pitch: 10 pt × 1.5 = 15 pt = 300 twips.
    expect(normal).toContain(
      `w:line="${theme.sizes.body * theme.spacing.lineHeight * 20}" w:lineRule="exact"`,
    );
    // Mali's sections are `##`: Heading 1, in the h2 size, set in the heading face's semi-bold file,
    // which Word knows as a family of its own ("Public Sans SemiBold"), used upright.
    const h1 = styleXml(mali.styles, "Heading1");
    expect(h1).toContain(`w:ascii="${theme.fonts.heading.family} SemiBold"`);
    expect(h1).toContain('<w:b w:val="false"/>');
    expect(h1).toContain(`<w:sz w:val="${theme.sizes.h2 * 2}"/>`);
    expect(h1).toContain(`<w:color w:val="${theme.colors.accent.slice(1).toUpperCase()}"/>`);
    expect(styleXml(mali.styles, "SourceCode")).toContain(`w:ascii="${theme.fonts.mono.family}"`);
  });

  it("writes every section heading in a Heading style with a bookmark named by its id", () => {
    const headings = paragraphs(mali.document).filter((p) => /^Heading\d$/.test(styleOf(p) ?? ""));
    expect(headings.map((p) => partText(p).trim())).toEqual(mali.model.outline.map((e) => e.text));
    // Word keeps bookmark names to 40 characters: longer ids are cut and given a hash.
    headings.forEach((p, i) => {
      expect(p).toContain(`<w:bookmarkStart w:name="${bookmarkName(mali.model.outline[i]?.id ?? "")}"`);
    });
    expect(bookmarkName("legislation-law-enforcement-and-border-security")).toHaveLength(40);
  });

  it("has the title block in Title style and the running header and footer with page fields", async () => {
    expect(styleOf(paragraphWith(mali.document, "Mali"))).toBe("Title");
    expect(styleOf(paragraphWith(mali.document, "Country Reports on Terrorism 2021"))).toBe("Eyebrow");
    const footer = await mali.pkg.part("word/footer1.xml");
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(partText(footer)).toContain("Page ");
    expect(partText(await mali.pkg.part("word/header1.xml"))).toContain(
      "Country Reports on Terrorism 2021 · Mali",
    );
  });

  it("has a TOC field Word updates, pre-filled from the outline with links to the headings", () => {
    expect(mali.document).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    const sdt = /<w:sdt>.*?<\/w:sdt>/s.exec(mali.document)?.[0] ?? "";
    const anchors = [...sdt.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(mali.model.outline.map((e) => bookmarkName(e.id)));
    expect(partText(sdt)).toContain("Countering Violent Extremism");
    // Each entry's page number, right-aligned at the margin of the Letter page (468 pt = 9360 twips;
    // docx alone puts the tab at 9025, A4's text width: src/engine/docx/toc-tabs.ts).
    expect(sdt).toMatch(/<w:tab w:val="right" w:pos="9360" w:leader="dot"\/><\/w:tabs>/);
    expect(sdt).not.toContain('w:pos="9025"');
    expect(partText(sdt)).toMatch(/Overview 2\n.*2021 Terrorist Incidents 2\n/s);
  });

  it("numbers the incidents as a real bulleted list", () => {
    const items = paragraphs(mali.document).filter((p) => numOf(p));
    expect(items).toHaveLength(4);
    expect(new Set(items.map(styleOf))).toEqual(new Set(["ListBullet"]));
    expect(partText(items[0] ?? "")).toMatch(/^On June 25, 13 MINUSMA peacekeepers/);
    expect(mali.numbering).toContain('<w:numFmt w:val="bullet"/>');
  });

  it("writes the core properties, dated from SOURCE_DATE_EPOCH", async () => {
    const core = await mali.pkg.part("docProps/core.xml");
    expect(core).toContain("<dc:title>Country Reports on Terrorism 2021: Mali</dc:title>");
    expect(core).toMatch(/<dc:subject>The transition government, installed/);
    expect(core).toContain("<dc:creator>Bureau of Counterterrorism, U.S. Department of State</dc:creator>");
    expect(core).toContain(
      "<cp:keywords>terrorism, counterterrorism, Mali, Sahel, JNIM, ISIS-GS</cp:keywords>",
    );
    expect(core).toMatch(/<dc:description>.+<\/dc:description>/);
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>',
    );
    expect(core).toContain(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:modified>',
    );
  });

  it("is byte-identical when rendered twice with SOURCE_DATE_EPOCH", async () => {
    const again = await renderDocx(mali.model, { sourceDateEpoch: epoch });
    expect(Buffer.from(again).equals(Buffer.from(mali.bytes))).toBe(true);
    const names = Object.keys(mali.pkg.zip.files);
    expect(names[0]).toBe("[Content_Types].xml");
    for (const name of names)
      expect(mali.pkg.zip.files[name]?.date.toISOString()).toBe("2023-11-14T22:13:20.000Z");
  });
});

describe("DOCX edition of the feature fixture", () => {
  let doc: Rendered;
  beforeAll(async () => {
    doc = await renderFile("test/fixtures/docx-features.md");
  });

  it("restarts numbering per list and keeps the source's start number", () => {
    const first = numOf(paragraphWith(doc.document, "Gather the sources"));
    const sameList = numOf(paragraphWith(doc.document, "Publish the brief"));
    const second = numOf(paragraphWith(doc.document, "Third step restarts here"));
    const nested = numOf(paragraphWith(doc.document, "nested bullet one"));
    expect(first && sameList && second && nested).toBeTruthy();
    expect(sameList?.numId).toBe(first?.numId);
    expect(second?.numId).not.toBe(first?.numId);
    expect(nested?.ilvl).toBe("1");
    expect(nested?.numId).not.toBe(first?.numId);
    const abstractOf = (numId: string) =>
      new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/>`).exec(doc.numbering)?.[1];
    const startOf = (numId: string, ilvl: string) => {
      const abstract =
        new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractOf(numId)}".*?</w:abstractNum>`, "s").exec(
          doc.numbering,
        )?.[0] ?? "";
      return new RegExp(`<w:lvl w:ilvl="${ilvl}"[^>]*><w:start w:val="(\\d+)"/>`).exec(abstract)?.[1];
    };
    expect(abstractOf(second?.numId ?? "")).not.toBe(abstractOf(first?.numId ?? ""));
    expect(startOf(first?.numId ?? "", "0")).toBe("1");
    expect(startOf(second?.numId ?? "", "0")).toBe("3");
    expect(styleOf(paragraphWith(doc.document, "Gather the sources"))).toBe("ListNumber");
    expect(styleOf(paragraphWith(doc.document, "nested bullet one"))).toBe("ListBullet2");
  });

  it("marks task items with ☐ and ☒", () => {
    expect(partText(paragraphWith(doc.document, "open task"))).toBe("☐ open task\n");
    expect(partText(paragraphWith(doc.document, "done task"))).toBe("☒ done task\n");
  });

  it("writes a real footnote, referenced once, its text in footnotes.xml", async () => {
    const notes = await doc.pkg.part("word/footnotes.xml");
    const note = /<w:footnote w:id="1">.*?<\/w:footnote>/s.exec(notes)?.[0] ?? "";
    expect(partText(note)).toContain("The source is the annual report, see https://example.org/source.");
    expect(note).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(doc.document.match(/<w:footnoteReference w:id="1"\/>/g)).toHaveLength(1);
  });

  it("links through hyperlink relationships and to heading bookmarks", () => {
    const rel =
      /<Relationship Id="([^"]+)" Type="[^"]+\/hyperlink" Target="https:\/\/www\.state\.gov\/reports\/" TargetMode="External"\/>/.exec(
        doc.rels,
      );
    expect(rel).not.toBeNull();
    expect(doc.document).toMatch(new RegExp(`<w:hyperlink [^>]*r:id="${rel?.[1]}"[^>]*>.*?public link`, "s"));
    expect(doc.document).toMatch(/<w:hyperlink [^>]*w:anchor="lists-and-numbering"[^>]*>.*?jump back/s);
    expect(doc.document).toContain('<w:bookmarkStart w:name="lists-and-numbering"');
    expect(paragraphWith(doc.document, "public link")).toContain('<w:rStyle w:val="Hyperlink"/>');
  });

  it("writes tables with a repeating header row, the table style and column alignment", () => {
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(doc.document)?.[0] ?? "";
    expect(table).toContain('<w:tblStyle w:val="TableGrid"/>');
    const rows = table.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("<w:tblHeader/>");
    expect(rows[1]).not.toContain("<w:tblHeader/>");
    expect(paragraphWith(table, "Attacks")).toContain('<w:jc w:val="right"/>');
    expect(paragraphWith(table, "60%")).toContain('<w:jc w:val="center"/>');
    expect(paragraphWith(table, "Mopti")).toContain('<w:jc w:val="left"/>');
  });

  it("keeps code in the Source Code style and inline code in Verbatim Char", () => {
    const code = paragraphWith(doc.document, "const answer = 42;");
    expect(styleOf(code)).toBe("SourceCode");
    expect(partText(code)).toBe("const answer = 42; console.log(answer);\n");
    expect(doc.document).toMatch(/<w:rStyle w:val="VerbatimChar"\/><\/w:rPr><w:t[^>]*>inline code</);
    expect(styleOf(paragraphWith(doc.document, "A quoted sentence"))).toBe("Quote");
  });

  it("embeds images scaled to the text width with alt text, SVG with a PNG fallback", async () => {
    const media = doc.pkg.names.filter((n) => n.startsWith("word/media/"));
    expect(media.some((n) => n.endsWith(".png"))).toBe(true);
    expect(media.some((n) => n.endsWith(".svg"))).toBe(true);
    expect(doc.document).toMatch(/<wp:docPr [^>]*descr="The seal of the fixture desk"/);
    expect(doc.document).toMatch(/<wp:docPr [^>]*title="Seal"/);
    expect(doc.document).toContain("asvg:svgBlip");
    const textWidthEmu = (testAssets().theme.page.letter.width - 144) * 12700;
    for (const [, cx] of doc.document.matchAll(/<wp:extent cx="(\d+)"/g))
      expect(Number(cx)).toBeLessThanOrEqual(textWidthEmu);
    expect(partText(doc.document)).toContain("A remote picture");
  });

  it("renders directives: title block, note, page break, unknown ones as plain blocks, colophon", () => {
    expect(styleOf(paragraphWith(doc.document, "Every block Word needs"))).toBe("Subtitle");
    expect(styleOf(paragraphWith(doc.document, "Figures are rounded."))).toBe("Note");
    expect(paragraphWith(doc.document, "Pictures")).toMatch(/^<w:p>/);
    expect(doc.document).toMatch(
      /<w:p><w:pPr><w:pageBreakBefore\/>(?:(?!<\/w:p>).)*?<\/w:pPr><\/w:p><w:p><w:pPr><w:pStyle w:val="Heading1"\/>/,
    );
    expect(styleOf(paragraphWith(doc.document, "Unknown directive content"))).toBeUndefined();
    expect(styleOf(paragraphWith(doc.document, "Typeset by Folio"))).toBe("Colophon");
    expect(partText(doc.document)).toContain("Inline raw HTML stays as text.");
  });

  it("fails the build on a node type no handler knows", async () => {
    const model = loadReport("test/fixtures/docx-features.md");
    model.tree.children.push({ type: "math", value: "x" } as never);
    await expect(renderDocx(model, {})).rejects.toThrow(/no handler for `math`/);
  });
});

describe("DOCX of a brief that skips a heading level (high-water: `##`, `##`, `#`, `###`, `###`)", () => {
  let doc: Rendered;
  beforeAll(async () => {
    doc = await renderFile("test/fixtures/briefs/high-water.md");
  });

  /** The heading paragraph (not its contents entry) with this text. */
  const headingWith = (text: string): string =>
    paragraphs(doc.document).find(
      (p) => partText(p).includes(text) && /^Heading\d$/.test(styleOf(p) ?? ""),
    ) ?? "";

  it("keeps each heading's look from its Markdown depth, as the PDF, when its Word level's style has another's", () => {
    const { theme } = testAssets();
    // The body's top depth is `#`: Heading 1 looks like an h1, Heading 2 like an h2.
    expect(styleXml(doc.styles, "Heading1")).toContain(`<w:sz w:val="${theme.sizes.h1 * 2}"/>`);
    const summary = headingWith("Summary"); // `##` at Word level 1
    expect(styleOf(summary)).toBe("Heading1");
    expect(summary).toContain(`<w:sz w:val="${theme.sizes.h2 * 2}"/>`);
    const partTwo = headingWith("Part Two"); // `#`: the style's own look
    expect(styleOf(partTwo)).toBe("Heading1");
    expect(partTwo).not.toContain("<w:sz ");
    const dikes = headingWith("The State of the Dikes"); // `###` at Word level 2
    expect(styleOf(dikes)).toBe("Heading2");
    expect(dikes).toContain(`<w:sz w:val="${theme.sizes.h3 * 2}"/>`);
    expect(dikes).toContain(`<w:color w:val="${theme.colors.text.slice(1).toUpperCase()}"/>`);
  });

  it("writes the two authors and the date in the title block", () => {
    expect(styleOf(paragraphWith(doc.document, "Marit de Vries"))).toBe("Authors");
    expect(styleOf(paragraphWith(doc.document, "14 March 2025"))).toBe("Byline");
    expect(paragraphWith(doc.document, "The Delta Works at the mouth")).toContain(
      '<w:pStyle w:val="Caption"/>',
    );
  });
});
