import { describe, expect, it } from "vitest";
import type { Chart, ChartKind } from "../../src/model/charts/types.ts";
import { drawChart } from "../../src/render/chart-svg.ts";
import { contrastRatio } from "../../src/theme/contrast.ts";
import type { Theme } from "../../src/theme/theme.ts";
import { testAssets } from "../support/render.ts";

// WCAG 1.4.11: a chart's marks need 3:1 contrast against the page. Asserted on the SVG drawChart
// writes (the fills of its bars and the strokes of its lines), with the default theme and with a
// theme whose chart colours are too light as chosen.

/** A chart of as many series as the theme has colours, four categories each. */
function chartOf(kind: ChartKind, seriesCount: number): Chart {
  const categories = ["North", "South", "East", "West"];
  return {
    kind,
    categories,
    series: Array.from({ length: seriesCount }, (_, s) => ({
      name: `Series ${s + 1}`,
      values: categories.map((_, i) => 10 + s * 3 + i * 2),
      texts: categories.map((_, i) => String(10 + s * 3 + i * 2)),
    })),
    xTitle: "Region",
    yTitle: "Count",
    unit: { prefix: "", suffix: "" },
    decimals: 0,
    title: "A test chart",
    alt: "A test chart.",
    source: { kind: "file", path: "test.csv" },
    table: { header: [], rows: [] },
    key: `test-${kind}-${seriesCount}`,
  };
}

/** The colours of a chart's marks: bar fills, line strokes and dot fills, never the text or grid. */
function markColours(svg: string): string[] {
  const groups = [...svg.matchAll(/<g class="mark-(?:rect|line|symbol)[^"]*"[^>]*>([\s\S]*?)<\/g>/g)];
  const colours = groups.flatMap((g) =>
    [...(g[1] as string).matchAll(/(?:fill|stroke)="(#[0-9a-fA-F]{6})"/g)].map((m) => m[1] as string),
  );
  return [...new Set(colours.map((c) => c.toLowerCase()))];
}

const base = testAssets().theme;
const pale: Theme = {
  ...base,
  colors: { ...base.colors, chartSecondary: "#b8d0ea" },
  charts: { ...base.charts, moreColors: ["#ffd27f", "#9fe0a8", "#d8c8f0", "#e0c9a0"] },
};

describe("series colours", () => {
  for (const [name, theme] of [
    ["the default theme", base],
    ["a theme with pale chart colours", pale],
  ] as const) {
    it(`gives every series 3:1 contrast with the page, in ${name}`, () => {
      const count = 2 + theme.charts.moreColors.length;
      for (const kind of ["grouped", "stacked", "line", "dot"] as const) {
        const colours = markColours(drawChart(chartOf(kind, count), theme).svg);
        // One colour per series, each distinct: darkening never merges two series.
        expect(colours.length, kind).toBe(count);
        for (const colour of colours)
          expect(contrastRatio(colour, theme.colors.paper), `${kind} ${colour}`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it("keeps a colour that has the contrast already, and darkens the default second colour", () => {
    const colours = markColours(drawChart(chartOf("grouped", 2), base).svg);
    expect(colours).toContain(base.colors.accent.toLowerCase());
    expect(colours).not.toContain(base.colors.chartSecondary.toLowerCase());
    expect(contrastRatio(base.colors.chartSecondary, base.colors.paper)).toBeLessThan(3);
  });
});
