import type { VFile } from "vfile";
import type { Assets } from "../../assets/types.ts";
import type { KeyFigure, NamedGroup, TimelineIncident } from "../../model/facts/types.ts";
import type { Labels } from "../../model/labels.ts";
import type { ReportModel } from "../../model/types.ts";
import { type IncidentChart, incidentChart } from "./chart.ts";
import type { SheetBlock } from "./fit.ts";
import type { FactSheetLayout } from "./layout.ts";
import { type LocatorMap, locatorMap } from "./map.ts";

/** The format-neutral content of one fact sheet: both layouts (PDF, HTML) render exactly this. */
export interface FactSheet {
  lang: string;
  labels: Labels;
  layout: FactSheetLayout;
  /** The year the sheet's incidents are of (front matter `year`, else the first incident's). */
  year?: string | number;
  title: string;
  eyebrow: string;
  /** The band's right side: publisher · bureau, then the authors and the date when the report has them. */
  credits: string[];
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
export async function buildFactSheet(
  model: ReportModel,
  assets: Assets,
  layout: FactSheetLayout,
  file: VFile,
): Promise<FactSheet> {
  const { meta, facts, labels } = model;
  const { theme } = assets;
  const country = meta.country ?? meta.title;
  const map = locatorMap({
    atlas: assets.atlas(),
    labels,
    country,
    places: facts.places,
    theme,
    ...layout.map,
    idPrefix: "map",
  });
  if (!map) {
    file.message(`No country named “${country}” in Natural Earth (world-atlas): the fact sheet has no map`, {
      ruleId: "factsheet-map",
      source: "folio",
    });
  }
  const year = meta.year ?? facts.incidents[0]?.date.slice(0, 4);
  const chart = await incidentChart(facts.incidents, {
    theme,
    labels,
    ...layout.chart,
    idPrefix: "chart",
    year,
  });
  return {
    lang: meta.lang,
    labels,
    layout,
    year,
    title: meta.title,
    eyebrow: [meta.series, labels.text("factSheet")].filter(Boolean).join(" · "),
    credits: [
      [meta.publisher, meta.bureau].filter(Boolean).join(" · "),
      model.credits.byline,
      model.credits.date ?? "",
    ].filter(Boolean),
    reportHref: `${model.name}.html`,
    figures: facts.figures.map((f, i) => ({ ...f, key: `figure-${i}` })),
    groups: facts.groups.map((g, i) => ({ ...g, key: `group-${i}` })),
    incidents: facts.incidents.map((incident, i) => ({ ...incident, key: `incident-${i}` })),
    map: map && { ...map, key: "map" },
    chart: chart && { ...chart, key: "chart" },
    incidentsHeading: year ? labels.text("incidentsOfYear", { year }) : labels.text("incidents"),
    sources: assets.templates
      .render("factsheet/sources.txt", {
        labels: labels.all,
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
  assets: Assets,
): Promise<FactSheet> {
  const incidents = sheet.incidents.filter((incident) => !omit.has(incident.key));
  let chart = sheet.chart && !omit.has(sheet.chart.key) ? sheet.chart : undefined;
  if (chart && incidents.length < sheet.incidents.length) {
    const redrawn = await incidentChart(incidents, {
      theme: assets.theme,
      labels: sheet.labels,
      ...sheet.layout.chart,
      idPrefix: "chart",
      year: sheet.year,
    });
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
