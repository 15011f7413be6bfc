import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { loadDocument } from "../src/model/book/load.ts";
import { reportCharacters } from "../src/model/characters.ts";
import { parseDelimited } from "../src/model/charts/delimited.ts";
import { readCell } from "../src/model/charts/numbers.ts";
import type { Chart } from "../src/model/charts/types.ts";
import { loadReport, testAssets } from "./support/render.ts";

const fixtures = "test/fixtures/charts";

describe("numbers as tables write them", () => {
  it("reads thousands, currency, percent and dashes", () => {
    expect(readCell("1,540")).toMatchObject({
      kind: "number",
      value: 1540,
      unit: { prefix: "", suffix: "" },
    });
    expect(readCell("$38.6")).toMatchObject({
      kind: "number",
      value: 38.6,
      unit: { prefix: "$" },
      decimals: 1,
    });
    expect(readCell("81%")).toMatchObject({ kind: "number", value: 81, unit: { suffix: "%" } });
    expect(readCell("−4.5")).toMatchObject({ kind: "number", value: -4.5 });
    expect(readCell("US$2,310,000")).toMatchObject({
      kind: "number",
      value: 2310000,
      unit: { prefix: "US$" },
    });
    expect(readCell("1 540 000")).toMatchObject({ kind: "number", value: 1540000 });
    expect(readCell(".5")).toMatchObject({ kind: "number", value: 0.5, decimals: 1 });
    expect(readCell("98 percent")).toMatchObject({ kind: "number", value: 98, unit: { suffix: "percent" } });
    for (const missing of ["—", "–", "", "n/a", ".."]) expect(readCell(missing).kind).toBe("missing");
    for (const text of ["about 40", "1,54", "n.d.", "4 to 5", "12-", "%", "km", "100 20"])
      expect(readCell(text).kind).toBe("text");
  });
});

describe("CSV and TSV cells keep their place", () => {
  it("reads quoted fields, doubled quotes and a field across lines, each at its line and column", () => {
    const { rows, problem } = parseDelimited('a,b\n"x, y","say ""hi"""\n\n"two\nlines",3\n', ",");
    expect(problem).toBeUndefined();
    expect(rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["two\nlines", "3"],
    ]);
    expect(rows[1]?.[1]?.place).toEqual({ line: 2, column: 8 });
    expect(rows[2]?.[1]?.place).toEqual({ line: 5, column: 8 });
  });

  it("reports a quote never closed where it opens", () => {
    expect(parseDelimited('a\tb\n1\t"2\n', "\t").problem).toMatchObject({ line: 2, column: 3 });
  });
});

