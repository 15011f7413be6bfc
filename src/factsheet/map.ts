import { createRequire } from "node:module";
import { type GeoProjection, geoContains, geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature, neighbors } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { LocatedPlace } from "../model/facts.ts";
import type { Theme } from "../theme/theme.ts";
import { placeLabels } from "./map-labels.ts";
import { escapeXml } from "./svg.ts";

type Country = Feature<Geometry, { name: string }>;

/** A locator map as inline SVG with its text alternative. */
export interface LocatorMap {
  svg: string;
  title: string;
  description: string;
}

const require = createRequire(import.meta.url);
let atlas: { countries: Country[]; neighbours: number[][] } | undefined;

/** Natural Earth 1:50m countries (npm `world-atlas`), read once per process like a font. */
function loadAtlas(): { countries: Country[]; neighbours: number[][] } {
  if (!atlas) {
    const topology = require("world-atlas/countries-50m.json") as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    const collection = feature(topology, topology.objects.countries) as FeatureCollection<
      Geometry,
      { name: string }
    >;
    atlas = { countries: collection.features, neighbours: neighbors(topology.objects.countries.geometries) };
  }
  return atlas;
}

/**
 * Finds the report's country in world-atlas. world-atlas names countries in English (ISO 3166
 * numeric ids); no ISO alpha-2 → numeric package is installed, so `meta.country` is matched by name.
 */
export function findCountry(name: string): number | undefined {
  const plain = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  const index = loadAtlas().countries.findIndex((c) => plain(c.properties.name) === plain(name));
  return index < 0 ? undefined : index;
}

export interface MapOptions {
  country: string;
  places: LocatedPlace[];
  theme: Theme;
  /** Size in points (1 SVG user unit = 1pt). */
  width: number;
  height: number;
  /** Prefix for the ids of `<title>`/`<desc>`, unique within the page. */
  idPrefix: string;
}

/** Draws the country, its neighbours (named) and the located places, projected with d3-geo. */
export function locatorMap(options: MapOptions): LocatorMap | undefined {
  const { country, places, theme, width, height, idPrefix } = options;
  const index = findCountry(country);
  if (index === undefined) return undefined;
  const { projection, shapes, labels, neighbourNames, hx, hy } = baseLayer(index, width, height, theme);
  const c = theme.colors;

  const points = places.map((p) => {
    const [x, y] = projection([p.lon, p.lat]) ?? [0, 0];
    return { ...p, x, y };
  });
  const marks = points.map((p) =>
    p.capital
      ? `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3.6" fill="#ffffff" stroke="${c.text}" stroke-width="1.2"/><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="1.6" fill="${c.text}"/>`
      : `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.3" fill="${c.text}"/>`,
  );
  const homeLabel = { x: hx, y: hy, text: country.toUpperCase(), size: 11 };
  const placed = placeLabels(points, { width, height, size: 7.5, avoid: [homeLabel] });
  const placeText = placed.map((l) =>
    text(l.x, l.y, l.text, {
      size: 7.5,
      fill: c.text,
      anchor: l.anchor,
      weight: l.capital ? 700 : 400,
      halo: true,
    }),
  );

  const title = `Locator map of ${country} and its neighbours`;
  const located = places.map((p) => (p.capital ? `${p.name} (capital)` : p.name));
  const description =
    `${country}, bordered by ${listOf(neighbourNames)}.` +
    (located.length > 0 ? ` Marked: ${listOf(located)}.` : "");
  const font = `${theme.fonts.heading.family}, ${theme.fonts.heading.fallback.replace(/'/g, "")}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" font-family="${escapeXml(font)}">` +
    `<title id="${idPrefix}-title">${escapeXml(title)}</title><desc id="${idPrefix}-desc">${escapeXml(description)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#f7f9fa"/>` +
    shapes.join("") +
    labels.join("") +
    text(hx, hy, homeLabel.text, {
      size: homeLabel.size,
      fill: c.accent,
      anchor: "middle",
      weight: 700,
      spacing: 2,
    }) +
    marks.join("") +
    placeText.join("") +
    legend(c.text, c.muted, height) +
    `<rect width="${width}" height="${height}" fill="none" stroke="${c.rule}" stroke-width="0.6"/>` +
    `</svg>`;
  return { svg, title, description };
}

/** The projected country, its neighbours and their names: the same for every report of a country. */
interface BaseLayer {
  projection: GeoProjection;
  shapes: string[];
  labels: string[];
  neighbourNames: string[];
  hx: number;
  hy: number;
}

/**
 * Projecting ~240 countries and finding label spots inside the neighbours (geoContains over a
 * grid) is most of a fact sheet's map time, and depends only on the country, size and colours:
 * kept per process, so a rebuild or a corpus of one country's reports draws it once.
 */
const baseLayers = new Map<string, BaseLayer>();

