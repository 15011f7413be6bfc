import type { Element, ElementContent, Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Image, Root, Table } from "mdast";
import type { State } from "mdast-util-to-hast";
import { captionLabel } from "../../model/apparatus/cross-references.ts";
import type { Apparatus } from "../../model/apparatus/numbering.ts";
import type { Chart } from "../../model/charts/types.ts";
import type { Labels } from "../../model/labels.ts";
import { visit } from "../../model/visit.ts";
import type { Theme } from "../../theme/theme.ts";
import type { drawChart } from "../chart-svg.ts";

/**
 * The chart drawer (src/render/chart-svg.ts): vega and vega-lite take ~0.3 s of CPU to load, so the
 * HTML format imports it only for a source that has charts ({@link loadChartDrawer}).
 */
let drawer: typeof drawChart | undefined;

/** Loads the chart drawer, once; the HTML format awaits it before rendering a source with charts. */
export async function loadChartDrawer(): Promise<void> {
  drawer ??= (await import("../chart-svg.ts")).drawChart;
}

/** Whether the model drew any chart: each is a figure of its apparatus (src/model/charts). */
export function hasCharts(model: { apparatus: Apparatus }): boolean {
  return model.apparatus.figures.some((figure) => figure.image.data?.chart);
}

/** The charts of a tree (images the model made charts), by key. */
function chartsIn(tree: Root): Map<string, Chart> {
  const charts = new Map<string, Chart>();
  visit(tree, "image", (image: Image) => {
    const chart = image.data?.chart;
    if (chart) charts.set(chart.key, chart);
  });
  return charts;
}

/** The class of the placeholder a chart's figure holds until the page is sanitised. */
const chartClass = "folio-chart";

/**
 * What follows a chart's figure: the data behind it. A chart drawn from a table of the body links
 * to that table ("Data: Table 1"); one drawn from a file gives its data as a table in a
 * `<details>`, so who cannot see the chart can still read every value.
 */
export function chartData(chart: Chart, state: State, labels: Labels, figureNumber?: string): ElementContent {
  const { source } = chart;
  if (source.kind === "table") {
    const name = source.number === undefined ? source.label : labels.text("tableRef", { n: source.number });
    const words = labels.text("chartData", { source: "\u0000" }).split("\u0000");
    return {
      type: "element",
      tagName: "p",
      properties: { className: ["chart-data"] },
      children: [
        { type: "text", value: words[0] ?? "" },
        {
          type: "element",
          tagName: "a",
          properties: { href: `#${source.id}` },
          children: [{ type: "text", value: name }],
        },
        { type: "text", value: words[1] ?? "" },
      ],
    };
  }
  const [header = [], ...rows] = [chart.table.header, ...chart.table.rows];
  const numeric = header.map((_, column) => column > 0);
  const table: Table = {
    type: "table",
    align: numeric.map((right) => (right ? "right" : null)),
    children: [header, ...rows].map((row) => ({
      type: "tableRow",
      children: row.map((text) => ({
        type: "tableCell",
        children: text ? [{ type: "text", value: text }] : [],
      })),
    })),
  };
  // The table is named by the chart it is the data of ("Figure 4: Funding by program"), not
  // numbered as a table of the report's own.
  const rendered = state.all({ type: "root", children: [table] }) as ElementContent[];
  const title =
    figureNumber === undefined ? chart.title : `${captionLabel("fig", figureNumber, labels)} ${chart.title}`;
  for (const element of rendered)
    if (element.type === "element" && element.tagName === "table")
      element.children.unshift({
        type: "element",
        tagName: "caption",
        properties: {},
        children: [{ type: "text", value: title }],
      });
  return {
    type: "element",
    tagName: "details",
    properties: { className: ["chart-data"] },
    children: [
      {
        type: "element",
        tagName: "summary",
        properties: {},
        children: [{ type: "text", value: labels.text("chartDataTable") }],
      },
      ...rendered,
    ],
  };
}

/** The placeholder of a chart in its figure: the key the SVG replaces it by, after sanitising. */
export function chartPlaceholder(chart: Chart): Element {
  return {
    type: "element",
    tagName: "div",
    properties: { className: [chartClass, chart.key] },
    children: [],
  };
}

/**
 * Puts each chart's SVG in place of its placeholder: Folio's own drawing, added after the source's
 * HTML is sanitised (which allows no SVG), parsed so the page stays one tree.
 */
export function inlineCharts(tree: HastRoot, model: { tree: Root }, theme: Theme): void {
  const charts = chartsIn(model.tree);
  if (charts.size === 0) return;
  const draw = drawer;
  if (!draw) throw new Error("The HTML renderer was given charts before loadChartDrawer()");
  visit(tree, "element", (node: Element, index, parent) => {
    const classes = node.properties.className;
    if (node.tagName !== "div" || !Array.isArray(classes) || classes[0] !== chartClass) return;
    const chart = charts.get(String(classes[1]));
    if (!chart || !parent || index === undefined) return;
    const svg = fromHtml(draw(chart, theme).svg, { fragment: true }).children[0] as Element;
    parent.children[index] = svg;
  });
}
