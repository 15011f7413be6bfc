// Each renderer's handler table on one small model (test/fixtures/suite/handlers.md), without a
// whole render: the HTML handlers through renderHtmlFragment, the PDF's through blocksToPdf (the
// pdfmake nodes they build), the DOCX's through renderBlocks, compiled by docx into document.xml.
// What each handler makes of a heading, a paragraph with marks and a note, a list, a table and a
// quotation, asserted on the handler's own output.
import { Document } from "docx";
import type { Element } from "hast";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAssets } from "../../src/assets/load.ts";
import type { Assets } from "../../src/assets/types.ts";
import { packageParts } from "../../src/engine/docx/compile.ts";
import { loadReport } from "../../src/model/load.ts";
import type { ReportModel } from "../../src/model/types.ts";
import { type DocxContext, renderBlocks } from "../../src/render/docx/context.ts";
import { wordFaces } from "../../src/render/docx/faces.ts";
import { docxHandlers } from "../../src/render/docx/handlers.ts";
import { ListNumbering } from "../../src/render/docx/numbering.ts";
import { renderHtmlFragment } from "../../src/render/html/body.ts";
import { blocksToPdf } from "../../src/render/pdf/blocks.ts";
import { createPdfContext } from "../../src/render/pdf/context.ts";
import { pdfFonts } from "../../src/render/pdf/fonts.ts";
import { attr, parsePage, selectAll, visibleText } from "../support/html.ts";

const fixture = "test/fixtures/suite/handlers.md";
let assets: Assets;
let model: ReportModel;
beforeAll(() => {
  assets = loadAssets();
  model = loadReport(fixture, assets);
});

describe("the HTML handlers", () => {
  let file: VFile;
  let page: ReturnType<typeof parsePage>;
  beforeAll(() => {
    file = new VFile({ path: fixture });
    page = parsePage(renderHtmlFragment(model.tree, { model, file }));
  });

  it("give the heading its id, the marks their elements and the note its reference and text", () => {
    const [heading] = selectAll("h2", page) as Element[];
    expect(attr(heading, "id")).toBe("water-in-gao");
    expect(visibleText(heading as Element)).toBe("Water in Gao");
    expect(selectAll("p em", page).map((e) => visibleText(e as Element))).toEqual(["emphasis"]);
    expect(selectAll("p strong", page).map((e) => visibleText(e as Element))).toEqual(["strength"]);
    const [reference] = selectAll("sup a", page) as Element[];
    const note = (attr(reference, "href") ?? "").slice(1);
    expect(note).not.toBe("");
    expect(visibleText(selectAll(`[id="${note}"]`, page)[0] as Element)).toContain("The note’s text.");
  });

  it("make the list, the table (header and numeric column) and the quotation", () => {
    expect(selectAll("ul > li", page).map((e) => visibleText(e as Element).trim())).toEqual([
      "First item",
      "Second item",
    ]);
    expect(selectAll("table thead th", page).map((e) => visibleText(e as Element))).toEqual([
      "Town",
      "Wells",
    ]);
    expect(selectAll("table tbody td", page).map((e) => visibleText(e as Element))).toEqual(["Gao", "12"]);
    expect(visibleText(selectAll("blockquote", page)[0] as Element).trim()).toBe("A quoted line.");
    expect(file.messages).toEqual([]);
  });
});

