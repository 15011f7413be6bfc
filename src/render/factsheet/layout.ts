import type { Theme } from "../../theme/theme.ts";
import type { Paper } from "../format.ts";

/**
 * The fact sheet's one layout: page geometry, the columns, the map's and chart's boxes, type sizes
 * and rules, in points, for the page size the report asks for. The PDF (pdf.ts) and the HTML page
 * (templates/factsheet/page.html.hbs) both draw from it, so they cannot drift apart.
 */
export interface FactSheetLayout {
  paper: Paper;
  page: { width: number; height: number; margin: number; band: number; footer: number };
  columnGap: number;
  /** Width of each of the two columns. */
  column: number;
  map: { width: number; height: number };
  chart: { width: number; height: number };
  /** Width of the timeline's date column. */
  dateColumn: number;
  type: {
    body: number;
    eyebrow: number;
    eyebrowSpacing: number;
    titleMax: number;
    titleMin: number;
    /** Above this size a title keeps to one line; from `titleMin` to here, two; below, three. */
    titleOneLine: number;
    /** The subtitle under the title in the band. */
    subtitle: number;
    /** The brief sheet's summary and findings: the smallest size, and the sizes they grow to on a page with room. */
    brief: number;
    briefGrowth: readonly number[];
    publisher: number;
    heading: number;
    headingSpacing: number;
    value: number;
    unit: number;
    label: number;
    groupLabel: number;
    groupItems: number;
    date: number;
    summary: number;
    note: number;
    sources: number;
  };
  rules: { figure: number; heading: number; row: number; footer: number };
  /** Room the publisher's line takes on the band's right. */
  publisherWidth: number;
}

/** The fact sheet's layout for a page size of the theme. */
export function factSheetLayout(theme: Theme, paper: Paper): FactSheetLayout {
  const { width, height } = theme.page[paper];
  const margin = 36;
  const columnGap = 16;
  const column = (width - 2 * margin - columnGap) / 2;
  return {
    paper,
    page: { width, height, margin, band: 92, footer: 46 },
    columnGap,
    column,
    map: { width: column, height: 236 },
    chart: { width: column, height: 180 },
    dateColumn: 44,
    type: {
      body: 8.5,
      eyebrow: 8,
      eyebrowSpacing: 1.2,
      titleMax: 32,
      titleMin: 18,
      titleOneLine: 26,
      subtitle: 11,
      brief: 9.5,
      briefGrowth: [13, 12, 11, 10],
      publisher: 8.5,
      heading: 8.5,
      headingSpacing: 0.8,
      value: 26,
      unit: 12,
      label: 8.5,
      groupLabel: 8,
      groupItems: 12,
      date: 8.5,
      summary: 8,
      note: 7,
      sources: 6.8,
    },
    rules: { figure: 2.5, heading: 0.6, row: 0.4, footer: 0.6 },
    publisherWidth: 200,
  };
}

/** The brief sheet's contents grow with its summary, a step behind (and no larger than 11 pt). */
export function contentsSize(layout: FactSheetLayout, briefSize: number): number {
  return Math.max(layout.type.body + 1, Math.min(briefSize - 1, 11));
}
