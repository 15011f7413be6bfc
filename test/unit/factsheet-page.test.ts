import { describe, expect, it } from "vitest";
import { drawChart } from "../../src/render/chart-svg.ts";
import { bandLayout, faceMeasure, pdfLines, wrapWords } from "../../src/render/factsheet/band.ts";
import { sheetColumns } from "../../src/render/factsheet/columns.ts";
import { firstBodyChart, sheetDataChart } from "../../src/render/factsheet/data-chart.ts";
import { factSheetLayout } from "../../src/render/factsheet/layout.ts";
import type { FactSheet } from "../../src/render/factsheet/sheet.ts";
import { cellNumber, firstNumericTable } from "../../src/render/factsheet/table-chart.ts";
import { loadReport, testAssets } from "../support/render.ts";

const assets = testAssets();
const letter = factSheetLayout(assets.theme, "letter");
const a4 = factSheetLayout(assets.theme, "a4");
const bold = faceMeasure(assets, "heading", 700);
/** The band's left column, as band.ts measures it. */
const room = (layout: typeof letter) =>
  layout.page.width - 2 * layout.page.margin - layout.publisherWidth - layout.columnGap;

describe("the title band", () => {
  it("breaks after a dash and at spaces only, losing no character", () => {
    const title = "M-13-13: Open Data Policy—Managing Information as an Asset";
    const lines = wrapWords(title, 300, 18, bold);
    expect(lines).toEqual(["M-13-13: Open Data Policy—", "Managing Information as an Asset"]);
    // A thin or no-break space stays inside its word.
    expect(wrapWords("Les algorithmes publics\u202f: enjeux", 1000, 18, bold)).toEqual([
      "Les algorithmes publics\u202f: enjeux",
    ]);
    // pdfmake drops the space a line breaks at: the PDF's text keeps it at the line's end.
    expect(pdfLines(["a b", "c—", "d"])).toBe("a b \nc—\nd");
  });

  it("keeps a short title on one line at the largest size, on the usual band", () => {
    const band = bandLayout(assets, letter, {
      title: "Mali",
      credits: ["U.S. Department of State · Bureau of Counterterrorism"],
    });
    expect(band.title).toMatchObject({ size: letter.type.titleMax, lines: ["Mali"] });
    expect(band.height).toBe(letter.page.band);
    expect(band.credits.top).toBe(34);
  });

  it("steps a long title down to two or three lines that each fit the band, on A4 and Letter", () => {
    const title =
      "El abastecimiento de agua potable y el saneamiento en los municipios rurales de la región: diagnóstico y recomendaciones";
    for (const layout of [a4, letter]) {
      const band = bandLayout(assets, layout, { title, credits: ["Observatorio"] });
      expect(band.title.lines.length).toBeGreaterThan(1);
      expect(band.title.lines.length).toBeLessThanOrEqual(3);
      expect(band.title.size).toBeLessThan(layout.type.titleMax);
      expect(band.title.lines.join(" ")).toBe(title);
      for (const line of band.title.lines)
        expect(bold.width(line, band.title.size)).toBeLessThanOrEqual(room(layout));
      // The band holds the eyebrow and every line.
      expect(band.height).toBeGreaterThanOrEqual(22 + band.title.lines.length * band.title.lineHeight);
    }
  });

  it("never cuts a title of the longest length allowed: it takes more lines at the smallest size", () => {
    const title = `${"Informe regional sobre el agua ".repeat(10)}`.trim().slice(0, 300);
    const band = bandLayout(assets, a4, { title, credits: [] });
    expect(band.title.size).toBe(12);
    expect(band.title.lines.length).toBeGreaterThan(3);
    expect(band.title.lines.join(" ")).toBe(title);
    expect(band.height).toBeGreaterThan(a4.page.band);
  });

  it("grows the band to hold a subtitle and four authors", () => {
    const band = bandLayout(assets, letter, {
      title: "M-13-13: Open Data Policy—Managing Information as an Asset",
      subtitle: "Memorandum for the Heads of Executive Departments and Agencies",
      credits: [
        "Executive Office of the President, Office of Management and Budget",
        "Sylvia M. Burwell, Steven VanRoekel, Todd Park, and Dominic J. Mancini",
        "May 9, 2013",
      ],
    });
    expect(band.subtitle?.lines.join(" ")).toBe(
      "Memorandum for the Heads of Executive Departments and Agencies",
    );
    // Five lines of credits (two wrap) end above the band's bottom.
    expect(22 + band.credits.top + 5 * band.credits.lineHeight).toBeLessThanOrEqual(band.height);
  });
});

