import type { Figure } from "../../model/apparatus/figures.ts";
import type { Chart } from "../../model/charts/types.ts";
import type { ReportModel } from "../../model/types.ts";
import type { Theme } from "../../theme/theme.ts";
import { drawChart } from "../chart-svg.ts";
import { firstNumericTable, tableChart } from "./table-chart.ts";

// A brief sheet's chart of the body's data, decided once here for the PDF and the HTML: the
// report's first body chart (`::chart`, src/model/charts) when it has one, drawn as the report
// draws it, else a bar chart of its first numeric table (table-chart.ts).

/** The chart a brief sheet shows, as both layouts draw it. */
export interface SheetDataChart {
  key: string;
  /** `figure`: the report's first body chart; `table`: drawn from its first numeric table. */
  from: "figure" | "table";
  /** The section's heading: what the chart counts. */
  heading: string;
  svg: string;
  /** The drawing's size on the sheet, in points (scaled to the column). */
  width: number;
  height: number;
  /** The figure's text alternative (PDF `/Alt`; the SVG names itself by the same text in HTML). */
  alt: string;
  /** The line under the chart: the figure's numbered caption, or the table it comes from. */
  note: string;
  /** The figure or table in the report. */
  href?: string;
}

/** The report's first figure that is a chart of its data, with its chart. */
export function firstBodyChart(model: ReportModel): { figure: Figure; chart: Chart } | undefined {
  for (const figure of model.apparatus.figures) {
    const chart = figure.image.data?.chart;
    if (chart) return { figure, chart };
  }
  return undefined;
}

/** The body chart drawn as the report draws it (same SVG), scaled to fit the sheet's chart box. */
export function bodyChartOnSheet(
  model: ReportModel,
  found: { figure: Figure; chart: Chart },
  o: { theme: Theme; width: number; height: number; reportHref: string },
): SheetDataChart {
  const { figure, chart } = found;
  const drawn = drawChart(chart, o.theme);
  const scale = Math.min(o.width / drawn.width, o.height / drawn.height);
  const { labels } = model;
  const numbered =
    figure.number === undefined
      ? chart.title
      : `${labels.text("captionLabel", { label: labels.text("figureRef", { n: figure.number }) })} ${chart.title}`;
  return {
    key: "data-chart",
    from: "figure",
    heading: chart.yTitle || chart.title,
    svg: drawn.svg,
    width: Math.round(drawn.width * scale * 100) / 100,
    height: Math.round(drawn.height * scale * 100) / 100,
    alt: chart.alt,
    note: numbered,
    ...(figure.id ? { href: `${o.reportHref}#${figure.id}` } : {}),
  };
}

/**
 * The brief sheet's chart: the report's first body chart, else a bar chart of its first numeric
 * table, else none.
 */
export async function sheetDataChart(
  model: ReportModel,
  o: { theme: Theme; width: number; height: number; reportHref: string },
): Promise<SheetDataChart | undefined> {
  const body = firstBodyChart(model);
  if (body) return bodyChartOnSheet(model, body, o);
  const series = firstNumericTable(model.tree);
  if (!series) return undefined;
  const drawn = await tableChart(series, {
    theme: o.theme,
    width: o.width,
    height: o.height,
    idPrefix: "chart",
  });
  return {
    key: "data-chart",
    from: "table",
    heading: drawn.measure,
    svg: drawn.svg,
    width: drawn.width,
    height: drawn.height,
    alt: `${drawn.title}: ${drawn.description}.`,
    note: model.labels.text("fromTable", { table: drawn.title }),
    ...(drawn.anchor ? { href: `${o.reportHref}#${drawn.anchor}` } : {}),
  };
}
