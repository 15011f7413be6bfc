import { type IncidentChart, incidentChart } from "../../factsheet/chart.ts";
import type { SheetBlock } from "../../factsheet/layout.ts";
import { type LocatorMap, locatorMap } from "../../factsheet/map.ts";
import type { KeyFigure, NamedGroup, TimelineIncident } from "../../model/facts.ts";
import type { ReportModel } from "../../model/types.ts";
import { templates } from "../../templates/engine.ts";
import type { Theme } from "../../theme/theme.ts";

/** Size of the map and chart in points, the same in the PDF and the HTML sheet. */
export const mapSize = { width: 262, height: 236 } as const;
export const chartSize = { width: 262, height: 180 } as const;

/** The title's size in the band: 32pt, smaller for a long title so it stays on one line (min 18pt). */
export function titleSize(title: string): number {
  const room = 612 - 2 * 36 - 200;
  return Math.max(18, Math.min(32, Math.floor(room / (title.length * 0.56))));
}

/** The format-neutral content of one fact sheet: both layouts (PDF, HTML) render exactly this. */
export interface FactSheet {
  lang: string;
  title: string;
  eyebrow: string;
  publisher: string;
  /** The HTML report beside the sheet: every source link points into it. */
  reportHref: string;
  figures: Array<KeyFigure & { key: string }>;
  groups: Array<NamedGroup & { key: string }>;
  incidents: Array<TimelineIncident & { key: string }>;
  map?: LocatorMap & { key: string };
  chart?: IncidentChart & { key: string };
  incidentsHeading: string;
  sources: string;
}

/** The map and chart matter more than all but the first key figures. */
const graphicPriority = 2;

/** Gathers the sheet's content from the model; the map and chart are drawn here, once, for both layouts. */
export async function buildFactSheet(model: ReportModel): Promise<FactSheet> {
  const { meta, facts, theme } = model;
  const country = meta.country ?? meta.title;
  const map = locatorMap({ country, places: facts.places, theme, ...mapSize, idPrefix: "map" });
  if (!map) {
    model.file.message(
      `No country named “${country}” in Natural Earth (world-atlas): the fact sheet has no map`,
      {
        ruleId: "factsheet-map",
        source: "folio",
      },
    );
  }
  const chart = await incidentChart(facts.incidents, { theme, ...chartSize, idPrefix: "chart" });
  const year = meta.year ?? facts.incidents[0]?.date.slice(0, 4);
  return {
    lang: meta.lang,
    title: meta.title,
    eyebrow: [meta.series, "Fact sheet"].filter(Boolean).join(" · "),
    publisher: [meta.publisher, meta.bureau].filter(Boolean).join(" · "),
    reportHref: `${model.name}.html`,
    figures: facts.figures.map((f, i) => ({ ...f, key: `figure-${i}` })),
    groups: facts.groups.map((g, i) => ({ ...g, key: `group-${i}` })),
    incidents: facts.incidents.map((incident, i) => ({ ...incident, key: `incident-${i}` })),
    map: map && { ...map, key: "map" },
    chart: chart && { ...chart, key: "chart" },
    incidentsHeading: year ? `${year} incidents` : "Incidents",
    sources: templates()
      .render("factsheet/sources.txt", {
        publisher: meta.publisher,
        bureau: meta.bureau,
        fullTitle: model.fullTitle,
        date: meta.date,
        unlocated: facts.unlocated,
      })
      .trim(),
  };
}

/** Every block the page may give up to fit, with its priority. */
export function sheetBlocks(sheet: FactSheet): SheetBlock[] {
  return [
    ...sheet.figures.map((f) => ({
      key: f.key,
      priority: f.priority,
      label: `key figure “${f.value} ${f.label}”`,
      line: f.line,
    })),
    ...(sheet.map ? [{ key: "map", priority: graphicPriority, label: "the locator map" }] : []),
    ...(sheet.chart ? [{ key: "chart", priority: graphicPriority, label: "the incident chart" }] : []),
    ...sheet.groups.map((g) => ({
      key: g.key,
      priority: g.priority,
      label: `list “${g.label}”`,
      line: g.line,
    })),
    ...sheet.incidents.map((incident) => ({
      key: incident.key,
      priority: incident.priority,
      label: `incident of ${incident.dateLabel}`,
      line: incident.line,
    })),
  ];
}

/**
 * The sheet without the blocks whose keys are given (what the page could not hold). The chart is
 * redrawn when incidents are left out, so it never shows an incident the timeline does not.
 */
export async function omitBlocks(
  sheet: FactSheet,
  omit: ReadonlySet<string>,
  theme: Theme,
): Promise<FactSheet> {
  const incidents = sheet.incidents.filter((incident) => !omit.has(incident.key));
  let chart = sheet.chart && !omit.has(sheet.chart.key) ? sheet.chart : undefined;
  if (chart && incidents.length < sheet.incidents.length) {
    const redrawn = await incidentChart(incidents, { theme, ...chartSize, idPrefix: "chart" });
    chart = redrawn && { ...redrawn, key: "chart" };
  }
  return {
    ...sheet,
    figures: sheet.figures.filter((f) => !omit.has(f.key)),
    groups: sheet.groups.filter((g) => !omit.has(g.key)),
    incidents,
    map: sheet.map && !omit.has(sheet.map.key) ? sheet.map : undefined,
    chart,
  };
}
