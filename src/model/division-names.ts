import { plainName } from "../assets/plain-name.ts";

// How a first-level division's name is compared: reports write “Borno State” or “Borno”,
// “Québec” or “Quebec”, “the Province of Ontario”, “Région Occitanie”.

/** A name folded for comparison: accents, case, punctuation and a leading “the” dropped. */
export function foldDivisionName(name: string): string {
  return plainName(name)
    .replace(/[.’']/g, "")
    .replace(/[-–,]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/** The kind words around a division's name: “State of”, “Province”, “Région”, “Oblast”. */
const kindBefore =
  /^(?:(?:state|province|region|department|departement|governorate|prefecture|territory|county)(?: (?:of|de|du|de la|d))? )/;
const kindAfter =
  /(?: (?:state|province|region|department|governorate|prefecture|oblast|district|county|territory))$/;

/** A folded name without the kind word (“borno state” → “borno”); the name itself when nothing is left. */
export function bareDivisionName(folded: string): string {
  const bare = folded.replace(kindBefore, "").replace(kindAfter, "").trim();
  return bare === "" ? folded : bare;
}

/** Whether a name as written denotes a division known by `names` (its own and its other names). */
export function namesDivision(written: string, names: readonly string[]): boolean {
  const folded = foldDivisionName(written);
  const bare = bareDivisionName(folded);
  return names.some((n) => {
    const f = foldDivisionName(n);
    return f === folded || bareDivisionName(f) === bare;
  });
}

/** The index of the division a name denotes among a country's divisions (each a list of names), or -1. */
export function findDivisionIndex(written: string, divisions: readonly (readonly string[])[]): number {
  // An exact name first (“Niger” the state, not a fold of another), then a name without its kind word.
  const folded = foldDivisionName(written);
  const exact = divisions.findIndex((names) => names.some((n) => foldDivisionName(n) === folded));
  return exact >= 0 ? exact : divisions.findIndex((names) => namesDivision(written, names));
}
