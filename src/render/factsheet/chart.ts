import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { TimelineIncident } from "../../model/facts/types.ts";
import type { Labels } from "../../model/labels.ts";
import { chartSeriesColours, type Theme } from "../../theme/theme.ts";
import { escapeXml } from "./svg.ts";

/** A chart as inline SVG, with its text alternative and the values it shows. */
export interface IncidentChart {
  svg: string;
  title: string;
  description: string;
  rows: Array<{ incident: string; measure: string; count: number; text: string }>;
  /** Says what a `50+` bar label stands for (`more than 50`), when any count is hedged. */
  note?: string;
}

/** What a bar counts (shown under the report's language's word for it). */
type Measure = "killed" | "injured";

/** Vega-Lite specs compiled to Vega and parsed, by the spec (which holds no data). */
const compiledCharts = new Map<string, vega.Runtime>();

/** Compiles a chart spec once per process: Vega-Lite's compile was a fifth of a cold fact sheet. */
function compiledChart(spec: TopLevelSpec): vega.Runtime {
  const key = JSON.stringify(spec);
  let runtime = compiledCharts.get(key);
  if (!runtime) {
    runtime = vega.parse(compile(spec).spec);
    if (compiledCharts.size >= 32) compiledCharts.clear(); // a theme edited in `folio watch`
    compiledCharts.set(key, runtime);
  }
  return runtime;
}

/**
 * The count on its bar, its number as the quote writes it (`1,836`) and its hedge kept visible:
 * `more than 50` → `50+`, `at least 31` → `31+`, `an estimated 64` → `~64`, `up to 20` → `≤20`.
 */
export function shortCount(text: string, n: number): string {
  const number = /\d[\d,.]*/.exec(text)?.[0] ?? String(n);
  if (/^\d/.test(text.trim())) return number;
  if (/^(more than|over|at least)\b/i.test(text.trim())) return `${number}+`;
  if (/^up to\b/i.test(text.trim())) return `≤${number}`;
  if (/\d/.test(text)) return `~${number}`;
  return String(n); // a number written in words (`Five`): the figure itself
}

/** What the incidents count, in the report's words: people killed, injured, or both. */
export function measuresOf(incidents: readonly TimelineIncident[], labels: Labels): string {
  const killed = incidents.some((i) => i.killed);
  const injured = incidents.some((i) => i.injured);
  return killed && injured
    ? labels.text("peopleKilledOrInjured")
    : injured
      ? labels.text("peopleInjured")
      : labels.text("peopleKilled");
}

/**
 * Charts people killed and injured per incident as horizontal bars: Vega-Lite compiled to Vega,
 * rendered to SVG headlessly (`renderer: "none"`), in the theme's fonts and colours.
 * Only figures the body states are plotted (each checked against its quote at load).
 */
export async function incidentChart(
  incidents: readonly TimelineIncident[],
  o: {
    theme: Theme;
    labels: Labels;
    width: number;
    height: number;
    idPrefix: string;
    year?: string | number;
  },
): Promise<IncidentChart | undefined> {
  const words = o.labels;
  const rows: Array<{ incident: string; measure: Measure; count: number; text: string }> = [];
  for (const incident of incidents) {
    const date = o.year === undefined ? incident.dateLabelWithYear : incident.dateLabel;
    let name = incident.place ? `${date} · ${incident.place}` : date;
    // Two incidents on the same day and place still get a bar each.
    const base = name;
    for (let n = 2; rows.some((r) => r.incident === name); n++) name = `${base} (${n})`;
    if (incident.killed)
      rows.push({ incident: name, measure: "killed", count: incident.killed.n, text: incident.killed.text });
    if (incident.injured)
      rows.push({
        incident: name,
        measure: "injured",
        count: incident.injured.n,
        text: incident.injured.text,
      });
  }
  if (rows.length === 0) return undefined;
  const { theme } = o;
  const font = theme.fonts.heading.family;
  const order = [...new Set(rows.map((r) => r.incident))];
  const measures = [words.text("killed"), words.text("injured")];
  const measureName = (m: Measure) => (m === "killed" ? measures[0] : measures[1]) as string;
  const values = rows.map((r) => ({
    ...r,
    rank: order.indexOf(r.incident),
    measure: measureName(r.measure),
    label: shortCount(r.text, r.count),
  }));
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: o.width,
    height: o.height,
    autosize: { type: "fit", contains: "padding" },
    padding: { left: 2, right: 8, top: 4, bottom: 2 },
    background: theme.colors.paper,
    // The data is bound at run time: the compiled chart is the same for every report of a theme,
    // size and language (compiled once per process; see `compiled` below).
    data: { name: "rows" },
    encoding: {
      y: {
        field: "incident",
        type: "nominal",
        sort: { field: "rank", op: "min", order: "ascending" },
        title: null,
        axis: { labelFontSize: 8, labelLimit: 120, ticks: false, domain: false, labelPadding: 6 },
      },
      yOffset: { field: "measure", sort: measures },
      x: {
        field: "count",
        type: "quantitative",
        title: words.text("people"),
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
      color: {
        field: "measure",
        type: "nominal",
        sort: measures,
        // The body charts' colours, each darkened to 3:1 against the page (WCAG 1.4.11).
        scale: { domain: measures, range: chartSeriesColours(theme).slice(0, 2) },
        legend: {
          orient: "top",
          title: null,
          labelFontSize: 8,
          symbolType: "square",
          symbolSize: 70,
          offset: 4,
          direction: "horizontal",
        },
      },
    },
    layer: [
      { mark: { type: "bar", height: { band: 0.9 } } },
      {
        mark: {
          type: "text",
          align: "left",
          dx: 3,
          fontSize: 7.5,
          fontWeight: "bold",
          color: theme.colors.text,
        },
        encoding: { text: { field: "label" }, color: { value: theme.colors.text } },
      },
    ],
    config: {
      font,
      view: { stroke: null },
      axis: { labelFont: font, titleFont: font, labelColor: theme.colors.text },
      legend: { labelFont: font, labelColor: theme.colors.text },
      scale: { bandPaddingInner: 0.25 },
    },
  };
  const view = new vega.View(compiledChart(spec), { renderer: "none" }).data("rows", values);
  let svg = await view.toSVG();
  view.finalize();

  const counts = measuresOf(incidents, words);
  const title =
    o.year !== undefined
      ? words.text("chartTitle", { year: o.year, measures: counts })
      : words.text("chartTitleNoYear", { measures: counts });
  const description = rows
    .map((r) => `${r.incident}: ${r.text} ${measureName(r.measure).toLocaleLowerCase(words.lang)}`)
    .join("; ");
  svg = svg
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${o.idPrefix}-title ${o.idPrefix}-desc" `)
    .replace(
      /^(<svg[^>]*>)/,
      `$1<title id="${o.idPrefix}-title">${escapeXml(title)}</title><desc id="${o.idPrefix}-desc">${escapeXml(`${description}.`)}</desc>`,
    );
  // Only a hedged figure needs its words (`~64` means “an estimated 64”); `four` is just 4.
  const hedged = rows
    .filter((r) => /\d/.test(r.text) && !/^\d/.test(r.text.trim()))
    .map((r) => words.text("hedgeMeans", { short: shortCount(r.text, r.count), text: r.text }));
  const note =
    hedged.length > 0 ? words.text("hedgeNote", { list: [...new Set(hedged)].join(", ") }) : undefined;
  return {
    svg,
    title,
    description,
    rows: rows.map((r) => ({ ...r, measure: measureName(r.measure) })),
    note,
  };
}
