import { usAtlasFile } from "./atlas-files.ts";

let names: string[] | undefined;

/** The names of the U.S. states, the District and the territories as us-atlas spells them, longest first. */
export function usStateNames(): readonly string[] {
  names ??= (
    usAtlasFile() as { objects: { states: { geometries: Array<{ properties: { name: string } }> } } }
  ).objects.states.geometries
    .map((g) => g.properties.name)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  return names;
}
