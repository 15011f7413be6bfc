import { isCountryName } from "./country.ts";
import { monthNames } from "./dates.ts";

/**
 * How specific a place name is where the sentence names it: `the village of Ichagara` (locality),
 * `in Bandiagara` (a place the gazetteer knows), `the Tillia district`, `the Gao region`.
 */
export type PlaceLevel = "locality" | "place" | "district" | "region";

export interface PlaceMention {
  name: string;
  level: PlaceLevel;
  start: number;
  end: number;
  /** Found in the gazetteer for the report's country. */
  located: boolean;
  /** Only a reference point: `about 100 miles from Bamako`, `the border with Niger`. */
  reference: boolean;
}

const regionWords = /^(?:regions?|provinces?|governorates?|states?|prefectures?|divisions?)$/i;
const districtWords =
  /^(?:districts?|departments?|communes?|count(?:y|ies)|municipalit(?:y|ies)|sub-districts?)$/i;
const localityOf =
  /\b(?:the\s+)?(?:villages?|towns?|city|cities|hamlets?|settlements?|localities|locality|port)\s+of\s+$/i;
const regionOf =
  /\b(?:the\s+)?(?:region|province|governorate|state|prefecture|division)\s+of\s+(?:the\s+)?$/i;
const districtOf = /\b(?:the\s+)?(?:district|department|commune|county|municipality)\s+of\s+(?:the\s+)?$/i;
const referenceBefore =
  /(?:\b(?:miles|kilometers|kilometres|km)\s+(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+)?(?:from|of)|\bborders?\s+with|\bbordering)\s+(?:the\s+)?$/i;
/** Words that open a sentence or a run without being part of a name. */
const leadWords = new Set(
  "The A An In On At To Of From By For With This That These Those It Its Their There Despite While Since Following After Before During However Additionally Although As Under Over Through Between Both Each Every Some Several Many Most Near Outside Inside Across Along Around".split(
    " ",
  ),
);
const notPlaces = new Set<string>([
  ...monthNames,
  ..."Monday Tuesday Wednesday Thursday Friday Saturday Sunday North South East West Northeast Northwest Southeast Southwest".split(
    " ",
  ),
]);

/** Words of organisations' names, never of a place's (`Islamic State West Africa Province`). */
const organisation =
  /\b(?:Islamic|Army|Front|Group|Forces?|Movement|Party|Council|Committee|Unit|Police|Government|Ministry|Agency|Service|Coalition|Union|Community|Organi[sz]ation|Alliance|Brigade|Battalion|Liberation|Brotherhood|Jihad|Mujahideen|Caliphate|Wilayat|Emirate|Network|Court|Embassy)\b/u;

/** Words after a sentence's first word that make it the name of a place (`Kano remains …`, `Lagos residents`). */
const placeVerbs =
  /^(?:is|was|are|were|has|had|have|saw|sees|remains|remained|lies|lay|became|hosts|hosted|borders|city|town|village|residents|officials|police|authorities|state|region|district|province)$/;

/** What joins the names of one list: `A, B, and C`. */
const listJoin = /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/;

/** A run of capitalised words, joined by the particles place names carry (`Valkenburg aan de Geul`). */
const runPattern =
  /(?<![\p{L}\p{N}’'-])\p{Lu}[\p{L}\p{M}’'-]*(?:\s+(?:(?:de|del|la|le|du|des|da|do|dos|aan|den|op|van|von|al|el|en|sur)\s+)?\p{Lu}[\p{L}\p{M}’'-]*)*(?![\p{L}\p{M}\p{N}’'-])/gu;

/**
 * The places one sentence names, with how specific each is. A capitalised name counts only as a
 * whole (`Segunda Marquetalia` is no mention of the town Marquetalia), never when it is a country's
 * name, and a bare name only when the gazetteer knows it; the text's own words (`village of`,
 * `region`) qualify a name the gazetteer does not know.
 */
export function placeMentions(sentence: string, located: (name: string) => boolean): PlaceMention[] {
  const mentions: PlaceMention[] = [];
  let lastLocalityEnd = -1;
  for (const m of sentence.matchAll(runPattern)) {
    // `Niger’s` is Niger; `The Hague` keeps its article only if the gazetteer knows it so.
    let run = m[0].replace(/[’']s$/, "");
    let start = m.index;
    let words = run.split(/\s+/);
    if (leadWords.has(words[0] as string) && !(words.length > 1 && located(run))) {
      const rest = run.replace(/^\S+\s*/, "");
      start += run.length - rest.length;
      run = rest;
      words = words.slice(1);
    }
    if (!run) continue;
    let level: PlaceLevel | undefined;
    const last = words.at(-1) as string;
    if (words.length > 1 && regionWords.test(last)) {
      level = "region";
      run = words.slice(0, -1).join(" ");
    } else if (words.length > 1 && districtWords.test(last)) {
      level = "district";
      run = words.slice(0, -1).join(" ");
    }
    const end = start + run.length;
    const before = sentence.slice(Math.max(0, start - 48), start);
    const next = /^\s+([\p{L}-]+)/u.exec(sentence.slice(m.index + m[0].length))?.[1] ?? "";
    if (!level && regionWords.test(next)) level = "region";
    else if (!level && districtWords.test(next)) level = "district";
    else if (!level && localityOf.test(before)) level = "locality";
    else if (!level && regionOf.test(before)) level = "region";
    else if (!level && districtOf.test(before)) level = "district";
    else if (!level && lastLocalityEnd >= 0 && listJoin.test(sentence.slice(lastLocalityEnd, start)))
      level = "locality";
    if (notPlaces.has(run) || isCountryName(run)) continue;
    // A capitalised word opening a sentence before a lowercase one is a common noun (`Lead service
    // lines`), whatever town shares its name: the sentence must agree with the gazetteer.
    if (!level && start === 0 && words.length === 1 && /^\p{Ll}/u.test(next) && !placeVerbs.test(next))
      continue;
    const isLocated = located(run);
    if (!level) {
      if (!isLocated) continue;
      level = "place";
    }
    // A name the gazetteer does not know stands on the text's word alone: never an organisation's.
    if (!isLocated && (organisation.test(run) || /^[\p{Lu}\d-]+$/u.test(run))) continue;
    mentions.push({
      name: run,
      level,
      start,
      end,
      located: isLocated,
      reference: referenceBefore.test(before),
    });
    if (level === "locality") lastLocalityEnd = end;
  }
  return mentions;
}

const levels: PlaceLevel[] = ["locality", "place", "district", "region"];

/**
 * Where an incident happened: the most specific place its sentence names when it names exactly
 * one at that level (`the villages of A, B, and C in the X region` → X); reference points
 * (`100 miles from Bamako`) never. Undefined when no level names exactly one.
 */
export function incidentPlace(mentions: readonly PlaceMention[]): string | undefined {
  const own = mentions.filter((m) => !m.reference);
  for (const level of levels) {
    const names = new Set(own.filter((m) => m.level === level).map((m) => m.name));
    if (names.size === 1) return [...names][0];
  }
  return undefined;
}
