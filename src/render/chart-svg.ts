import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Chart } from "../model/charts/types.ts";
import { chartSeriesColours, type Theme } from "../theme/theme.ts";

// One SVG per chart, the same bytes in every format (inline in HTML, vector in the PDF, the
// picture in the DOCX): Vega-Lite compiled to Vega, drawn headlessly, in the theme's face and
// colours. Exported for the fact sheet, which draws a body chart the same way.

/** A chart drawn: its SVG and its size in CSS pixels. */
export interface DrawnChart {
  svg: string;
  width: number;
  height: number;
}

/** The drawing's size in CSS pixels: a column's width; every format scales it to its own. */
export const chartSize = { width: 520, height: 290 } as const;

/** The colours of a chart's series, in order, each with 3:1 contrast on the page (the theme decides). */
export function seriesColours(theme: Theme): string[] {
  return chartSeriesColours(theme);
}

const drawn = new Map<string, DrawnChart>();

/** Forgets every chart drawn: the next draw starts from Vega again (a test of reproducible bytes). */
export function forgetDrawnCharts(): void {
  drawn.clear();
}

/** Vega's headless SVG renderer, as far as a chart uses it. */
type HeadlessSvg = new (
  loader: unknown,
) => {
  initialize(el: null, width: number, height: number, origin: [number, number], scale: number): unknown;
  background(colour: string): unknown;
  render(scene: unknown): unknown;
  svg(): string;
};

/**
 * Draws a chart of the model (src/model/charts) as SVG, with its caption as `<title>` and its alt
 * text as `<desc>`, ids prefixed by the chart's key so two charts on one page never share one.
 * Synchronous and deterministic: the same chart and theme give the same bytes (memoised).
 */
export function drawChart(
  chart: Chart,
  theme: Theme,
  size: { width: number; height: number } = chartSize,
): DrawnChart {
  const key = JSON.stringify([chart, theme.colors, theme.charts, theme.fonts.heading.family, size]);
  const known = drawn.get(key);
  if (known) return known;
  const view = new vega.View(vega.parse(compile(chartSpec(chart, theme, size)).spec), { renderer: "none" });
  // With its data inline the dataflow has nothing to wait for: `run` evaluates it synchronously.
  view.run();
  const scene = (view as unknown as { _scenegraph?: { root?: unknown } })._scenegraph?.root;
  if (!scene) throw new Error("Vega drew no scene for a chart");
  vega.resetSVGDefIds();
  // The size and origin vega-view's own toSVG gives its renderer (render-size.js).
  const inner = view as unknown as { _viewWidth: number; _viewHeight: number; _origin: [number, number] };
  const padding = view.padding() as { left: number; right: number; top: number; bottom: number };
  const width = Math.round(Math.max(0, inner._viewWidth + padding.left + padding.right));
  const height = Math.round(Math.max(0, inner._viewHeight + padding.top + padding.bottom));
  // The headless SVG renderer vega-view's toSVG uses (render-headless.js), called synchronously:
  // a chart has no image to load, the one thing its `renderAsync` would wait for.
  const modules = vega as unknown as { renderModule(name: string): { headless: HeadlessSvg } };
  const renderer = new (modules.renderModule("svg").headless)(view.loader());
  const origin = inner._origin;
  renderer.initialize(null, width, height, [padding.left + origin[0], padding.top + origin[1]], 1);
  renderer.background(theme.colors.paper);
  renderer.render(scene);
  const raw = renderer.svg();
  view.finalize();
  const result = { svg: describedSvg(raw, chart), width, height };
  if (drawn.size >= 64) drawn.clear();
  drawn.set(key, result);
  return result;
}

/** The SVG with role, title and description, and its ids made the chart's own. */
function describedSvg(svg: string, chart: Chart): string {
  const prefix = chart.key;
  // Vega's roles for its marks' groups (`graphics-symbol` …) are dropped: the chart is one image,
  // named by its title and described by its alt text, its parts presentational.
  const own = svg
    .replace(/\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, "")
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
  return (
    own
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${prefix}-title ${prefix}-desc" `)
      // A function, not a pattern: `$3` in a value (`$38.6`) would read as a group.
      .replace(
        /^(<svg[^>]*>)/,
        (open) =>
          `${open}<title id="${prefix}-title">${escapeXml(chart.title)}</title><desc id="${prefix}-desc">${escapeXml(chart.alt)}</desc>`,
      )
  );
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch] as string,
  );
}

/** A Vega expression for an axis label: the tick's number, written with the values' unit. */
function labelWithUnit(chart: Chart): string | undefined {
  const { prefix, suffix } = chart.unit;
  if (!prefix && !suffix) return undefined;
  const quote = (text: string) => JSON.stringify(text);
  const space = /^[A-Za-z]/.test(suffix) ? " " : "";
  return `${quote(prefix)} + datum.label + ${quote(space + suffix)}`;
}

