import type { FactSheetRequest } from "../../schema.ts";
import type { SheetKind } from "../types.ts";

/**
 * Which sheet a report gets: what `factsheet:` asks for, else `country` for a country chapter (a
 * country named in the front matter or the title, and groups or incidents in the body) and
 * `brief` for any other report. `none` asks for no sheet, which the build honours before any
 * fact is drafted; the facts of such a report (`folio facts`) still say which sheet it would get.
 */
export function chooseSheetKind(
  requested: FactSheetRequest | undefined,
  namesCountry: boolean,
  material: { groups: number; incidents: number },
): SheetKind {
  if (requested === "country" || requested === "brief") return requested;
  return namesCountry && material.groups + material.incidents > 0 ? "country" : "brief";
}

/** Why `chooseSheetKind` chose what it did, in words for `folio facts`. */
export function sheetKindReason(
  requested: FactSheetRequest | undefined,
  namesCountry: boolean,
  material: { groups: number; incidents: number },
): string {
  if (requested === "country" || requested === "brief")
    return `\`factsheet: ${requested}\` in the front matter`;
  const asked =
    requested === "none" ? "`factsheet: none` asks for no sheet; by the content it would be: " : "";
  if (!namesCountry) return `${asked}no country named in the front matter or the title`;
  if (material.groups + material.incidents === 0)
    return `${asked}a country is named, but no group or incident is stated`;
  return `${asked}a country is named, with ${material.groups} lists and ${material.incidents} incidents`;
}
