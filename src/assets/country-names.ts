// Country names as reports write them, resolved to ISO 3166-1 codes. Three sources, in order: the
// runtime's ICU English names (`Intl.DisplayNames`: “Côte d’Ivoire”, “Myanmar (Burma)”), the
// maintained English names and aliases of npm `i18n-iso-countries` (“United States of America”,
// “USA”, “U.S.”, “Ivory Coast”, “Türkiye”, “Turkey”, “Czechia”), and a short list of the forms
// U.S. agencies and the press still write that neither has (“Burma”, “Swaziland”, “DR Congo”).
// A name two sources give to two countries (“Congo”) resolves to neither: the map would be a guess.
import codes from "i18n-iso-countries/codes.json" with { type: "json" };
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { plainName } from "./plain-name.ts";

/** Forms neither ICU nor i18n-iso-countries knows (older names, the press's short forms). */
const commonForms: Record<string, string> = {
  "democratic republic of the congo": "CD",
  "dr congo": "CD",
  drc: "CD",
  "congo-kinshasa": "CD",
  "republic of the congo": "CG",
  "congo-brazzaville": "CG",
  "congo republic": "CG",
  burma: "MM",
  "ivory coast": "CI",
  "cote d'ivoire": "CI",
  "cabo verde": "CV",
  swaziland: "SZ",
  "kingdom of eswatini": "SZ",
  macedonia: "MK",
  "west bank and gaza": "PS",
  "palestinian territories": "PS",
  "east timor": "TL",
  "timor-leste": "TL",
  "republic of korea": "KR",
  "democratic people's republic of korea": "KP",
  "kyrgyz republic": "KG",
  "federated states of micronesia": "FM",
  laos: "LA",
  syria: "SY",
  "vatican city": "VA",
  "the gambia": "GM",
  holland: "NL",
};

/**
 * The codes ICU names that are countries: ISO 3166-1's current ones (i18n-iso-countries) and
 * Kosovo's user-assigned XK; not retired codes (ICU still names BU “Myanmar”, DD “Germany”), nor
 * the European Union, the United Nations or pseudo-locales.
 */
let currentCodes: Set<string> | undefined;
function isCurrentCode(code: string): boolean {
  currentCodes ??= new Set([...(codes as string[][]).map((row) => row[0] as string), "XK"]);
  return currentCodes.has(code);
}

/** Folds a name for comparison: accents, case, apostrophes, a leading “the”. */
export function foldCountryName(name: string): string {
  return plainName(name)
    .replace(/[’‘`]/g, "'")
    .replace(/^the\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

let table: Map<string, string> | undefined;
let shared: Map<string, string[]> | undefined;

/** Every known form of every country's name, folded, to its alpha-2 code (ambiguous forms left out). */
export function countryNameTable(): ReadonlyMap<string, string> {
  if (table) return table;
  const claims = new Map<string, Set<string>>();
  const claim = (name: string, code: string) => {
    const key = foldCountryName(name);
    if (!key) return;
    const set = claims.get(key) ?? new Set<string>();
    set.add(code);
    claims.set(key, set);
  };
  for (const style of ["long", "short"] as const) {
    const display = new Intl.DisplayNames(["en"], { type: "region", style, fallback: "none" });
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (!isCurrentCode(code)) continue;
        const name = display.of(code);
        if (!name) continue;
        // “Myanmar (Burma)” is also “Myanmar” and “Burma”.
        for (const form of new Set([
          name,
          name.replace(/\s*\(.*\)$/, ""),
          name.replace(/^.*\((.*)\)$/, "$1"),
        ]))
          claim(form, code);
      }
  }
  for (const [code, names] of Object.entries(english.countries as Record<string, string | string[]>))
    for (const name of typeof names === "string" ? [names] : names) claim(name, code);
  table = new Map();
  shared = new Map();
  for (const [key, set] of claims)
    if (set.size === 1) table.set(key, [...set][0] as string);
    else shared.set(key, [...set].sort());
  // Deliberate: these win over any claim above (“Republic of the Congo” is never Kinshasa).
  for (const [name, code] of Object.entries(commonForms)) table.set(foldCountryName(name), code);
  return table;
}

/** The codes of the countries a name is shared by (`Congo`: CD and CG), which resolves to neither; else none. */
export function countriesSharing(name: string): readonly string[] {
  countryNameTable();
  const key = foldCountryName(name);
  return table?.has(key) ? [] : (shared?.get(key) ?? []);
}

/** The ISO alpha-2 code of a country name (`United States`, `Ivory Coast`, `Burma`); undefined when unknown. */
export function countryCodeOf(name: string): string | undefined {
  return countryNameTable().get(foldCountryName(name));
}

/** The ISO 3166-1 numeric code (`US` → `840`), as world-atlas ids its countries. */
export function numericCountryCode(alpha2: string): string | undefined {
  const code = alpha2.toUpperCase();
  return (codes as string[][]).find((row) => row[0] === code)?.[2];
}
