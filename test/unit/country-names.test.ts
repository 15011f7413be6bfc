// Country names as reports write them resolve to one ISO code each; names two countries share stay
// unresolved; the report's country and the map's country agree.
import { describe, expect, it } from "vitest";
import { countryCodeOf, numericCountryCode } from "../../src/assets/country-names.ts";
import { resolveCountry } from "../../src/model/facts/draft/country.ts";

describe("country names by their common forms", () => {
  it.each([
    ["United States", "US"],
    ["United States of America", "US"],
    ["the United States", "US"],
    ["USA", "US"],
    ["U.S.", "US"],
    ["U.S.A.", "US"],
    ["Côte d'Ivoire", "CI"],
    ["Côte d’Ivoire", "CI"],
    ["Cote d'Ivoire", "CI"],
    ["Ivory Coast", "CI"],
    ["Türkiye", "TR"],
    ["Turkey", "TR"],
    ["Czechia", "CZ"],
    ["Czech Republic", "CZ"],
    ["Myanmar", "MM"],
    ["Burma", "MM"],
    ["Eswatini", "SZ"],
    ["Swaziland", "SZ"],
    ["DR Congo", "CD"],
    ["Democratic Republic of the Congo", "CD"],
    ["Republic of the Congo", "CG"],
    ["Congo-Brazzaville", "CG"],
    ["Germany", "DE"],
    ["Serbia", "RS"],
    ["Russia", "RU"],
    ["United Kingdom", "GB"],
    ["North Macedonia", "MK"],
    ["Niger", "NE"],
    ["Nigeria", "NG"],
  ])("%s → %s", (name, code) => {
    expect(countryCodeOf(name)).toBe(code);
  });

  it("leaves a name two countries go by unresolved, and unknown names unknown", () => {
    expect(countryCodeOf("Congo")).toBeUndefined();
    expect(countryCodeOf("Lead")).toBeUndefined();
    expect(countryCodeOf("Arizona")).toBeUndefined();
  });

  it("gives world-atlas's numeric id of a code", () => {
    expect(numericCountryCode("US")).toBe("840");
    expect(numericCountryCode("ML")).toBe("466");
    expect(numericCountryCode("CI")).toBe("384");
  });

  it("resolves the report's country from `country` and from the title", () => {
    expect(resolveCountry({ title: "Water", country: "United States" })).toEqual({
      name: "United States",
      code: "US",
      from: "country",
    });
    expect(resolveCountry({ title: "Country Reports on Terrorism 2021: Burma" })).toMatchObject({
      code: "MM",
    });
    expect(resolveCountry({ title: "Annual review: Côte d’Ivoire" })).toMatchObject({
      code: "CI",
      from: "title",
    });
  });
});
