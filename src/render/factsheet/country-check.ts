import type { VFile } from "vfile";
import {
  countriesSharing,
  countryCodeOf,
  countryNameTable,
  foldCountryName,
} from "../../assets/country-names.ts";
import { frontMatterPlace } from "../../model/frontmatter.ts";
import { nearestWords } from "../../model/suggest.ts";
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

/** The countries whose names are nearest a misspelt one, every one at that distance, by name. */
function nearestCountries(written: string): string[] {
  const table = countryNameTable();
  const codes = new Set(nearestWords(foldCountryName(written), table.keys()).map((name) => table.get(name)));
  return [...codes]
    .map((code) => countryName(code) ?? (code as string))
    .sort((a, b) => a.localeCompare(b, "en"))
    .slice(0, 3);
}
