import type { GazetteerCity } from "../../assets/types.ts";

/** A place found in the gazetteer, with the coordinates the map marks it at. */
export interface GazetteerPlace {
  name: string;
  lon: number;
  lat: number;
  /** GeoNames feature code PPLC: the country's capital. */
  capital: boolean;
  population: number;
  /** Other places of this name in the country at least a tenth as populous. */
  homonyms: number;
}

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Looks a place name up among one country's GeoNames places: an exact name first, then an
 * alternate name, then the name without accents; the most populous match wins. Coordinates
 * always come from here, never from the source.
 */
export function lookupPlace(name: string, candidates: readonly GazetteerCity[]): GazetteerPlace | undefined {
  const wanted = plain(name);
  const tests: Array<(city: GazetteerCity) => boolean> = [
    (city) => city.name === name,
    (city) => city.altName.split(",").some((alt) => alt.trim() === name),
    (city) => plain(city.name) === wanted,
  ];
  for (const test of tests) {
    const [found, ...others] = candidates.filter(test).sort((a, b) => b.population - a.population);
    if (found) {
      const [lon, lat] = found.loc.coordinates;
      const homonyms = others.filter((city) => city.population * 10 >= found.population).length;
      return {
        name,
        lon,
        lat,
        capital: found.featureCode === "PPLC",
        population: found.population,
        homonyms,
      };
    }
  }
  return undefined;
}

/** Every name a country's places go by (name and alternate names), for "did you mean". */
export function placeNames(candidates: readonly GazetteerCity[]): Set<string> {
  const names = new Set<string>();
  for (const city of candidates) {
    names.add(city.name);
    for (const alt of city.altName.split(",")) if (alt.trim()) names.add(alt.trim());
  }
  return names;
}
