import states from "us-atlas/states-10m.json" with { type: "json" };

let names: string[] | undefined;

/** The names of the U.S. states, the District and the territories as us-atlas spells them, longest first. */
export function usStateNames(): readonly string[] {
  names ??= (
    states as unknown as { objects: { states: { geometries: Array<{ properties: { name: string } }> } } }
  ).objects.states.geometries
    .map((g) => g.properties.name)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  return names;
}