/** The Vega-Lite specification of a chart: its marks by kind, axes, legend and the theme's look. */
export function chartSpec(chart: Chart, theme: Theme, size: { width: number; height: number }): TopLevelSpec {
  const font = theme.fonts.heading.family;
  const names = chart.series.map((s) => s.name);
  const values = chart.series.flatMap((series) =>
    series.values.flatMap((value, i) =>
      value === null
        ? []
        : [{ category: chart.categories[i], rank: i, series: series.name, value, text: series.texts[i] }],
    ),
  );
  const colours = seriesColours(theme).slice(0, names.length);
  const muted = theme.colors.muted;
  const longest = Math.max(...chart.categories.map((c) => c.length));
  // Category labels turn when they would not fit side by side under their bars.
  const turned = longest * 6.2 > (size.width - 60) / chart.categories.length;
  const category = {
    field: "category",
    type: "nominal" as const,
    sort: { field: "rank", op: "min" as const, order: "ascending" as const },
    title: chart.xTitle,
    axis: {
      labelAngle: turned ? -35 : 0,
      labelLimit: 140,
      ticks: false,
      domainColor: theme.colors.rule,
      labelPadding: 4,
    },
  };
  const unitExpr = labelWithUnit(chart);
  const value = {
    field: "value",
    type: "quantitative" as const,
    title: chart.yTitle || null,
    ...(chart.kind === "stacked" ? { stack: "zero" as const } : { stack: null }),
    axis: {
      format: `,.${chart.decimals}~f`,
      tickCount: 5,
      grid: true,
      gridColor: theme.colors.chartGrid,
      domain: false,
      ticks: false,
      ...(unitExpr ? { labelExpr: unitExpr } : {}),
    },
    ...(chart.kind === "dot" || chart.kind === "line" ? { scale: { zero: false, nice: true } } : {}),
  };
  const colour = {
    field: "series",
    type: "nominal" as const,
    sort: names,
    scale: { domain: names, range: colours },
    legend:
      names.length > 1
        ? { orient: "top" as const, title: null, symbolType: "square", direction: "horizontal" as const }
        : null,
  };
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: size.width,
    height: size.height,
    autosize: { type: "fit" as const, contains: "padding" as const },
    padding: { left: 4, right: 12, top: 6, bottom: 4 },
    background: theme.colors.paper,
    data: { values },
    config: {
      font,
      aria: false,
      view: { stroke: null },
      axis: {
        labelFont: font,
        titleFont: font,
        labelFontSize: 11,
        titleFontSize: 11,
        titleFontWeight: "bold" as const,
        labelColor: theme.colors.text,
        titleColor: muted,
      },
      legend: { labelFont: font, labelFontSize: 11, labelColor: theme.colors.text },
      scale: { bandPaddingInner: 0.25 },
    },
  };
  if (chart.kind === "dot")
    return {
      ...base,
      encoding: { y: { ...category, axis: { ...category.axis, labelAngle: 0 } }, x: value, color: colour },
      mark: { type: "point", filled: true, size: 90, opacity: 1 },
    } as TopLevelSpec;
  if (chart.kind === "line")
    return {
      ...base,
      encoding: { x: { ...category, scale: { padding: 0.5 } }, y: value, color: colour },
      mark: {
        type: "line",
        point: { filled: true, size: 50 },
        strokeWidth: 2.5,
        invalid: "break-paths-show-domains",
      },
    } as TopLevelSpec;
  // Names too long to stand side by side under their bars: the bars lie down, the names left of them.
  const across = { ...category, axis: { ...category.axis, labelAngle: 0, labelLimit: 200 } };
  const bars = turned
    ? {
        y: across,
        x: value,
        color: colour,
        ...(chart.kind === "grouped" ? { yOffset: { field: "series", sort: names } } : {}),
      }
    : {
        x: category,
        y: value,
        color: colour,
        ...(chart.kind === "grouped" ? { xOffset: { field: "series", sort: names } } : {}),
      };
  if (chart.kind === "bar")
    return {
      ...base,
      encoding: bars,
      layer: [
        { mark: { type: "bar" } },
        {
          // Each bar's value as the table writes it, at the bar's end.
          mark: turned
            ? {
                type: "text",
                align: "left",
                baseline: "middle",
                dx: 3,
                fontSize: 10.5,
                color: theme.colors.text,
              }
            : { type: "text", baseline: "bottom", dy: -3, fontSize: 10.5, color: theme.colors.text },
          encoding: { text: { field: "text" }, color: { value: theme.colors.text } },
        },
      ],
    } as TopLevelSpec;
  return { ...base, encoding: bars, mark: { type: "bar" } } as TopLevelSpec;
}
