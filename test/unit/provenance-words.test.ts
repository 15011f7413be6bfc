// standsAsWord became one indexOf scan with a look at each hit's neighbours (a Unicode pattern
// compiled per form was most of the provenance check's time). It must answer as the pattern did.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { standsAsWord } from "../../src/model/facts/provenance.ts";

/** The pattern Folio used before: a whole word, no hyphen joining it, `.`/`,` not continuing it. */
function byPattern(form: string, text: string, ignoreCase: boolean): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}]|[\\p{L}\\p{N}]-)${escaped}(?![\\p{L}\\p{N}]|[.,-][\\p{L}\\p{N}])`,
    ignoreCase ? "iu" : "u",
  );
  return pattern.test(text);
}

const alphabet = ["a", "b", "A", "1", "2", " ", "-", ".", ",", "é", "É", "’", "𝒜", "ß", "İ"];
const piece = fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 12 }).map((c) => c.join(""));

describe("standsAsWord", () => {
  it("answers as the old whole-word pattern on the report's own cases", () => {
    const text = "with 1,826 fatalities; ISIS-GS and JNIM; a 50-year plan; five soldiers; Mali’s borders.";
    for (const [form, ignoreCase] of [
      ["1,826", false],
      ["1826", false],
      ["ISIS", false],
      ["ISIS-GS", false],
      ["50", false],
      ["five", true],
      ["Mali", false],
      ["JNIM", false],
      ["borders", false],
    ] as const)
      expect(standsAsWord(form, text, ignoreCase), form).toBe(byPattern(form, text, ignoreCase));
  });

  it("answers as the old pattern on random forms and texts (fast-check)", () => {
    fc.assert(
      fc.property(piece, piece, piece, fc.boolean(), (form, left, right, ignoreCase) => {
        fc.pre(form.trim() !== "" && !/[İ]/.test(form + left + right)); // İ lower-cases to two units
        const text = `${left}${form}${right}`;
        expect(standsAsWord(form, text, ignoreCase)).toBe(byPattern(form, text, ignoreCase));
        expect(standsAsWord(form, left + right, ignoreCase)).toBe(byPattern(form, left + right, ignoreCase));
      }),
      { numRuns: 1000, seed: 20261202 },
    );
  });
});
