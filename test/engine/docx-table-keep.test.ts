// src/engine/docx/table-keep.ts against docx 9.15.2's own `Table.prototype.prepForXml`: a table
// formatted through the keep is what docx formats, the first time and from the keep; a table with
// other content, widths, spans or rows kept with the next gets its own; a table holding what docx
// formats against the document (an external link, a field, a note reference, numbering, a nested
// table) or sized from the page is formatted by docx every time; and a report's DOCX is the same
// bytes rendered with nothing kept, from the keep, and after an edit.

import { readFileSync } from "node:fs";
import {
  AlignmentType,
  BookmarkEnd,
  BookmarkStart,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  PageReference,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { describe, expect, it } from "vitest";
import { packageParts } from "../../src/engine/docx/compile.ts";
import {
  forgetTables,
  installTableKeep,
  isKeptTableXml,
  tableKey,
  tablesFormatted,
} from "../../src/engine/docx/table-keep.ts";
import { loadReport } from "../../src/model/load.ts";
import { docxFormat } from "../../src/render/docx/format.ts";
import { testAssets } from "../support/render.ts";

// docx's own formatting, taken before the keep wraps it (nothing in this file has compiled yet).
const upstream = Table.prototype.prepForXml;
expect(upstream.name).not.toBe("keptTableFormat");
installTableKeep();

interface Cells {
  text?: string[][];
  widths?: number[];
  span?: boolean;
  keepNext?: boolean;
  cell?: (text: string, r: number, c: number) => Paragraph;
}

/** A data table as Folio writes one: a header row, bookmarks, bold and aligned runs, widths in twips. */
function table({ text, widths = [3000, 2000, 2000], span = false, keepNext, cell }: Cells = {}): Table {
  const rows = text ?? [
    ["State", "Staff", "Change"],
    ["Alabama", "1,204", "-3.1%"],
    ["Alaska", "98", "+0.4%"],
  ];
  let id = 1;
  return new Table({
    // Folio's tables take their borders from a style: docx's default borders read the document's theme.
    style: "TableGrid",
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    rows: rows.map(
      (row, r) =>
        new TableRow({
          tableHeader: r === 0,
          cantSplit: true,
          ...(keepNext === undefined ? {} : { keepNext }),
          children: row.flatMap((value, c) =>
            span && r === 1 && c === 2
              ? []
              : [
                  new TableCell({
                    width: { size: widths[c] ?? 0, type: WidthType.DXA },
                    ...(span && r === 1 && c === 1 ? { columnSpan: 2 } : {}),
                    children: [
                      cell?.(value, r, c) ??
                        new Paragraph({
                          alignment: c > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT,
                          children: [
                            new BookmarkStart(`src-${r}-${c}`, id) as unknown as ParagraphChild,
                            new BookmarkEnd(id++) as unknown as ParagraphChild,
                            new TextRun({ text: value, bold: r === 0 }),
                          ],
                        }),
                    ],
                  }),
                ],
          ),
        }),
    ),
  });
}

const context = () => ({ stack: [] as unknown[] }) as never;
/** docx's own formatting of a table. */
const formatted = (made: Table) => upstream.call(made, context());
/** The keep's. */
const kept = (made: Table) => made.prepForXml(context());

describe("table-keep: a table's formatting kept by its content", () => {
  it("gives docx's own formatting, the first time and from the keep, as the same object", () => {
    forgetTables();
    for (const options of [{}, { span: true }, { keepNext: true }, { widths: [4000, 1500, 1500] }]) {
      const first = kept(table(options));
      expect(first).toEqual(formatted(table(options)));
      const again = kept(table(options));
      expect(again).toBe(first);
      expect(isKeptTableXml(again as object)).toBe(true);
    }
  });

  it("formats a table with other content, widths, spans or rows kept with the next anew", () => {
    forgetTables();
    const base = kept(table());
    const others = [
      table({
        text: [
          ["State", "Staff", "Change"],
          ["Alabama", "1,205", "-3.1%"],
          ["Alaska", "98", "+0.4%"],
        ],
      }),
      table({ widths: [3000, 2000, 2001] }),
      table({ span: true }),
      table({ keepNext: true }),
      table({ keepNext: false }),
      table({ cell: (text) => new Paragraph({ children: [new TextRun({ text, italics: true })] }) }),
    ];
    const keys = new Set([tableKey(table()), ...others.map(tableKey)]);
    expect(keys.size).toBe(others.length + 1);
    for (const other of others) {
      const xml = kept(other);
      expect(xml).not.toBe(base);
      expect(JSON.stringify(xml)).not.toBe(JSON.stringify(base));
    }
    expect(JSON.stringify(kept(table({ text: [["a", "b", "c"]] })))).toContain('"a"');
  });

  it("leaves to docx a table holding what docx formats against the document, or sized from the page", () => {
    const refused: Table[] = [
      table({
        cell: (text) =>
          new Paragraph({
            children: [
              new ExternalHyperlink({ link: "https://www.gao.gov/", children: [new TextRun(text)] }),
            ],
          }),
      }),
      table({
        cell: (text) => new Paragraph({ children: [new TextRun(text), new PageReference("src-1-0")] }),
      }),
      table({
        cell: (text) => new Paragraph({ children: [new TextRun(text), new FootnoteReferenceRun(1)] }),
      }),
      table({ cell: (text) => new Paragraph({ text, numbering: { reference: "list", level: 0 } }) }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph("a")] })] })],
      }),
      new Table({
        columnWidths: [4000],
        width: { size: 4000, type: WidthType.DXA },
        rows: [
          new TableRow({
            children: [
              new TableCell({
                width: { size: 4000, type: WidthType.DXA },
                children: [table(), new Paragraph("")],
              }),
            ],
          }),
        ],
      }),
    ];
    for (const made of refused) expect(tableKey(made)).toBeUndefined();
    // An external link is a relationship of each document: both documents have it, and each its own id.
    const linked = () =>
      new Document({
        sections: [
          {
            children: [
              table({
                cell: (text) =>
                  new Paragraph({
                    children: [
                      new ExternalHyperlink({ link: "https://www.gao.gov/", children: [new TextRun(text)] }),
                    ],
                  }),
              }),
            ],
          },
        ],
      });
    for (const made of [linked(), linked()]) {
      const parts = packageParts(made);
      const id = /<w:hyperlink [^>]*r:id="([^"]+)"/.exec(String(parts.get("word/document.xml")))?.[1];
      expect(id).toBeDefined();
      expect(String(parts.get("word/_rels/document.xml.rels"))).toContain(`Id="${id}"`);
    }
  });

  it("formats a kept table once: docx's own formatting is not called again", () => {
    forgetTables();
    const before = tablesFormatted();
    kept(table());
    expect(tablesFormatted()).toBe(before + 1);
    kept(table());
    kept(table({ text: [["x", "y", "z"]] }));
    expect(tablesFormatted()).toBe(before + 2);
    // A table the keep leaves to docx is formatted every time.
    const linked = () =>
      table({
        cell: (text) => new Paragraph({ children: [new FootnoteReferenceRun(1), new TextRun(text)] }),
      });
    kept(linked());
    kept(linked());
    expect(tablesFormatted()).toBe(before + 4);
  });

  it("renders a report of data tables to the same DOCX with nothing kept, from the keep and after an edit", async () => {
    const assets = testAssets();
    const path = "test/fixtures/real/crs-ssa-staffing-by-state.md";
    const text = readFileSync(path, "utf8");
    const at = text.lastIndexOf(" the ");
    const edited = `${text.slice(0, at)} this ${text.slice(at + 5)}`;
    const options = { paper: "letter" as const, date: new Date(0) };
    const render = async (source: string) =>
      Buffer.from(
        (await docxFormat.render(loadReport(path, assets, { text: source }), assets, options)).artifacts[0]
          ?.bytes ?? [],
      );
    forgetTables();
    const fresh = await render(text);
    forgetTables();
    const freshEdited = await render(edited);
    const before = tablesFormatted();
    expect(before).toBeGreaterThanOrEqual(8); // four tables, twice
    expect((await render(text)).equals(fresh)).toBe(true);
    expect((await render(edited)).equals(freshEdited)).toBe(true);
    // Its tables came from the keep: none was formatted again.
    expect(tablesFormatted()).toBe(before);
    expect(fresh.equals(freshEdited)).toBe(false);
  });
});
