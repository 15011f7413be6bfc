// src/model/suggest.ts: "did you mean" skips the known words whose length alone puts them too far,
// and must answer as a search of every word does (the nearest, the first of equals, none when too far).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../src/model/suggest.ts";

/** Every word weighed: the search before the length check. */
function searchEvery(word: string, known: readonly string[], maxEdits: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= maxEdits ? best : undefined;
}

describe("didYouMean", () => {
  it("answers as a search of every known word does", () => {
    // Few letters (so near words are common), a capital and a letter whose lower case is longer.
    const word = fc.stringMatching(/^[abcAİ]{0,7}$/);
    fc.assert(
      fc.property(
        word,
        fc.array(word, { maxLength: 30 }),
        fc.integer({ min: 0, max: 3 }),
        (typed, known, max) => {
          expect(didYouMean(typed, known, max)).toBe(searchEvery(typed, known, max));
        },
      ),
      { numRuns: 3000, seed: 5 },
    );
  });

  it("finds a place one edit away among names of every length", () => {
    expect(didYouMean("Dioilla", ["Bamako", "Dioila", "Dioura", "Ségou", "Tombouctou"], 1)).toBe("Dioila");
    expect(didYouMean("Gaoo", ["Bamako", "Gao", "Kayes"], 1)).toBe("Gao");
    expect(didYouMean("Gaooo", ["Bamako", "Gao", "Kayes"], 1)).toBeUndefined();
  });
});
