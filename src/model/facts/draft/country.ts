/**
 * The report's country: its name (`country`, else the title's last part, “…: Niger”) and its
 * ISO 3166-1 alpha-2 code (`country-code`, else looked up by name, src/assets/country-names.ts:
 * ICU's English names, i18n-iso-countries' names and aliases, and the forms agencies still write).
 */
import { countryCodeOf, countryNameTable, foldCountryName } from "../../../assets/country-names.ts";

export interface DraftCountry {
  name: string;
  code: string;
  from: "country-code" | "country" | "title";
}

/** Folds a name for comparison: accents, case, apostrophes, a leading “the”. */
export const foldName = foldCountryName;

/** The ISO alpha-2 code of a country name (`Niger` → NE, `the Netherlands` → NL); undefined when unknown. */
export function countryCode(name: string): string | undefined {
  return countryCodeOf(name);
}

/** Whether a name is a country's (so never a town of the gazetteer: `Colombia` is also a town in Colombia). */
export function isCountryName(name: string): boolean {
  return countryNameTable().has(foldName(name));
}

/** The country a title names in its last part: “Country Reports on Terrorism 2021: Niger” → Niger. */
export function titleCountry(title: string): string | undefined {
  const parts = title.split(/\s*[:|–—]\s+/);
  for (const candidate of [parts.at(-1), title]) {
    if (!candidate) continue;
    const bare = candidate
      .replace(/\s*\([^)]*\)\s*$/, "")
      .replace(/[,\s]+(?:1[89]\d\d|20\d\d)$/, "")
      .trim();
    if (countryCode(bare)) return bare.replace(/^the\s+/i, "");
  }
  return undefined;
}

/** The report's country from its metadata, or undefined when it names none the drafter knows. */
export function resolveCountry(meta: {
  title: string;
  country?: string;
  "country-code"?: string;
}): DraftCountry | undefined {
  const code = meta["country-code"];
  if (code) return { name: meta.country ?? titleCountry(meta.title) ?? code, code, from: "country-code" };
  const named = meta.country && countryCode(meta.country);
  if (meta.country && named) return { name: meta.country, code: named, from: "country" };
  const name = titleCountry(meta.title);
  const found = name && countryCode(name);
  return name && found ? { name, code: found, from: "title" } : undefined;
}
