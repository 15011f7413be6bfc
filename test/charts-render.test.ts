import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Element } from "hast";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chart } from "../src/model/charts/types.ts";
import type { ReportModel } from "../src/model/types.ts";
import { drawChart, forgetDrawnCharts, seriesColours } from "../src/render/chart-svg.ts";
import { openDocx } from "./docx-package.ts";
import { axeViolations, type ChromiumSession, chromiumSession, openFile } from "./support/browser.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { checkPdfUa, PdfObjects, pdfString, readStructure } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";
import { nuCheck } from "./support/vnu.ts";

// The charts fixture (test/fixtures/charts/README.md), built once per format, asserted on at length.
const source = "test/fixtures/charts/report.md";
let model: ReportModel;
let html = "";
let pdf: Uint8Array;
let docx: Uint8Array;
const chartOf = (label: string): Chart => {
  const chart = model.apparatus.figures.find((figure) => figure.label === label)?.image.data?.chart;
  if (!chart) throw new Error(`no chart ${label}`);
  return chart;
};

beforeAll(async () => {
  model = loadReport(source);
  [html, pdf, docx] = await Promise.all([
    renderHtml(model, { sourceDateEpoch: 0 }),
    renderPdf(model, { sourceDateEpoch: 0 }),
    renderDocx(model, { sourceDateEpoch: 0 }),
  ]);
}, 120_000);