describe("the PDF handlers", () => {
  let file: VFile;
  let blocks: Array<Record<string, unknown>>;
  beforeAll(() => {
    file = new VFile({ path: fixture });
    const ctx = createPdfContext({
      theme: assets.theme,
      fonts: pdfFonts(assets.fonts),
      labels: model.labels,
      file,
      width: 450,
      height: 650,
      footnotes: model.footnotes,
    });
    blocks = blocksToPdf(model.tree.children, ctx) as unknown as Array<Record<string, unknown>>;
  });
  const texts = (node: unknown): string =>
    typeof node === "string"
      ? node
      : Array.isArray(node)
        ? node.map(texts).join("")
        : node && typeof node === "object"
          ? texts((node as { text?: unknown; stack?: unknown }).text ?? (node as { stack?: unknown }).stack)
          : "";

  it("tag each block for the structure tree, in the source's order", () => {
    expect(blocks.map((b) => (b.tag as { type: string }).type)).toEqual([
      "H2",
      "P",
      "L",
      "Table",
      "BlockQuote",
    ]);
    expect(blocks[0]).toMatchObject({ id: "water-in-gao", headlineLevel: 2, style: "h2" });
    expect(texts(blocks[0])).toBe("Water in Gao");
  });

  it("set the marks as pdfmake's run properties and the note's number as a linked superscript", () => {
    const runs = blocks[1]?.text as Array<Record<string, unknown>>;
    expect(runs.find((r) => r.text === "emphasis")).toMatchObject({ italics: true });
    expect(runs.find((r) => r.text === "strength")).toMatchObject({ bold: true });
    expect(runs.find((r) => r.sup)).toMatchObject({ text: "1", linkToDestination: "fn:1" });
  });

  it("make the list's items, the table's header row and right-aligned number, and the quotation", () => {
    const items = blocks[2]?.ul as unknown[];
    expect(items.map(texts)).toEqual(["First item", "Second item"]);
    const table = blocks[3]?.table as { headerRows: number; body: Array<Array<Record<string, unknown>>> };
    expect(table.headerRows).toBe(1);
    expect(table.body.map((row) => row.map(texts))).toEqual([
      ["Town", "Wells"],
      ["Gao", "12"],
    ]);
    expect(table.body[1]?.[1]?.alignment).toBe("right");
    expect(JSON.stringify(blocks[4])).toContain("A quoted line.");
    expect(file.messages).toEqual([]);
  });
});

describe("the DOCX handlers", () => {
  let file: VFile;
  let xml: string;
  beforeAll(() => {
    file = new VFile({ path: fixture });
    const { theme } = assets;
    const paper = theme.page.a4;
    const { margins } = theme.page;
    const context: DocxContext = {
      state: {
        model,
        theme,
        file,
        handlers: docxHandlers,
        numbering: new ListNumbering(),
        footnotesReferenced: new Set(),
        nextBookmarkId: 1,
        nextDrawingId: 1,
        textWidth: paper.width - margins.left - margins.right,
        textHeight: paper.height - margins.top - margins.bottom,
        toc: { levels: model.headingLevels, textWidth: 9000, layout: theme.layout },
        topDepth: 2,
        faces: wordFaces(theme, assets.fonts),
        tableCaptions: [],
        landscapeTables: new Set(),
      },
      marks: {},
      frame: { indent: 0, listLevel: 0 },
    };
    const children = renderBlocks(model.tree.children, context);
    const document = new Document({ sections: [{ children }] });
    xml = String(packageParts(document).get("word/document.xml"));
  });
  const paragraphs = () => [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g)].map((m) => m[0]);
  const text = (part: string) => [...part.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

  it("write the heading in its heading style and the marks as run properties", () => {
    const heading = paragraphs().find((p) => text(p) === "Water in Gao") ?? "";
    expect(heading).toMatch(/<w:pStyle w:val="Heading\d"\/>/);
    const body = paragraphs().find((p) => text(p).startsWith("A paragraph with")) ?? "";
    expect(body).toMatch(
      /<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:i\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>emphasis</,
    );
    expect(body).toMatch(
      /<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:b\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>strength</,
    );
    expect(body).toContain("<w:footnoteReference");
  });

  it("number the list's items, put the table's cells in a w:tbl, and set the quotation apart", () => {
    const items = paragraphs().filter((p) => ["First item", "Second item"].includes(text(p)));
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toContain("<w:numPr>");
    const table = /<w:tbl>.*<\/w:tbl>/.exec(xml)?.[0] ?? "";
    expect([...table.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => text(m[0]))).toEqual([
      "Town",
      "Wells",
      "Gao",
      "12",
    ]);
    const quote = paragraphs().find((p) => text(p) === "A quoted line.") ?? "";
    expect(quote).toMatch(/<w:ind w:left="[1-9]/);
    expect(file.messages).toEqual([]);
  });
});
