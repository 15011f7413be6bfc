import type { SourcePlace } from "../source-place.ts";

// A chart, as the model decides it once for every format (src/model/charts/read-charts.ts): its
// kind, categories and series as numbers, its titles, units and alt text, and where its data
// comes from. Renderers draw it (src/render/chart-svg.ts); none reads or counts anything itself.

/** The kinds of chart the `::chart` directive draws. */
export const chartKinds = ["bar", "grouped", "stacked", "line", "dot"] as const;
export type ChartKind = (typeof chartKinds)[number];

/** A cell of a data table as its source writes it, and where (for messages). */
export interface DataCell {
  text: string;
  place: SourcePlace;
}

/** A table of data read from the body or from a CSV/TSV file: its header row and its rows. */
export interface DataTable {
  header: DataCell[];
  rows: DataCell[][];
  /** The file the places are in (a CSV beside the source); the source itself when absent. */
  file?: string;
}

/** How a column writes its numbers: `$38.6` has the prefix `$`, `81%` the suffix `%`. */
export interface NumberUnit {
  prefix: string;
  suffix: string;
}

/** One series of values, one per category (`null`: missing, written `—`). */
export interface ChartSeries {
  name: string;
  values: Array<number | null>;
  /** The values as the table writes them (for alt text and the data table). */
  texts: string[];
}

/** Where a chart's data comes from: a labelled table of the body, or a file beside the source. */
export type ChartSource =
  | { kind: "table"; label: string; id: string; number?: string }
  | { kind: "file"; path: string };

/** A chart as every format draws it. */
export interface Chart {
  kind: ChartKind;
  /** The x values (categories), as written. */
  categories: string[];
  series: ChartSeries[];
  /** The title of the x axis (the category column's name, or the directive's `x-title`). */
  xTitle: string;
  /** The title of the value axis, with the unit the directive names: `Funding (US$ million)`. */
  yTitle: string;
  /** How the values are written, kept on the axis labels. */
  unit: NumberUnit;
  /** The most decimals any value is written with (axis labels never show more). */
  decimals: number;
  /** What the chart shows: the figure's caption. */
  title: string;
  /** The text alternative: generated from the data, then the editor's own `alt`. */
  alt: string;
  source: ChartSource;
  /** The data as written (header and rows), for the HTML edition's data table. */
  table: { header: string[]; rows: string[][] };
  /** A key unique in the document (the image URL the chart's figure carries). */
  key: string;
}

declare module "mdast" {
  interface ImageData {
    /** Set on the image of a chart's figure (by `readCharts`): every format draws this chart. */
    chart?: Chart;
  }
}