describe("the chart's SVG", () => {
  it("draws one bar per value, each value's text, the axis titles and the alt text", () => {
    const { svg } = drawChart(chartOf("fig-advisories"), testAssets().theme);
    const bars = svg.match(/<path[^>]*aria-hidden|class="mark-rect role-mark[^"]*"/g) ?? [];
    expect(bars.length).toBeGreaterThan(0);
    const rects =
      svg
        .slice(svg.indexOf('class="mark-rect'))
        .split("</g>")[0]
        ?.match(/<path /g) ?? [];
    expect(rects).toHaveLength(5);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const expected of ["47", "58", "71", "93", "81", "2020", "2024", "Year", "Boil-water advisories"])
      expect(texts).toContain(expected);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      `<desc id="${chartOf("fig-advisories").key}-desc">Bar chart of boil-water advisories`,
    );
  });

  it("fills bars in the theme's colours, one per series", () => {
    const { theme } = testAssets();
    const { svg } = drawChart(chartOf("fig-by-area"), theme);
    // The theme's colours, each darkened to 3:1 on the page where it falls short (chart-colours.test.ts).
    const [first, second] = seriesColours(theme);
    expect(svg).toContain(`fill="${first}"`);
    expect(svg).toContain(`fill="${second}"`);
    // Urban has no value for 2024: nine bars, not ten.
    const rects =
      svg
        .slice(svg.indexOf('class="mark-rect'))
        .split("</g>")[0]
        ?.match(/<path /g) ?? [];
    expect(rects).toHaveLength(9);
  });

  it("writes values with their unit on the axis, and lays long names beside their bars", () => {
    const { svg } = drawChart(chartOf("fig-funding"), testAssets().theme);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(
      expect.arrayContaining(["$0", "$50", "Lead service lines", "Funding (US$ million)"]),
    );
    const coverage = drawChart(chartOf("fig-coverage"), testAssets().theme).svg;
    expect([...coverage.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toContain("90%");
    expect(coverage.match(/class="mark-symbol/g)).toHaveLength(1);
  });

  it("draws the same bytes every time", () => {
    const chart = chartOf("fig-response");
    const first = drawChart(chart, testAssets().theme).svg;
    forgetDrawnCharts();
    const again = drawChart(structuredClone(chart), structuredClone(testAssets().theme)).svg;
    expect(again).toBe(first);
    expect(first).toContain("<path");
  });
});

describe("HTML", () => {
  it("puts each chart inline in its figure, an image named by its caption and alt text", () => {
    const page = parsePage(html);
    const figures = selectAll("figure.chart", page) as Element[];
    expect(figures.map((f) => attr(f, "id"))).toEqual([
      "fig-advisories",
      "fig-by-area",
      "fig-response",
      "fig-funding",
      "fig-coverage",
    ]);
    const svg = selectAll("svg", figures[0] as Element)[0] as Element;
    expect(attr(svg, "role")).toBe("img");
    const [title, desc] = String(attr(svg, "ariaLabelledBy")).split(" ");
    const text = (id: string | undefined) => visibleText(selectAll(`[id="${id}"]`, page)[0] as Element);
    expect(text(title)).toBe("Boil-water advisories by year");
    expect(text(desc)).toBe(chartOf("fig-advisories").alt);
    expect(visibleText(selectAll("figcaption", figures[3] as Element)[0] as Element)).toBe(
      "Figure 4: Funding by program and source",
    );
  });

  it("links a chart to the body table it comes from, and gives a file's data as a table", () => {
    const page = parsePage(html);
    const links = selectAll("p.chart-data a", page) as Element[];
    expect(links.map((a) => [attr(a, "href"), visibleText(a)])).toEqual([
      ["#tbl-advisories", "Table 1"],
      ["#tbl-advisories", "Table 1"],
      ["#tbl-advisories", "Table 1"],
    ]);
    const details = selectAll("details.chart-data", page) as Element[];
    expect(details).toHaveLength(2);
    const rows = selectAll("tr", details[0] as Element).map((row) =>
      selectAll("th, td", row as Element).map((cell) => visibleText(cell as Element)),
    );
    expect(rows[0]).toEqual(["Program", "Federal", "State"]);
    expect(rows[3]).toEqual(["Testing, monitoring", "$6.2", "$4.8"]);
  });

  it("shows `::table{src=…}` as a captioned table, header marked, numbers right-aligned", () => {
    const table = selectAll('table[id="tbl-awards"]', parsePage(html))[0] as Element;
    expect(visibleText(selectAll("caption", table)[0] as Element)).toBe("Table 2: Awards made in 2024");
    const header = selectAll("thead th", table) as Element[];
    expect(header.map((th) => visibleText(th))).toEqual(["Recipient", "County", "Award", "Households"]);
    const first = selectAll("tbody tr", table)[0] as Element;
    expect(selectAll("td", first).map((td) => attr(td as Element, "align") ?? "")).toEqual([
      "",
      "",
      "right",
      "right",
    ]);
  });

  it("lists the charts among the figures", () => {
    const items = selectAll("nav.list-of-figures li", parsePage(html)).map((li) =>
      visibleText(li as Element),
    );
    expect(items).toEqual([
      "Figure 1: Boil-water advisories by year",
      "Figure 2: Advisories in urban and rural counties",
      "Figure 3: Median days to lift an advisory",
      "Figure 4: Funding by program and source",
      "Figure 5: Households covered by testing, by county",
    ]);
  });
});

describe("PDF", () => {
  it("tags each chart a Figure whose alt text is the chart's, with a Caption naming its data", () => {
    const { elements } = readStructure(new PdfObjects(pdf));
    const figures = elements.filter((e) => e.type === "Figure");
    expect(figures.map((f) => pdfString(f.dict["/Alt"]))).toEqual(
      ["fig-advisories", "fig-by-area", "fig-response", "fig-funding", "fig-coverage"].map(
        (l) => chartOf(l).alt,
      ),
    );
    for (const figure of figures) {
      const captions = figure.kids.filter((kid) => "type" in kid && kid.type === "Caption");
      expect(captions).toHaveLength(1);
    }
  });

  it("sets the chart's text as text (axis labels and values can be found)", async () => {
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
    let text = "";
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      text += `${content.items.map((item) => ("str" in item ? item.str : "")).join(" ")}\n`;
    }
    expect(text).toMatch(/Lead service lines/);
    expect(text).toMatch(/Boil-water advisories/);
    expect(text).toMatch(/Data:\s+Table 1/);
    expect(text).toMatch(/Data: funding\.csv/);
    expect(text).toMatch(/Figure 5: Households covered by testing, by county/);
    // Vector: the charts put no picture in the PDF.
    expect(Buffer.from(pdf).toString("latin1")).not.toContain("/Subtype /Image");
  });

  it("passes the PDF/UA checks", () => {
    expect(checkPdfUa(pdf)).toEqual([]);
  });
});

describe("DOCX", () => {
  it("embeds each chart as SVG with a PNG fallback, its alt text on the drawing", async () => {
    const pkg = await openDocx(docx);
    const xml = await pkg.part("word/document.xml");
    expect(xml.match(/<asvg:svgBlip /g)).toHaveLength(5);
    expect(pkg.names.filter((n) => /^word\/media\/.*\.svg$/.test(n))).toHaveLength(5);
    expect(pkg.names.filter((n) => /^word\/media\/.*\.png$/.test(n))).toHaveLength(5);
    const descriptions = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(descriptions[0]).toBe(chartOf("fig-advisories").alt);
    expect(descriptions).toHaveLength(5);
    const png = await pkg.zip.file(pkg.names.find((n) => n.endsWith(".png")) as string)?.async("uint8array");
    // Print resolution: the picture's width in inches times 300 dots.
    const width = png ? new DataView(png.buffer, png.byteOffset).getUint32(16) : 0;
    const extent = Number(/<wp:extent cx="(\d+)"/.exec(xml)?.[1]);
    expect(width).toBeGreaterThanOrEqual(Math.floor((extent / 914400) * 300) - 2);
  });

  it("captions each chart with a SEQ Figure field and names its data", async () => {
    const xml = await (await openDocx(docx)).part("word/document.xml");
    expect(xml.match(/SEQ Figure \\\* ARABIC/g)?.length).toBe(5);
    // "Data: Table 1": a REF to the table's caption, once per chart drawn from it.
    const dataLines = xml.split("Data: </w:t>").slice(1);
    expect(dataLines).toHaveLength(3);
    for (const line of dataLines) expect(line.slice(0, 800)).toContain("REF _Ref_tbl_advisories \\h");
    expect(xml).toContain("Data: funding.csv");
  });
});

describe("`::table{src=…}` in print", () => {
  it("PDF: a Table whose header row is TH cells", () => {
    const { elements } = readStructure(new PdfObjects(pdf));
    const tables = elements.filter((e) => e.type === "Table");
    const awards = tables.at(-1);
    const rows = elements.filter((e) => e.type === "TR" && e.parent && awards && isWithin(e, awards));
    const kinds = (row: (typeof rows)[number]) => row.kids.map((kid) => ("type" in kid ? kid.type : "mc"));
    expect(rows).toHaveLength(5);
    expect(kinds(rows[0] as (typeof rows)[number])).toEqual(["TH", "TH", "TH", "TH"]);
    expect(kinds(rows[1] as (typeof rows)[number])).toEqual(["TD", "TD", "TD", "TD"]);
  });

  it("DOCX: a repeated header row, numbers right-aligned", async () => {
    const xml = await (await openDocx(docx)).part("word/document.xml");
    const rows = xml.split(/<w:tr(?=[ >])/).slice(1);
    const header = rows.find((row) => row.includes(">Recipient</w:t>")) ?? "";
    expect(header).toMatch(/<w:tblHeader\/>/);
    const first = rows.find((row) => row.includes(">Alder Water District</w:t>")) ?? "";
    expect(first).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">\$1,540,000</);
    expect(first).not.toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">Alder</);
  });
});

/** Whether a structure element is inside another. */
function isWithin(element: { parent?: unknown }, ancestor: unknown): boolean {
  for (let at = element.parent; at; at = (at as { parent?: unknown }).parent)
    if (at === ancestor) return true;
  return false;
}

describe("reproducible", () => {
  it("builds the same bytes twice", async () => {
    const again = loadReport(source);
    // Drawn again from Vega, not taken from the memo of the first build.
    forgetDrawnCharts();
    const [pdf2, docx2, html2] = await Promise.all([
      renderPdf(again, { sourceDateEpoch: 0 }),
      renderDocx(again, { sourceDateEpoch: 0 }),
      renderHtml(again, { sourceDateEpoch: 0 }),
    ]);
    expect(Buffer.from(pdf2).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(docx2).equals(Buffer.from(docx))).toBe(true);
    expect(html2).toBe(html);
  }, 120_000);
});

describe("checkers", () => {
  let browser: ChromiumSession | undefined;
  const dir = mkdtempSync(join(tmpdir(), "folio-charts-"));
  const page = join(dir, "report.html");
  beforeAll(async () => {
    writeFileSync(page, html);
    browser = await chromiumSession();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("axe finds nothing on the page with charts", async () => {
    const { page: open } = await openFile(browser as ChromiumSession, page);
    const violations = await axeViolations(open);
    await open.close();
    expect(violations).toEqual([]);
  }, 60_000);

  it("the Nu HTML checker finds no error", () => {
    expect(nuCheck([page]).filter((m) => m.type === "error")).toEqual([]);
  }, 120_000);
});
