// src/render/table-layout.ts keeps the widths it measures per face for the process: a table laid out
// again from new nodes (a watch rebuild, the build daemon) asks fontkit for none of them, and comes
// out the same; a text measured in one face is not served for another.
import type { Table, TableCell, TableRow } from "mdast";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsedFace } from "../../src/render/parsed-face.ts";
import { pdfFonts } from "../../src/render/pdf/fonts.ts";
import { breakableCell, type FaceBytes, tableLayout } from "../../src/render/table-layout.ts";
import { testAssets } from "../support/render.ts";

const cell = (value: string): TableCell => ({ type: "tableCell", children: [{ type: "text", value }] });
const row = (values: string[]): TableRow => ({ type: "tableRow", children: values.map(cell) });
const table = (rows: string[][]): Table => ({ type: "table", children: rows.map(row) });
const page = { width: 468, landscapeWidth: 648 };

describe("table-layout: widths kept per face", () => {
  const faces: FaceBytes = pdfFonts(testAssets().fonts).faceBytes;
  const body = parsedFace(faces("body", false, false) as Uint8Array);
  const heading = parsedFace(faces("heading", true, false) as Uint8Array);
  afterEach(() => vi.restoreAllMocks());

  it("lays a table out again from new nodes without measuring a text anew", () => {
    // Texts no other test measures: the first layout measures them with fontkit.
    const rows = [
      ["Quarrelsome zebus", "Yurt counts"],
      ["Vexed quokkas of Kidal 7,931", "Xylographed 1,204"],
      ["Jumpy wyverns, Gao", "Zigzagged 88,016"],
    ];
    const layouts = vi.spyOn(body, "layout");
    const headingLayouts = vi.spyOn(heading, "layout");
    const first = tableLayout(table(rows), testAssets().theme, page, faces);
    const measured = layouts.mock.calls.length + headingLayouts.mock.calls.length;
    expect(measured).toBeGreaterThan(6);
    const again = tableLayout(table(rows), testAssets().theme, page, faces);
    expect(layouts.mock.calls.length + headingLayouts.mock.calls.length).toBe(measured);
    expect(again).toEqual(first);
  });

  it("measures a text in each face it is set in", () => {
    // The same long word in a body cell, then in a header (bold, in the heading face), where it is wider.
    const word = "Wmwmwmwmwmwmwmwmwmwmwm";
    const inBody = tableLayout(
      table([
        ["A", "B"],
        [word, "c"],
      ]),
      testAssets().theme,
      page,
      faces,
    );
    const inHeader = tableLayout(
      table([
        [word, "B"],
        ["a", "c"],
      ]),
      testAssets().theme,
      page,
      faces,
    );
    const ownWidth = (face: typeof body) => face.layout(word).advanceWidth / face.unitsPerEm;
    expect(ownWidth(heading)).not.toBeCloseTo(ownWidth(body), 2);
    expect(inHeader.widths[0]).not.toBeCloseTo(inBody.widths[0] as number, 1);
  });

  it("breaks a cell once per layout for the formats of one build, each column and header its own", () => {
    const url = "https://www.ssa.gov/foia/resources/proactivedisclosure/2024/field-office-staffing.xlsx";
    const laid = table([
      ["Office", "Source"],
      ["Field offices", url],
    ]);
    const layout = tableLayout(laid, testAssets().theme, { width: 240, landscapeWidth: 400 }, faces);
    const source = laid.children[1]?.children[1] as TableCell;
    const broken = breakableCell(source, false, layout, 1, faces);
    // The address is cut into lines (break nodes between its pieces) and the source cell left alone.
    expect(broken.children.some((node) => node.type === "break")).toBe(true);
    expect(source.children).toEqual([{ type: "text", value: url }]);
    // The PDF's and the DOCX's call get the same cell; another column, or the header's face, another.
    expect(breakableCell(source, false, layout, 1, faces)).toBe(broken);
    expect(breakableCell(source, true, layout, 1, faces)).not.toBe(broken);
    expect(breakableCell(source, false, layout, 0, faces)).not.toBe(broken);
  });
});