function baseLayer(index: number, width: number, height: number, theme: Theme): BaseLayer {
  const key = JSON.stringify([index, width, height, theme.colors]);
  const cached = baseLayers.get(key);
  if (cached) return cached;
  const { countries, neighbours } = loadAtlas();
  const home = countries[index] as Country;
  const pad = Math.min(width, height) * 0.09;
  const projection = geoMercator()
    .fitExtent(
      [
        [pad, pad],
        [width - pad, height - pad],
      ],
      home,
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection);
  const c = theme.colors;
  const round = (d: string | null) => (d ?? "").replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));

  const shapes: string[] = [];
  const labels: string[] = [];
  const neighbourNames: string[] = [];
  countries.forEach((other, i) => {
    if (i === index) return;
    const d = round(path(other));
    if (!d) return;
    shapes.push(`<path d="${d}" fill="#eceeef" stroke="#ffffff" stroke-width="0.8"/>`);
    if (!neighbours[index]?.includes(i)) return;
    neighbourNames.push(other.properties.name);
    if (path.area(other) < width * height * 0.02) return;
    const name = other.properties.name.toUpperCase();
    const spot = labelSpot(other, name, path.centroid(other), projection, width, height);
    if (spot)
      labels.push(text(spot[0], spot[1], name, { size: 6.5, fill: c.muted, anchor: "middle", spacing: 0.6 }));
  });
  shapes.push(
    `<path d="${round(path(home))}" fill="${c.accentLight}" stroke="${c.accent}" stroke-width="1.1"/>`,
  );
  const [hx, hy] = path.centroid(home);
  const layer = { projection, shapes, labels, neighbourNames, hx, hy };
  baseLayers.set(key, layer);
  return layer;
}

function text(
  x: number,
  y: number,
  value: string,
  o: { size: number; fill: string; anchor: string; weight?: number; spacing?: number; halo?: boolean },
): string {
  // `bold`, not 700: pdfmake's SVG renderer picks the bold face only for the keyword.
  const attrs = `x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${o.size}" text-anchor="${o.anchor}" font-weight="${(o.weight ?? 400) >= 600 ? "bold" : "normal"}"${o.spacing ? ` letter-spacing="${o.spacing}"` : ""}`;
  // A white halo keeps a label legible where it crosses a border line.
  const halo = o.halo
    ? `<text ${attrs} fill="#ffffff" stroke="#ffffff" stroke-width="2.2" stroke-linejoin="round">${escapeXml(value)}</text>`
    : "";
  return `${halo}<text ${attrs} fill="${o.fill}">${escapeXml(value)}</text>`;
}

/**
 * A spot for a neighbour's name wholly inside its visible part: the sampled point nearest the
 * centroid whose label box lies inside the country and the frame (so no label crosses a border).
 */
function labelSpot(
  country: Country,
  name: string,
  [cx, cy]: [number, number],
  projection: GeoProjection,
  width: number,
  height: number,
): [number, number] | undefined {
  const half = (name.length * 6.5 * 0.62 + name.length * 0.6) / 2;
  const inside = (x: number, y: number) => {
    const at = projection.invert?.([x, y]);
    return at ? geoContains(country, at) : false;
  };
  // Candidates nearest first (ties in scan order, top to bottom, left to right): the first that
  // fits is the answer, and only nearer ones, which all fail, were tested (geoContains on 1:50m
  // outlines was a third of a cold fact sheet when the grid was scanned from its corner).
  const candidates: Array<{ x: number; y: number; distance: number; order: number }> = [];
  for (let y = 12; y < height - 4; y += 6)
    for (let x = half + 4; x < width - half - 4; x += 6)
      candidates.push({ x, y, distance: (x - cx) ** 2 + (y - cy) ** 2, order: candidates.length });
  candidates.sort((a, b) => a.distance - b.distance || a.order - b.order);
  for (const { x, y } of candidates) {
    const box = [
      [x - half, y - 6],
      [x + half, y - 6],
      [x - half, y + 2],
      [x + half, y + 2],
      [x, y - 2],
    ] as const;
    if (box.every(([bx, by]) => inside(bx, by))) return [x, y];
  }
  return undefined;
}

/** Key to the two marks, bottom left, on a white ground so it reads over any country. */
function legend(ink: string, muted: string, height: number): string {
  const y = height - 9;
  return (
    `<rect x="4" y="${y - 8}" width="136" height="13" fill="#ffffff" fill-opacity="0.85"/>` +
    `<circle cx="11" cy="${y - 1.5}" r="3.2" fill="#ffffff" stroke="${ink}" stroke-width="1.1"/><circle cx="11" cy="${y - 1.5}" r="1.4" fill="${ink}"/>` +
    `<text x="17" y="${y + 1}" font-size="6.5" fill="${muted}">Capital</text>` +
    `<circle cx="48" cy="${y - 1.5}" r="2.1" fill="${ink}"/>` +
    `<text x="53" y="${y + 1}" font-size="6.5" fill="${muted}">Place named in the report</text>`
  );
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
