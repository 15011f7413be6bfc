// One folding for every comparison of names across the gazetteer, countries, U.S. states and
// first-level divisions: each comparison adds its own steps (kind words, punctuation) after it.

/** A name with its accents dropped and in lower case (“Québec” → “quebec”). */
export function plainName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
