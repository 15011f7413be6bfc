import { describe, expect, it } from "vitest";
import { listPhrase } from "../../src/model/credits.ts";

describe("a byline's list of names", () => {
  it("joins names in the report's language, one name alone as it is", () => {
    expect(listPhrase([], "en")).toBe("");
    expect(listPhrase(["Ada Lovelace"], "fr")).toBe("Ada Lovelace");
    expect(listPhrase(["A", "B"], "en-US")).toBe("A and B");
    expect(listPhrase(["A", "B", "C"], "en")).toBe("A, B, and C");
    expect(listPhrase(["A", "B", "C"], "fr")).toBe("A, B et C");
    expect(listPhrase(["A", "B"], "de")).toBe("A und B");
  });

  it("falls back to English for a language ICU refuses", () => {
    expect(listPhrase(["A", "B"], "not a tag")).toBe("A and B");
  });
});