describe("charts and data tables in the model", () => {
  const model = loadReport(`${fixtures}/report.md`);
  const charts = model.apparatus.figures.flatMap((figure) => {
    const chart = figure.image.data?.chart;
    return chart ? [{ figure, chart }] : [];
  });
  const byLabel = (label: string): Chart => {
    const found = charts.find(({ figure }) => figure.label === label);
    if (!found) throw new Error(`no chart ${label}`);
    return found.chart;
  };

  it("makes each chart a numbered, labelled figure, listed like any other", () => {
    expect(charts.map(({ figure }) => [figure.number, figure.label])).toEqual([
      ["1", "fig-advisories"],
      ["2", "fig-by-area"],
      ["3", "fig-response"],
      ["4", "fig-funding"],
      ["5", "fig-coverage"],
    ]);
    expect(model.apparatus.targets.get("fig-funding")).toMatchObject({ kind: "fig", number: "4" });
  });

  it("reads the body table's numbers, its missing value and the chart's kind", () => {
    const advisories = byLabel("fig-advisories");
    expect(advisories.kind).toBe("bar");
    expect(advisories.categories).toEqual(["2020", "2021", "2022", "2023", "2024"]);
    expect(advisories.series[0]?.values).toEqual([47, 58, 71, 93, 81]);
    const byArea = byLabel("fig-by-area");
    expect(byArea.kind).toBe("grouped");
    expect(byArea.series.map((s) => s.name)).toEqual(["Urban", "Rural"]);
    expect(byArea.series[0]?.values.at(-1)).toBeNull();
    expect(byLabel("fig-response").series[0]?.values).toEqual([6.5, 6.1, 5.2, 4.8, 4.1]);
  });

  it("reads CSV and TSV files with their units", () => {
    const funding = byLabel("fig-funding");
    expect(funding.kind).toBe("stacked");
    expect(funding.categories).toContain("Testing, monitoring");
    expect(funding.unit).toEqual({ prefix: "$", suffix: "" });
    expect(funding.yTitle).toBe("Funding (US$ million)");
    expect(funding.source).toEqual({ kind: "file", path: "funding.csv" });
    const coverage = byLabel("fig-coverage");
    expect(coverage.unit).toEqual({ prefix: "", suffix: "%" });
    expect(coverage.series[0]?.values).toEqual([81, 64, 92, 57, 73]);
  });

  it("names the table a chart comes from by its number", () => {
    expect(byLabel("fig-advisories").source).toEqual({
      kind: "table",
      label: "tbl-advisories",
      id: "tbl-advisories",
      number: "1",
    });
  });

  it("writes alt text from the data: kind, extremes and trend, then the editor's own", () => {
    expect(byLabel("fig-advisories").alt).toBe(
      "Bar chart of boil-water advisories by year, 2020 to 2024: lowest 47 in 2020, highest 93 in 2023; rising from 47 in 2020 to 81 in 2024.",
    );
    expect(byLabel("fig-by-area").alt).toMatch(
      /^Grouped bar chart of urban and rural by year, 2020 to 2024\. Urban: lowest 12 in 2020, highest 30 in 2023;/,
    );
    expect(byLabel("fig-by-area").alt).toMatch(/Urban counties have no count for 2024\.$/);
    expect(byLabel("fig-coverage").alt).toBe(
      "Dot plot of coverage by county: lowest 57% in Dogwood, highest 92% in Cedar.",
    );
  });

  it("counts a chart's text among the report's characters (the faces the formats embed cover it)", () => {
    const characters = reportCharacters(model);
    // `%` is written only in coverage.tsv, `−` only on a chart's axis.
    expect(characters.has("%")).toBe(true);
    expect(characters.has("−")).toBe(true);
  });

  it("makes `::table{src=…}` a captioned, numbered table, numbers right-aligned", () => {
    const awards = model.apparatus.tables.find(({ caption }) => caption.label === "tbl-awards");
    expect(awards?.caption.number).toBe("2");
    expect(awards?.table.align).toEqual([null, null, "right", "right"]);
    const text = (awards?.table.children ?? []).map((row) =>
      row.children.map((cell) => (cell.children[0]?.type === "text" ? cell.children[0].value : "")),
    );
    expect(text[0]).toEqual(["Recipient", "County", "Award", "Households"]);
    expect(text[1]).toEqual(["Alder Water District", "Alder", "$1,540,000", "12,400"]);
    expect(text[4]?.[3]).toBe("—");
  });
});

describe("bad data gets messages at their place, all at once", () => {
  const file = new VFile({ path: `${fixtures}/bad-data.md` });
  expect(() => loadReport(`${fixtures}/bad-data.md`, { file })).toThrow();
  const errors = file.messages
    .filter((m) => m.fatal)
    .map((m) => `${m.file}:${m.line}:${m.column}: ${m.reason}`);
  const has = (pattern: RegExp) =>
    expect(
      errors.some((e) => pattern.test(e)),
      errors.join("\n"),
    ).toBe(true);

  it("a body cell that is not a number, at its line and column", () =>
    has(/bad-data\.md:10:8: `about 40` in column `Advisories` is not a number/));
  it("a column the table lacks, with did-you-mean", () =>
    has(
      /bad-data\.md:16:30: Column `Advisorys` \(y\) is not in table `tbl-bad`: did you mean `Advisories`\?/,
    ));
  it("an unknown table label", () => has(/bad-data\.md:18:9: No table is labelled `tbl-missing`/));
  it("a missing file", () => has(/bad-data\.md:20:9: Data file `nothere\.csv` not found/));
  it("mixed units in one column, in the data file", () =>
    has(/mixed\.csv:3:8: `81%` is in %, but `\$38\.6` \(line 2\) in \$/));
  it("more categories than the theme allows", () =>
    has(/bad-data\.md:24:1: `many\.csv` has 30 categories: a chart shows at most 24/));
  it("a CSV cell that is not a number, at its line and column in the CSV", () =>
    has(/cell\.csv:3:7: `n\.d\.` in column `Coverage` is not a number/));
  it("an unknown chart type, with did-you-mean", () =>
    has(/bad-data\.md:26:42: No chart type `dott`: did you mean `dot`\?/));
  it("reports nothing else", () => expect(errors).toHaveLength(8));
});

describe("charts in a book", () => {
  it("name their own chapter's table, by the book's number and anchor", () => {
    const book = loadDocument(`${fixtures}/book/book.md`, testAssets());
    const sources = book.apparatus.figures.flatMap((figure) => {
      const source = figure.image.data?.chart?.source;
      return source?.kind === "table" ? [source] : [];
    });
    expect(sources.map((source) => [source.id, source.number])).toEqual([
      ["one-tbl-counts", "1.1"],
      ["two-tbl-counts-two", "2.1"],
    ]);
    const keys = book.apparatus.figures.map((figure) => figure.image.data?.chart?.key);
    expect(new Set(keys).size).toBe(4);
  });
});
