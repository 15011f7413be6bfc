// The United States as U.S. agencies draw it: the nation in Albers USA (d3-geo's `geoAlbersUsa`:
// the lower 48 with Alaska and Hawaii inset), and a state framed within its neighbours in an
// Albers conic centred on it. Geometry only, like `mapGeometry`: colours are the caller's, and
// `make` precomputes every map at the fact sheet's sizes (src/tools/maps.ts).

import {
  type GeoProjection,
  type GeoStream,
  geoAlbersUsa,
  geoBounds,
  geoCentroid,
  geoConicEqualArea,
  geoPath,
} from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { plainName } from "../../assets/plain-name.ts";
import type { Atlas, AtlasState, MapGeometry, MapProjection, StateAtlas } from "../../assets/types.ts";
import { labelSpot } from "./map-spots.ts";

/** world-atlas's id (ISO 3166-1 numeric) of the United States. */
export const unitedStatesId = "840";

/** FIPS codes of the states Albers USA insets or leaves out of the lower 48's centroid. */
const notLower48 = new Set(["02", "15", "60", "66", "69", "72", "78"]);

const round = (d: string | null) => (d ?? "").replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));

/** A state's name as reports write it, folded: accents, case, “State of”, “the”. */
function foldStateName(name: string): string {
  return plainName(name)
    .replace(/[.’']/g, "")
    .replace(/^(?:the\s+)?(?:state|commonwealth)\s+of\s+/, "")
    .replace(/\s+state$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Other names of us-atlas's places (`Washington, D.C.` is the District of Columbia). */
const stateAliases: Record<string, string> = {
  "washington dc": "11",
  "washington, dc": "11",
  dc: "11",
  "district of columbia": "11",
};

/** The state (or District, or territory) of us-atlas a name denotes; undefined when none. */
export function findState(states: StateAtlas, name: string): AtlasState | undefined {
  const key = foldStateName(name);
  const alias = stateAliases[key];
  return states.states.find((s) => (alias ? s.id === alias : foldStateName(s.properties.name) === key));
}

/**
 * The projection's stream with points closer than `min` points to the last one kept dropped: the
 * Census Bureau's 1:10m outlines put thousands of points into a pixel of a 262 pt map of the
 * whole nation (250 kB of path data, under 60 kB after).
 */
function thinned(projection: GeoProjection, min: number): { stream(out: GeoStream): GeoStream } {
  return {
    stream(out) {
      let last: [number, number] | undefined;
      return projection.stream({
        point(x, y) {
          if (last && Math.hypot(x - last[0], y - last[1]) < min) return;
          last = [x, y];
          out.point(x, y);
        },
        lineStart() {
          last = undefined;
          out.lineStart();
        },
        lineEnd: () => out.lineEnd(),
        polygonStart: () => out.polygonStart(),
        polygonEnd: () => out.polygonEnd(),
        sphere: () => out.sphere?.(),
      });
    },
  };
}

/** A d3 projection from the parameters a map geometry records (scale and translate fitted). */
export function projectionOf(spec: MapProjection, scale: number, translate: [number, number]): GeoProjection {
  if (spec.kind === "albers-usa") return geoAlbersUsa().scale(scale).translate(translate);
  return geoConicEqualArea().parallels(spec.parallels).rotate(spec.rotate).scale(scale).translate(translate);
}

/** The nation in Albers USA: every state (a border between each), the nation's outline, its name's spot. */
export function nationGeometry(states: StateAtlas, width: number, height: number): MapGeometry {
  const pad = Math.min(width, height) * 0.06;
  const projection = geoAlbersUsa().fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    states.nation,
  );
  const path = geoPath(projection);
  const drawn = geoPath(thinned(projection, 0.8));
  const lower48: FeatureCollection = {
    type: "FeatureCollection",
    features: states.states.filter((s) => !notLower48.has(s.id)),
  };
  const [hx, hy] = path.centroid(lower48);
  return {
    scale: projection.scale(),
    translate: projection.translate(),
    projection: { kind: "albers-usa" },
    land: [],
    home: round(drawn(states.nation)),
    inner: [round(drawn(states.borders))],
    labels: [],
    neighbourNames: [],
    hx,
    hy,
    overseas: false,
  };
}

/**
 * A state framed within its neighbours: an Albers conic on the state (standard parallels a sixth
 * inside its latitudes), the other states and the neighbouring countries drawn as land, the
 * bordering states named where their names fit.
 */
export function stateGeometry(
  atlas: Atlas,
  states: StateAtlas,
  fips: string,
  width: number,
  height: number,
): MapGeometry {
  const index = states.states.findIndex((s) => s.id === fips);
  const home = states.states[index] as AtlasState;
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
  // The world under the states: Canada and Mexico beside a border state (the U.S. itself is drawn by state).
  for (const country of atlas.countries) {
    if (String(country.id) === unitedStatesId) continue;
    const d = round(path(country));
    if (!d) continue;
    land.push(d);
    if (path.area(country) < width * height * 0.08) continue;
    const name = country.properties.name.toUpperCase();
    const spot = labelSpot(country, name, path.centroid(country), projection, width, height);
    if (spot) labels.push([spot[0], spot[1], name]);
  }
  states.states.forEach((other, i) => {
    if (i === index) return;
    const d = round(path(other));
    if (!d) return;
    land.push(d);
    if (!states.neighbours[index]?.includes(i)) return;
    neighbourNames.push(other.properties.name);
    if (path.area(other) < width * height * 0.02) return;
    const name = other.properties.name.toUpperCase();
    const spot = labelSpot(
      other as Feature<Geometry, { name: string }>,
      name,
      path.centroid(other),
      projection,
      width,
      height,
    );
    if (spot) labels.push([spot[0], spot[1], name]);
  });
  const [hx, hy] = path.centroid(home);
  neighbourNames.sort((a, b) => a.localeCompare(b, "en"));
  return {
    scale: fitted.scale(),
    translate: fitted.translate(),
    projection: spec,
    land,
    home: round(path(home)),
    labels,
    neighbourNames,
    hx,
    hy,
    overseas: false,
  };
}
