// A first-level division outside the United States (a Nigerian state, a Canadian province, a
// French région) framed within its neighbours: an Albers conic centred on it, the other divisions
// of its country and the neighbouring countries drawn as land, the country's outline over them,
// the bordering divisions named where their names fit. Geometry only, like `mapGeometry`: drawn
// when a sheet asks for it (the divisions load lazily, one country at a time).
import { geoBounds, geoCentroid, geoPath } from "d3-geo";
import type { Feature, Geometry, MultiPolygon } from "geojson";
import { feature, merge, mesh, neighbors } from "topojson-client";
import type {
  GeometryCollection,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
} from "topojson-specification";
import { numericCountryCode } from "../../assets/country-names.ts";
import type { DivisionExtract } from "../../assets/division-extract.ts";
import type { Atlas, MapGeometry, MapProjection } from "../../assets/types.ts";
import { findDivisionIndex } from "../../model/division-names.ts";
import { labelSpot } from "./map-spots.ts";
import { projectionOf } from "./us-map.ts";

type Named = Feature<Geometry, { name: string }>;

/** Whether a neighbour's name at a spot would run under the legend (bottom left, map.ts's `legendBox`). */
function underLegend([x, y]: [number, number], name: string, height: number): boolean {
  const half = (name.length * 6.5 * 0.62 + name.length * 0.6) / 2;
  return x - half < 140 && y + 2 > height - 17;
}

const round = (d: string | null) => (d ?? "").replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));

/** The division a name denotes among a country's divisions, or undefined. */
export function findDivision(extract: DivisionExtract, name: string): number | undefined {
  const index = findDivisionIndex(
    name,
    extract.divisions.map((d) => d.names),
  );
  return index < 0 ? undefined : index;
}

/** Each division's shape (a grouped division merged from its units) and the divisions it borders. */
function divisionShapes(extract: DivisionExtract): { shapes: Named[]; neighbours: number[][] } {
  const { topology, divisions } = extract;
  const units = topology.objects.units as GeometryCollection;
  const geometries = units.geometries as Array<TopoPolygon | TopoMultiPolygon>;
  const unitNeighbours = neighbors(geometries);
  const owner = new Map<number, number>();
  divisions.forEach((d, i) => {
    for (const u of d.units ?? [i]) owner.set(u, i);
  });
  const shapes = divisions.map((d, i): Named => {
    const geometry: Geometry = d.units
      ? (merge(
          topology,
          d.units.map((u) => geometries[u] as TopoPolygon | TopoMultiPolygon),
        ) as MultiPolygon)
      : (feature(topology, geometries[i] as TopoPolygon | TopoMultiPolygon) as Feature).geometry;
    return { type: "Feature", properties: { name: d.name }, geometry };
  });
  const neighbours = divisions.map((d, i) => {
    const found = new Set<number>();
    for (const u of d.units ?? [i])
      for (const n of unitNeighbours[u] ?? []) {
        const other = owner.get(n);
        if (other !== undefined && other !== i) found.add(other);
      }
    return [...found];
  });
  return { shapes, neighbours };
}

/**
 * A division framed within its neighbours: an Albers conic on the division (standard parallels a
 * sixth inside its latitudes), the neighbouring countries (Natural Earth, world-atlas) and the
 * country's other divisions drawn as land, the country's outline drawn over them.
 */
export function divisionGeometry(
  atlas: Atlas,
  extract: DivisionExtract,
  division: number,
  width: number,
  height: number,
): MapGeometry {
  const { shapes, neighbours } = divisionShapes(extract);
  const home = shapes[division] as Named;
  const [[, y0], [, y1]] = geoBounds(home);
  const [cx] = geoCentroid(home);
  const spec: MapProjection = {
    kind: "conic",
    parallels: [y0 + (y1 - y0) / 6, y1 - (y1 - y0) / 6],
    rotate: [-cx, 0],
  };
  const pad = Math.min(width, height) * 0.16;
  const fitted = projectionOf(spec, 1, [0, 0]).fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    home,
  );
  const projection = fitted.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const path = geoPath(projection);
  const land: string[] = [];
  const labels: Array<[number, number, string]> = [];
  const neighbourNames: string[] = [];
  const homeCountry = numericCountryCode(extract.country);
  // The world beyond the country: its neighbours, named where a large part shows.
  for (const country of atlas.countries) {
    if (homeCountry && String(country.id) === homeCountry) continue;
    const d = round(path(country));
    if (!d) continue;
    land.push(d);
    if (path.area(country) < width * height * 0.08) continue;
    const name = country.properties.name.toUpperCase();
    const spot = labelSpot(country, name, path.centroid(country), projection, width, height);
    if (spot && !underLegend(spot, name, height)) labels.push([spot[0], spot[1], name]);
  }
  shapes.forEach((other, i) => {
    if (i === division) return;
    const d = round(path(other));
    if (!d) return;
    land.push(d);
    if (!neighbours[division]?.includes(i)) return;
    neighbourNames.push(other.properties.name);
    if (path.area(other) < width * height * 0.02) return;
    const name = other.properties.name.toUpperCase();
    const spot = labelSpot(other, name, path.centroid(other), projection, width, height);
    if (spot && !underLegend(spot, name, height)) labels.push([spot[0], spot[1], name]);
  });
  const units = extract.topology.objects.units as GeometryCollection;
  // The country's outline: the arcs only one unit uses (its coasts and its borders with others).
  const outline = round(path(mesh(extract.topology, units, (a, b) => a === b)));
  const [hx, hy] = path.centroid(home);
  neighbourNames.sort((a, b) => a.localeCompare(b, "en"));
  return {
    scale: fitted.scale(),
    translate: fitted.translate(),
    projection: spec,
    land,
    home: round(path(home)),
    outline,
    labels,
    neighbourNames,
    hx,
    hy,
    overseas: false,
  };
}
