import { type CountryGazetteer, placesNamed } from "../../assets/gazetteer-index.ts";
import { plainName } from "../../assets/plain-name.ts";
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

/**
 * Looks a place name up among one country's GeoNames places: an exact name first, then an
 * alternate name, then the name without accents; the most populous match wins (of equals, the
 * first in the gazetteer). Each step reads one key of the country's index. Coordinates always come
 * from here, never from the source.
 */
export function lookupPlace(name: string, gazetteer: CountryGazetteer): GazetteerPlace | undefined {
  const steps = [
    placesNamed(gazetteer.byName, name),
    placesNamed(gazetteer.byAltName, name),
    placesNamed(gazetteer.byPlainName, plainName(name)),
  ];
  for (const indexes of steps) {
    const [found, ...others] = (indexes ?? [])
      .map((i) => gazetteer.cities[i] as GazetteerCity)
      .sort((a, b) => b.population - a.population);
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

const namesOf = new WeakMap<CountryGazetteer, Set<string>>();

/**
 * Every name a country's places go by (name and alternate names, place by place), for "did you
 * mean" after a name was not found; made once per country.
 */
export function placeNames(gazetteer: CountryGazetteer): Set<string> {
  const known = namesOf.get(gazetteer);
  if (known) return known;
  const names = new Set<string>();
  namesOf.set(gazetteer, names);
  for (const city of gazetteer.cities) {
    names.add(city.name);
    for (const alt of city.altName.split(",")) if (alt.trim()) names.add(alt.trim());
  }
  return names;
}
