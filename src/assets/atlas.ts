import { createRequire } from "node:module";
import type { FeatureCollection, Geometry } from "geojson";
import { feature, neighbors } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Atlas } from "./types.ts";

const require = createRequire(import.meta.url);
let atlas: Atlas | undefined;

/** Natural Earth 1:50m countries (npm `world-atlas`), read once per process like a font. */
export function loadAtlas(): Atlas {
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