/** A sheet with only what `sheetColumns` reads. */
function sheet(parts: Partial<FactSheet>): FactSheet {
  return { kind: "brief", figures: [], groups: [], incidents: [], ...parts } as FactSheet;
}
const brief = (findings: number, contents = 3): FactSheet["brief"] => ({
  summary: { text: "A summary of ninety characters, more or less, standing for the report's opening lines." },
  findings: Array.from({ length: findings }, (_, i) => ({
    text: `Finding ${i + 1} of the report, which is longer than the summary when there are several.`,
    href: `r.html#src-${i}`,
    key: `finding-${i}`,
    priority: 3,
  })),
  contents: Array.from({ length: contents }, (_, i) => `Section ${i + 1}`),
});

describe("the columns", () => {
  it("sets a brief sheet's summary and findings left and its chart and contents right", () => {
    const plan = sheetColumns(sheet({ brief: brief(4), dataChart: {} as FactSheet["dataChart"] }));
    expect(plan).toEqual({ left: ["summary", "findings"], right: ["dataChart", "contents"] });
  });

  it("without a chart, sets the findings beside the summary and the contents under the shorter", () => {
    expect(sheetColumns(sheet({ brief: brief(4) }))).toEqual({
      left: ["summary", "contents"],
      right: ["findings"],
    });
    expect(sheetColumns(sheet({ brief: brief(0) }))).toEqual({ left: ["summary"], right: ["contents"] });
  });

  it("fills a country sheet's empty right column with the summary and findings", () => {
    const map = {} as FactSheet["map"];
    expect(sheetColumns(sheet({ kind: "country", map, brief: brief(3) }))).toEqual({
      left: ["map"],
      right: ["summary", "findings"],
    });
  });

  it("leaves a country sheet with groups and a chart as Mali's", () => {
    const plan = sheetColumns(
      sheet({
        kind: "country",
        map: {} as FactSheet["map"],
        groups: [{ label: "Groups", items: [], priority: 1, line: 1, key: "group-0" }],
        chart: {} as FactSheet["chart"],
        incidents: [{ key: "incident-0" } as FactSheet["incidents"][number]],
      }),
    );
    expect(plan).toEqual({ left: ["map", "incidents"], right: ["groups", "chart"] });
  });
});

describe("the chart of the first numeric table", () => {
  it("reads numbers as tables write them, and nothing else", () => {
    expect(cellNumber("1,540")).toBe(1540);
    expect(cellNumber("$58.20")).toBe(58.2);
    expect(cellNumber("18%")).toBe(18);
    expect(cellNumber("-3.5")).toBe(-3.5);
    expect(cellNumber("about 12")).toBeUndefined();
    expect(cellNumber("Uniform rate")).toBeUndefined();
  });

  it("takes the first column of numbers, leaving out the total row", () => {
    const series = firstNumericTable(loadReport("test/fixtures/sheet/long-title-es.md").tree);
    expect(series?.measure).toBe("Municipios");
    expect(series?.rows.map((r) => [r.name, r.value])).toEqual([
      ["Menos de 500 habitantes", 212],
      ["De 500 a 2.000 habitantes", 148],
      ["De 2.000 a 5.000 habitantes", 61],
    ]);
    expect(series?.anchor).toMatch(/\S/);
  });
});

describe("the brief sheet's chart of the body's data", () => {
  const box = { theme: assets.theme, ...letter.chart };

  it("is the report's first body chart when it has one: its drawing, numbered caption, alt and figure", async () => {
    const model = loadReport("test/fixtures/charts/report.md");
    const first = model.apparatus.figures.find((f) => f.image.data?.chart)?.image.data?.chart;
    expect(first?.title).toBe("Boil-water advisories by year");
    const chart = await sheetDataChart(model, { ...box, reportHref: "report.html" });
    expect(chart?.from).toBe("figure");
    expect(chart?.svg).toBe(first && drawChart(first, assets.theme).svg);
    expect(chart?.alt).toBe(first?.alt);
    expect(chart?.note.replace(/\s/g, " ")).toBe("Figure 1: Boil-water advisories by year");
    expect(chart?.href).toBe("report.html#fig-advisories");
    // Scaled to the column, keeping the drawing's proportions.
    expect(chart?.width).toBeLessThanOrEqual(letter.chart.width);
    expect(chart?.height).toBeLessThanOrEqual(letter.chart.height);
    const drawn = first && drawChart(first, assets.theme);
    expect((chart?.width ?? 0) / (chart?.height ?? 1)).toBeCloseTo(
      (drawn?.width ?? 0) / (drawn?.height ?? 1),
      1,
    );
  });

  it("is drawn from the first numeric table when the report has no body chart", async () => {
    const model = loadReport("test/fixtures/sheet/long-title-es.md");
    expect(firstBodyChart(model)).toBeUndefined();
    const chart = await sheetDataChart(model, { ...box, reportHref: "x.html" });
    expect(chart?.from).toBe("table");
    expect(chart?.heading).toBe("Municipios");
    expect(chart?.href).toMatch(/^x\.html#\S/);
  });
});
