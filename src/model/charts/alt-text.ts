import { conjunctionList } from "../intl-formats.ts";
import type { Labels } from "../labels.ts";
import type { Chart, ChartSeries } from "./types.ts";

const kindWords = {
  bar: "chartBar",
  grouped: "chartGrouped",
  stacked: "chartStacked",
  line: "chartLine",
  dot: "chartDot",
} as const;

/**
 * A chart's text alternative, from its data: what it shows, over which categories, each series'
 * lowest and highest value and, when the categories run in order (years, a line), where it went
 * from first to last: "Bar chart of boil-water advisories by year, 2020 to 2024: lowest 47 in
 * 2020, highest 93 in 2023; rising from 47 in 2020 to 81 in 2024." The editor's `alt` follows.
 */
export function chartAlt(chart: Omit<Chart, "alt" | "key">, labels: Labels, editorAlt?: string): string {
  const { categories, series } = chart;
  const lower = (text: string) =>
    /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLocaleLowerCase(labels.lang) + text.slice(1) : text;
  const list = conjunctionList(labels.lang);
  const what =
    series.length === 1
      ? lower(chart.yTitle || series[0]?.name || "")
      : list.format(series.map((s) => lower(s.name)));
  // Categories in order (years, dates, a line's x) have a range and a trend; names have neither.
  const ordered = chart.kind === "line" || categories.every((c) => /^\d+(?:[./-]\d+)*$/.test(c.trim()));
  const words = { kind: labels.text(kindWords[chart.kind]), what, by: lower(chart.xTitle) };
  const opening = ordered
    ? labels.text("chartAlt", { ...words, from: categories[0] ?? "", to: categories.at(-1) ?? "" })
    : labels.text("chartAltNames", words);
  const summaries = series.map((s) => seriesSummary(s, categories, ordered, labels));
  const body =
    series.length === 1
      ? `${opening}: ${summaries[0]}.`
      : `${opening}. ${series.map((s, i) => `${s.name}: ${summaries[i]}.`).join(" ")}`;
  const own = editorAlt?.trim();
  return own ? `${body} ${own}` : body;
}

/** "lowest 47 in 2020, highest 93 in 2023; rising from 47 in 2020 to 81 in 2024". */
function seriesSummary(series: ChartSeries, categories: string[], ordered: boolean, labels: Labels): string {
  const present = series.values.flatMap((value, i) => (value === null ? [] : [{ value, i }]));
  const low = present.reduce((a, b) => (b.value < a.value ? b : a));
  const high = present.reduce((a, b) => (b.value > a.value ? b : a));
  const at = (i: number) => categories[i] ?? "";
  const text = (i: number) => series.texts[i] ?? "";
  const extremes = labels.text("chartExtremes", {
    low: text(low.i),
    lowAt: at(low.i),
    high: text(high.i),
    highAt: at(high.i),
  });
  const first = present[0];
  const last = present.at(-1);
  if (!ordered || !first || !last || first === last) return extremes;
  const key = last.value > first.value ? "chartRise" : last.value < first.value ? "chartFall" : "chartSteady";
  const trend = labels.text(key, {
    first: text(first.i),
    firstAt: at(first.i),
    last: text(last.i),
    lastAt: at(last.i),
  });
  return `${extremes}; ${trend}`;
}
