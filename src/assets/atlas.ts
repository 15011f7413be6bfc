import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Geometry } from "geojson";
import { feature, mesh, neighbors } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { usAtlasFile, worldAtlasFile } from "./atlas-files.ts";
import { divisionReader } from "./divisions.ts";
import { folioRoot } from "./paths.ts";
import type { Atlas, AtlasState, MapGeometry, StateAtlas } from "./types.ts";

let atlas: Atlas | undefined;

/** The code that draws a map's geometry: precomputed maps are valid only for these exact files. */
const geometrySources = ["map.ts", "map-labels.ts", "map-spots.ts", "us-map.ts", "layout.ts", "svg.ts"].map(
  (name) => join(folioRoot, "src", "render", "factsheet", name),
);

/**
 * What the precomputed maps depend on: world-atlas's and us-atlas's versions and the map code
 * (its files' bytes), so a change to either is never drawn from stale maps.
 */
export function mapsKey(): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(folioRoot, "node_modules", "world-atlas", "package.json")));
  hash.update(readFileSync(join(folioRoot, "node_modules", "us-atlas", "package.json")));
  for (const file of geometrySources) hash.update(existsSync(file) ? readFileSync(file) : "");
  return hash.digest("hex").slice(0, 16);
}

/** Where `make` writes the precomputed maps (src/tools/maps.ts) for a key. */
export function mapsDir(key: string): string {
  return join(folioRoot, "node_modules", ".cache", "folio", "maps", key);
}

/** The file of one country's precomputed map at one size (written by src/tools/maps.ts). */
export function mapFile(dir: string, index: number | string, width: number, height: number): string {
  return join(dir, `${width.toFixed(2)}x${height.toFixed(2)}`, `${index}.json`);
}

/**
 * Natural Earth 1:50m countries (npm `world-atlas`), read once per process like a font, with the
 * maps `make` precomputed for every country at the fact sheet's sizes, read one by one when asked.
 */
export function loadAtlas(): Atlas {
  if (!atlas) {
    const countries = worldAtlasFile() as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const collection = feature(countries, countries.objects.countries) as FeatureCollection<
      Geometry,
      { name: string }
    >;
    const precomputed = new Map<string, MapGeometry | null>();
    let dir: string | undefined;
    const read = (name: number | string, width: number, height: number) => {
      dir ??= mapsDir(mapsKey());
      const file = mapFile(dir, name, width, height);
      let found = precomputed.get(file);
      if (found === undefined) {
        found = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as MapGeometry) : null;
        precomputed.set(file, found);
      }
      return found ?? undefined;
    };
    let stateAtlas: StateAtlas | undefined;
    const divisions = divisionReader();
    atlas = {
      countries: collection.features,
      neighbours: neighbors(countries.objects.countries.geometries),
      geometry: (index, width, height) => read(index, width, height),
      states: () => (stateAtlas ??= loadStates()),
      usGeometry: (key, width, height) => read(`us-${key}`, width, height),
      divisions: (country) => divisions.divisions(country),
      divisionNames: (country) => divisions.names(country),
      divisionIndex: () => divisions.index(),
    };
  }
  return atlas;
}

/** The U.S. states of us-atlas (Census Bureau cartographic boundaries, 1:10m), decoded once. */
function loadStates(): StateAtlas {
  const us = usAtlasFile() as Topology<{
    states: GeometryCollection<{ name: string }>;
    nation: GeometryCollection;
  }>;
  const collection = feature(us, us.objects.states) as FeatureCollection<Geometry, { name: string }>;
  const nation = feature(us, us.objects.nation) as FeatureCollection<Geometry>;
  return {
    states: collection.features as AtlasState[],
    neighbours: neighbors(us.objects.states.geometries),
    nation: nation.features[0] as StateAtlas["nation"],
    borders: mesh(us, us.objects.states, (a, b) => a !== b),
  };
}
