/**
 * The report's country: its name (`country`, else the title's last part, “…: Niger”) and its
 * ISO 3166-1 alpha-2 code (`country-code`, else looked up by name). Names come from the runtime's
 * ICU data (`Intl.DisplayNames`, English), so no country list is shipped; a few names the
 * State Department writes differently from ICU are added.
 */

export interface DraftCountry {
  name: string;
  code: string;
  from: "country-code" | "country" | "title";
}

/** Names reports use that ICU's English names do not (ICU: “Congo - Kinshasa”, “Myanmar (Burma)”…). */
const aliases: Record<string, string> = {
  "democratic republic of the congo": "CD",
  "dr congo": "CD",
  "republic of the congo": "CG",
  burma: "MM",
  myanmar: "MM",
  "ivory coast": "CI",
  "cote d'ivoire": "CI",
  "cabo verde": "CV",
  turkey: "TR",
  "czech republic": "CZ",
  swaziland: "SZ",
  macedonia: "MK",
  "west bank and gaza": "PS",
  "palestinian territories": "PS",
  "east timor": "TL",
  "timor-leste": "TL",
  "united states of america": "US",
  "republic of korea": "KR",
  "democratic people's republic of korea": "KP",
  "kyrgyz republic": "KG",
  "federated states of micronesia": "FM",
  holland: "NL",
};

/** Codes ICU names that are no country (European Union, United Nations, pseudo-locales…). */
const notCountries = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"]);

let byName: Map<string, string> | undefined;
let names: Set<string> | undefined;

/** Folds a name for comparison: accents, case, apostrophes, a leading “the”. */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function table(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const styles = ["long", "short"] as const;
  for (const style of styles) {
    const display = new Intl.DisplayNames(["en"], { type: "region", style, fallback: "none" });
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (notCountries.has(code)) continue;
        const name = display.of(code);
        if (!name) continue;
        for (const form of [name, name.replace(/\s*\(.*\)$/, ""), name.replace(/^.*\((.*)\)$/, "$1")])
          if (!byName.has(foldName(form))) byName.set(foldName(form), code);
      }
  }
  for (const [name, code] of Object.entries(aliases)) byName.set(foldName(name), code);
  return byName;
}

/** The ISO alpha-2 code of a country name (`Niger` → NE, `the Netherlands` → NL); undefined when unknown. */
export function countryCode(name: string): string | undefined {
  return table().get(foldName(name));
}

/** Whether a name is a country's (so never a town of the gazetteer: `Colombia` is also a town in Colombia). */
export function isCountryName(name: string): boolean {
  if (!names) names = new Set(table().keys());
  return names.has(foldName(name));
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
