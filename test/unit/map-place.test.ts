// Which place a report's map frames below its country: the front matter's `region`, else a state
// the title, subtitle or publisher names, for reports about the United States or no named country.
import { describe, expect, it } from "vitest";
import { mapRegion } from "../../src/model/map-place.ts";

describe("the division a report's map frames", () => {
  it("takes `region` from the front matter first", () => {
    expect(mapRegion({ title: "Annual report", region: "Arizona" }, "US")).toEqual({
      name: "Arizona",
      country: "US",
      from: "region",
    });
    expect(mapRegion({ title: "Annual report", region: "Arizona" }, undefined)).toMatchObject({
      country: "US",
    });
    expect(mapRegion({ title: "Insurgency", region: "Borno State" }, "NG")).toEqual({
      name: "Borno State",
      country: "NG",
      from: "region",
    });
  });

  it("reads a state from a title “…in Arizona” or “…: Arizona”, longest name first", () => {
    expect(mapRegion({ title: "Drinking Water Systems in Arizona" }, undefined)).toMatchObject({
      name: "Arizona",
      from: "title",
    });
    expect(mapRegion({ title: "Lead Service Lines in West Virginia" }, "US")?.name).toBe("West Virginia");
    expect(mapRegion({ title: "State Water Plan 2024: New Mexico" }, undefined)?.name).toBe("New Mexico");
    expect(mapRegion({ title: "Texas’s Aquifers Under Strain" }, "US")?.name).toBe("Texas");
  });

  it("reads a state from the subtitle or the publisher of a U.S. report", () => {
    expect(
      mapRegion({ title: "Water Brief", subtitle: "Boil-water advisories in Ohio" }, "US"),
    ).toMatchObject({
      name: "Ohio",
      from: "subtitle",
    });
    expect(
      mapRegion(
        { title: "Annual Water Quality Report", publisher: "Arizona Department of Water Resources" },
        "US",
      ),
    ).toMatchObject({ name: "Arizona", from: "publisher" });
  });

  it("never reads a state in another country's report, and “Georgia” alone is the country", () => {
    expect(mapRegion({ title: "Floods in Arizona" }, "NE")).toBeUndefined();
    expect(mapRegion({ title: "Elections in Georgia" }, undefined)).toBeUndefined();
    expect(mapRegion({ title: "Elections in Georgia" }, "US")?.name).toBe("Georgia");
    expect(mapRegion({ title: "Country Reports on Terrorism 2021: Mali" }, "ML")).toBeUndefined();
    expect(mapRegion({ title: "Lead in drinking water" }, undefined)).toBeUndefined();
    expect(mapRegion({ title: "Virginia Woolf in context" }, undefined)).toBeUndefined();
  });
});
