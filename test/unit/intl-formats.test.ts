import { describe, expect, it } from "vitest";
import { collator, conjunctionList, dateFormat, regionNames } from "../../src/model/intl-formats.ts";

describe("Intl formatters made once", () => {
  it("gives the same formatter for the same language and options, another for others", () => {
    const month = { month: "long", timeZone: "UTC" } as const;
    expect(dateFormat("fr", month)).toBe(dateFormat("fr", { ...month }));
    expect(dateFormat("fr", month)).not.toBe(dateFormat("en", month));
    expect(dateFormat("fr", month)).not.toBe(dateFormat("fr", { ...month, year: "numeric" }));
    expect(conjunctionList("fr")).toBe(conjunctionList("fr"));
    expect(collator("en", { numeric: true })).not.toBe(collator("en", { numeric: false }));
    expect(regionNames("en")).toBe(regionNames("en"));
  });

  it("formats as a formatter made for the call does", () => {
    const may = new Date(Date.UTC(2021, 4, 1));
    const options = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;
    expect(dateFormat("fr", options).format(may)).toBe(new Intl.DateTimeFormat("fr", options).format(may));
    expect(dateFormat("fr", options).format(may)).toBe("1 mai 2021");
    expect(conjunctionList("fr").format(["A", "B", "C"])).toBe("A, B et C");
    expect(["item 10", "item 9"].sort(collator("en", { numeric: true }).compare)).toEqual([
      "item 9",
      "item 10",
    ]);
    expect(regionNames("en").of("ML")).toBe("Mali");
  });

  it("throws for a tag ICU refuses, as the constructor does, and keeps nothing", () => {
    expect(() => dateFormat("not a tag", { month: "long" })).toThrow(RangeError);
    expect(() => dateFormat("not a tag", { month: "long" })).toThrow(RangeError);
    expect(conjunctionList("en").format(["A", "B"])).toBe("A and B");
  });
});
