import type { Root, Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { blockId } from "../../model/anchors.ts";
import { readCell } from "../../model/charts/numbers.ts";
import type { Theme } from "../../theme/theme.ts";
import { escapeXml } from "./svg.ts";

// A brief sheet's chart of the body's data when the report has no body chart of its own: the first
// table whose first column names things and one of whose other columns holds a number in every
// row, drawn as horizontal bars. Only numbers the table states are drawn.

/** The rows of a table a chart can draw: a name and a stated number each. */
export interface TableSeries {
  /** The chart's subject: the numeric column's header. */
  measure: string;
  /** The header of the names' column. */
  by: string;
  rows: Array<{ name: string; value: number; text: string }>;
  /** Id of the table's first cell, for the link to the table in the report. */
  anchor?: string;
}

/** A bar chart of a table, as inline SVG with its text alternative. */
export interface TableChart extends TableSeries {
  svg: string;
  title: string;
  description: string;
  /** The drawing's size in points (its height follows the number of rows). */
  width: number;
  height: number;
}

/** More rows than a half-page chart can label are not drawn (the link leads to the whole table). */
const maxRows = 12;

/** A cell's number as the table writes it (the charts' reading: `1,540`, `$58.20`, `18%`); undefined when it holds none. */
export function cellNumber(text: string): number | undefined {
  const cell = readCell(text);
  return cell.kind === "number" ? cell.value : undefined;
}

/** A total row repeats the rows above it: a bar beside them would dwarf them. */
const totalRow = /^(total|all\b|overall|ensemble|total general)/i;
/** A column of years is a label, not a quantity. */
const isYears = (values: number[]) => values.every((v) => Number.isInteger(v) && v >= 1800 && v <= 2200);

/** The first table of the body a bar chart can draw, or undefined. */
export function firstNumericTable(tree: Root): TableSeries | undefined {
  const tables: Table[] = [];
  const visit = (node: Root | Root["children"][number]): void => {
    if (node.type === "table") tables.push(node);
    else if ("children" in node) for (const child of node.children) visit(child as Root["children"][number]);
  };
  visit(tree);
  for (const table of tables) {
    const series = tableSeries(table);
    if (series) return series;
  }
  return undefined;
}

function tableSeries(table: Table): TableSeries | undefined {
  const [head, ...body] = table.children;
  if (!head || body.length < 2) return undefined;
  const rows = body.filter((row) => !totalRow.test(nodeText(row.children[0] ?? { type: "text", value: "" })));
  if (rows.length < 2) return undefined;
  const names = rows.map((row) => nodeText(row.children[0] ?? { type: "text", value: "" }).trim());
  if (
    names.some(
      (name) => name === "" || (cellNumber(name) !== undefined && !isYears([cellNumber(name) as number])),
    )
  )
    return undefined;
  for (let column = 1; column < head.children.length; column++) {
    const texts = rows.map((row) => nodeText(row.children[column] ?? { type: "text", value: "" }).trim());
    const values = texts.map(cellNumber);
    if (values.some((v) => v === undefined)) continue;
    if (isYears(values as number[])) continue;
    const first = head.children[0];
    return {
      measure: nodeText(head.children[column] as Table["children"][number]["children"][number]).trim(),
      by: first ? nodeText(first).trim() : "",
      rows: names
        .map((name, i) => ({ name, value: values[i] as number, text: texts[i] as string }))
        .slice(0, maxRows),
      ...(first && blockId(first) ? { anchor: blockId(first) } : {}),
    };
  }
  return undefined;
}

/** Draws a table's series as horizontal bars (Vega-Lite, rendered to SVG headlessly) in the theme's colours. */
export async function tableChart(
  series: TableSeries,
  o: { theme: Theme; width: number; height: number; idPrefix: string },
): Promise<TableChart> {
  const { theme } = o;
  const font = theme.fonts.heading.family;
  const values = series.rows.map((r, rank) => ({ ...r, rank }));
  const height = Math.min(o.height, 28 + values.length * 18);
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: o.width,
    height,
    autosize: { type: "fit", contains: "padding" },
    padding: { left: 2, right: 8, top: 4, bottom: 2 },
    background: theme.colors.paper,
    data: { values },
    encoding: {
      y: {
        field: "name",
        type: "nominal",
        sort: { field: "rank", op: "min", order: "ascending" },
        title: null,
        axis: { labelFontSize: 8, labelLimit: 150, ticks: false, domain: false, labelPadding: 6 },
      },
      x: {
        field: "value",
        type: "quantitative",
        title: series.measure,
        axis: {
          labelFontSize: 7.5,
          titleFontSize: 8,
          titleFontWeight: "bold",
          tickCount: 5,
          grid: true,
          gridColor: theme.colors.chartGrid,
          domainColor: theme.colors.rule,
          titleColor: theme.colors.muted,
          labelColor: theme.colors.muted,
        },
      },
    },
    layer: [
      { mark: { type: "bar", height: { band: 0.8 }, color: theme.colors.accent } },
      {
        mark: {
          type: "text",
          align: "left",
          dx: 3,
          fontSize: 7.5,
          fontWeight: "bold",
          color: theme.colors.text,
        },
        encoding: { text: { field: "text" } },
      },
    ],
    config: {
      font,
      view: { stroke: null },
      axis: { labelFont: font, titleFont: font, labelColor: theme.colors.text },
      scale: { bandPaddingInner: 0.25 },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  let svg = await view.toSVG();
  view.finalize();
  const title = series.by ? `${series.measure} · ${series.by}` : series.measure;
  const description = series.rows.map((r) => `${r.name}: ${r.text}`).join("; ");
  svg = svg
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${o.idPrefix}-title ${o.idPrefix}-desc" `)
    .replace(
      /^(<svg[^>]*>)/,
      `$1<title id="${o.idPrefix}-title">${escapeXml(title)}</title><desc id="${o.idPrefix}-desc">${escapeXml(`${description}.`)}</desc>`,
    );
  return { ...series, svg, title, description, width: o.width, height };
}
