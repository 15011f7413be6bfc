import type { Element } from "hast";
import { beforeAll, describe, expect, it } from "vitest";
import type { Chart } from "../src/model/charts/types.ts";
import type { ReportModel } from "../src/model/types.ts";
import { drawChart } from "../src/render/chart-svg.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { checkPdfUa, PdfObjects, pdfString, readStructure, structureTextPoppler } from "./support/pdfua.ts";
import { loadReport, renderWith, testAssets } from "./support/render.ts";

// The brief sheet of a report with body charts (test/fixtures/charts/report.md): its chart is the
// report's first body chart, drawn as the report draws it, in the PDF and the HTML. Built once.

let model: ReportModel;
let pdf: Uint8Array;
let html = "";
let first: Chart;

/** The marks of an SVG: each `<path>`, `<line>`, `<circle>` and `<rect>` Vega drew, and its texts. */
function marks(svg: string): { shapes: number; texts: string[] } {
  return {
    shapes: svg.match(/<(?:path|line|circle|rect)\b/g)?.length ?? 0,
    texts: [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string),
  };
}

beforeAll(async () => {
  model = loadReport("test/fixtures/charts/report.md");
  const { artifacts } = await renderWith(factsheetFormat, model, { sourceDateEpoch: 0 });
  pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const chart = model.apparatus.figures.find((f) => f.label === "fig-advisories")?.image.data?.chart;
  if (!chart) throw new Error("the fixture's first chart is missing");
  first = chart;
}, 120_000);

describe("the brief sheet of a report with body charts", () => {
  it("prints the first body chart with its numbered caption, not a chart of the first table", () => {
    // A no-break space keeps "Figure" with its number.
    const text = structureTextPoppler(pdf).text.replace(/\s+/g, " ");
    expect(text).toContain("Figure 1: Boil-water advisories by year");
    expect(text).not.toContain("From the report’s table");
    // The chart's own text, as the report's chart writes it.
    for (const value of ["47", "58", "71", "93", "81", "2020", "2024"]) expect(text).toContain(value);
  });

  it("tags the chart a Figure whose alt text is the body chart's", () => {
    const { elements } = readStructure(new PdfObjects(pdf));
    const alts = elements.filter((e) => e.type === "Figure").map((f) => pdfString(f.dict["/Alt"]));
    expect(alts).toContain(first.alt);
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it("links the caption to the figure in the report, in the PDF and the HTML", () => {
    const target = `${model.name}.html#fig-advisories`;
    expect(new TextDecoder("latin1").decode(pdf)).toContain(`/URI (${target})`);
    const page = parsePage(html);
    const caption = selectAll("figure.data figcaption a", page)[0] as Element;
    expect(attr(caption, "href")).toBe(target);
    expect(visibleText(caption).replace(/\s+/g, " ")).toBe("Figure 1: Boil-water advisories by year");
  });

  it("draws the same marks and text in the HTML as the body chart, named by its alt text", () => {
    const page = parsePage(html);
    const svg = selectAll("figure.data svg", page)[0] as Element;
    expect(attr(svg, "role")).toBe("img");
    const desc = selectAll("desc", svg)[0] as Element;
    expect(visibleText(desc)).toBe(first.alt);
    const inline = /<figure class="chart data">\s*(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1] ?? "";
    const body = marks(drawChart(first, testAssets().theme).svg);
    expect(body.shapes).toBeGreaterThan(5);
    expect(marks(inline)).toEqual(body);
  });
});
