// Which place a report's map frames below its country: a first-level division (a U.S. state, the
// divisions Folio has boundaries for), from the front matter's `region`, else from the title
// (“Drinking Water in Arizona”, “…: Arizona”), the subtitle or the publisher (“Arizona Department
// of Water Resources”) of a report about the United States or about no named country.
import { countryCodeOf } from "../assets/country-names.ts";
import { usStateNames } from "../assets/us-state-names.ts";

/** The division a map frames and where it was read. */
export interface MapRegion {
  name: string;
  /** ISO 3166-1 alpha-2 code of its country. */
  country: string;
  from: "region" | "title" | "subtitle" | "publisher";
}

/** A name as compared here: accents and case dropped. */
const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The state a text names where a report names its subject: after “in”, as the last part, or first. */
function stateIn(text: string, where: "title" | "subtitle" | "publisher"): string | undefined {
  const folded = plain(text);
  for (const name of usStateNames()) {
    const state = plain(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

/**
 * The division the report's map frames, or undefined for the country map. `countryCode` is the
 * report's country as the facts resolved it (undefined when it names none).
 */
export function mapRegion(
  meta: { title: string; subtitle?: string; publisher?: string; region?: string },
  countryCode: string | undefined,
): MapRegion | undefined {
  if (meta.region) return { name: meta.region, country: countryCode ?? "US", from: "region" };
  if (countryCode && countryCode !== "US") return undefined;
  for (const where of ["title", "subtitle", "publisher"] as const) {
    const text = meta[where];
    if (!text) continue;
    const name = stateIn(text, where);
    // “Georgia” alone is a country before it is a state, unless the report is about the United States.
    if (name && (countryCode === "US" || !countryCodeOf(name))) return { name, country: "US", from: where };
  }
  return undefined;
}
