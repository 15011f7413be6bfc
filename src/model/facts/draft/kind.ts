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
