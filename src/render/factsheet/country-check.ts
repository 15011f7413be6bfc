import type { VFile } from "vfile";
import {
  countriesSharing,
  countryCodeOf,
  countryNameTable,
  foldCountryName,
} from "../../assets/country-names.ts";
import { frontMatterPlace } from "../../model/frontmatter.ts";
import { editDistance } from "../../model/suggest.ts";
import type { ReportModel } from "../../model/types.ts";
import { countryName } from "./map.ts";

/**
 * A `country` the names do not know (`country: Nigera`) is a warning at its front-matter line, with
 * the nearest country's name: before, the fact sheet silently drew no map (or the title's country's)
 * and drafted no places. Not when `country-code` names the country: then `country` is only its name
 * as the report writes it.
 */
export function checkCountryName(
  model: ReportModel,
  /** The country the facts settled on (read from the title, when `country` is not a name). */
  drafted: { name: string; code: string } | undefined,
  hasMap: boolean,
  file: VFile,
): boolean {
  const { meta } = model;
  if (meta.country === undefined || meta["country-code"] !== undefined || countryCodeOf(meta.country))
    return false;
  const instead =
    drafted !== undefined && hasMap
      ? `the fact sheet's map frames ${countryName(drafted.code) ?? drafted.name}, named by the title`
      : "the fact sheet has no map and finds no places";
  const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`).join(" or ");
  const sharing = countriesSharing(meta.country)
    .map((code) => countryName(code) ?? code)
    .sort((a, b) => a.localeCompare(b, "en"));
  const near = nearestCountries(meta.country);
  file.message(
    sharing.length > 1
      ? `“${meta.country}” names ${sharing.length} countries: ${instead}; write ${quoted(sharing)} (or set \`country-code\`)`
      : `No country named “${meta.country}” (ICU's and i18n-iso-countries' English names and aliases): ${instead}${near.length > 0 ? `; did you mean ${quoted(near)}?` : ""}`,
    { place: frontMatterPlace(meta, ["country"]), ruleId: "factsheet-country", source: "folio" },
  );
  return true;
}

/**
 * The countries whose names are nearest a misspelt one, when near enough to be a typo (at most two
 * edits, fewer than a third of the name, as `didYouMean` judges): every one at that distance, for
 * “Nigera” is one edit from both Niger and Nigeria.
 */
function nearestCountries(written: string): string[] {
  const wanted = foldCountryName(written);
  const most = Math.min(2, Math.max(1, Math.floor(wanted.length / 3)));
  let best = most + 1;
  let codes: string[] = [];
  for (const [name, code] of countryNameTable()) {
    if (Math.abs(name.length - wanted.length) > most) continue;
    const distance = editDistance(wanted, name);
    if (distance < best) [best, codes] = [distance, []];
    if (distance === best && !codes.includes(code)) codes.push(code);
  }
  return codes
    .map((code) => countryName(code) ?? code)
    .sort((a, b) => a.localeCompare(b, "en"))
    .slice(0, 3);
}
