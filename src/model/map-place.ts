// Which place a report's map frames below its country: a first-level division (a U.S. state, the
// divisions Folio has boundaries for), from the front matter's `region`, else from the title
// (“Drinking Water in Arizona”, “…: Arizona”), the subtitle or the publisher (“Arizona Department
// of Water Resources”) of a report about the United States or about no named country.
import { countryCodeOf } from "../assets/country-names.ts";
import { plainName } from "../assets/plain-name.ts";
import { usStateNames } from "../assets/us-state-names.ts";
import { findDivisionIndex, foldDivisionName } from "./division-names.ts";

/** Every country's first-level divisions' names (ISO 3166-1 alpha-2 → each division's names). */
export type DivisionNames = Readonly<Record<string, readonly (readonly string[])[]>>;

/** Where the divisions' names are read, each when first needed (one country's, or every country's). */
export interface DivisionLookup {
  names(country: string): readonly (readonly string[])[] | undefined;
  index(): DivisionNames;
}

/** The division a map frames and where it was read. */
export interface MapRegion {
  name: string;
  /** ISO 3166-1 alpha-2 code of its country. */
  country: string;
  from: "region" | "title" | "subtitle" | "publisher";
}

/** The state a text names where a report names its subject: after “in”, as the last part, or first. */
function stateIn(text: string, where: "title" | "subtitle" | "publisher"): string | undefined {
  const folded = plainName(text);
  for (const name of usStateNames()) {
    const state = plainName(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const patterns =
      where === "publisher"
        ? [new RegExp(`^(?:the\\s+)?(?:state\\s+of\\s+)?${state}\\b`)]
        : [
            new RegExp(`\\bin\\s+(?:the\\s+state\\s+of\\s+)?${state}(?![\\w-])`),
            new RegExp(`(?:^|[:|–—]\\s*)${state}\\s*(?:\\(|,?\\s*(?:1[89]|20)\\d\\d)?\\s*$`),
            new RegExp(`^${state}(?:'s|’s)\\s`),
          ];
    if (patterns.some((p) => p.test(folded))) return name;
  }
  return undefined;
}

/** The division of a country other than the United States a title names after “in”, or as its last part. */
function divisionIn(text: string, divisions: readonly (readonly string[])[]): string | undefined {
  const folded = foldDivisionName(text);
  // Longest names first: “Borno State” before “Borno”, “Niger State” before a “Niger” in the title.
  const names = divisions.flat().sort((a, b) => b.length - a.length);
  for (const name of names) {
    const division = foldDivisionName(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (division.length < 3) continue;
    const patterns = [
      new RegExp(`\\bin (?:the )?${division}(?![\\w-])`),
      new RegExp(`(?:^|[:|–—] ?)${division}(?: \\(|,? (?:1[89]|20)\\d\\d)?$`),
    ];
    if (patterns.some((p) => p.test(folded))) return name;
  }
  return undefined;
}

/** The one country with a division of that name, when exactly one has it. */
function countryOfDivision(name: string, names: DivisionNames): string | undefined {
  const found = Object.keys(names).filter((code) => findDivisionIndex(name, names[code] ?? []) >= 0);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The division the report's map frames, or undefined for the country map. `countryCode` is the
 * report's country as the facts resolved it (undefined when it names none); `divisions`, every
 * country's divisions' names (Natural Earth admin-1), for divisions outside the United States.
 */
export function mapRegion(
  meta: { title: string; subtitle?: string; publisher?: string; region?: string },
  countryCode: string | undefined,
  divisions?: DivisionLookup,
): MapRegion | undefined {
  if (meta.region) {
    const state = usStateNames().some((n) => foldDivisionName(n) === foldDivisionName(meta.region ?? ""));
    const country =
      countryCode ?? (state ? "US" : divisions && countryOfDivision(meta.region, divisions.index())) ?? "US";
    return { name: meta.region, country, from: "region" };
  }
  if (countryCode && countryCode !== "US") {
    const own = divisions?.names(countryCode);
    if (!own) return undefined;
    for (const where of ["title", "subtitle"] as const) {
      const text = meta[where];
      const name = text ? divisionIn(text, own) : undefined;
      if (name) return { name, country: countryCode, from: where };
    }
    return undefined;
  }
  for (const where of ["title", "subtitle", "publisher"] as const) {
    const text = meta[where];
    if (!text) continue;
    const name = stateIn(text, where);
    // “Georgia” alone is a country before it is a state, unless the report is about the United States.
    if (name && (countryCode === "US" || !countryCodeOf(name))) return { name, country: "US", from: where };
  }
  return undefined;
}
