import { readFileSync } from "node:fs";
import { VFileMessage } from "vfile-message";
import { describe, expect, it } from "vitest";
import { standsIn, unsourcedFigures } from "../../src/model/facts/provenance.ts";
import { loadReport } from "../support/render.ts";

const mali = readFileSync("source/mali-2021.md", "utf8");

/** Loads Mali with one front matter edit; returns the fatal message (or undefined when it loads). */
function failureOf(edit: (text: string) => string): VFileMessage | undefined {
  const text = edit(mali);
  expect(text).not.toBe(mali);
  try {
    loadReport("source/x.md", { text, baseDir: "source" });
    return undefined;
  } catch (error) {
    if (error instanceof VFileMessage) return error;
    throw error;
  }
}

const lineOf = (needle: string) => mali.split("\n").findIndex((line) => line.includes(needle)) + 1;

describe("fact provenance", () => {
  it("loads Mali: every figure, group, incident and place stands in the body", () => {
    const { facts, file } = loadReport("source/mali-2021.md");
    expect(facts.figures.map((f) => f.value)).toEqual(["1,826", "30", "4,500"]);
    expect(facts.groups.flatMap((g) => g.items.map((i) => i.name))).toEqual([
      "JNIM",
      "ISIS-GS",
      "GIABA",
      "Egmont Group",
      "ECOWAS",
      "AU",
    ]);
    expect(facts.incidents.map((i) => i.date)).toEqual([
      "2021-06-25",
      "2021-08-08",
      "2021-08-09",
      "2021-09-28",
      "2021-12",
    ]);
    expect(file.messages.filter((m) => m.fatal)).toEqual([]);
  });

  it("fails at the fact's `quote:` line when its quote is not in the body word for word", () => {
    const message = failureOf((t) =>
      t.replace("quote: Despite the delay of the criminal", "quote: Despite the delay of the penal"),
    );
    expect(message?.reason).toMatch(/not found word for word/);
    expect(message?.line).toBe(lineOf("quote: Despite the delay of the criminal"));
    expect(message?.file).toBe("source/x.md");
  });

  it("matches a quote typed with straight quotes against the body's curly ones", () => {
    const message = failureOf((t) =>
      t.replace("quote: Mali’s vast and porous", "quote: Mali's vast and porous"),
    );
    expect(message).toBeUndefined();
  });

  it("still fails a straight-quoted quote whose words differ, at its line", () => {
    const message = failureOf((t) =>
      t.replace("quote: Mali’s vast and porous", "quote: Mali's vast and open"),
    );
    expect(message?.reason).toMatch(/agrees up to “Mali's vast and”/);
    expect(message?.line).toBe(lineOf("quote: Mali’s vast and porous"));
  });

  it("folds whitespace: a quote broken over lines still matches", () => {
    const message = failureOf((t) =>
      t.replace(
        "quote: Despite the delay of the criminal and",
        "quote: >-\n      Despite the delay   of the\n      criminal and",
      ),
    );
    expect(message).toBeUndefined();
  });

  it("fails at the `value:` line when the value does not stand in its quote", () => {
    const message = failureOf((t) => t.replace('value: "1,826"', 'value: "1,862"'));
    expect(message?.reason).toMatch(/value “1,862” does not stand/);
    expect(message?.line).toBe(lineOf('value: "1,826"'));
  });

  it("checks figures written in a label", () => {
    const message = failureOf((t) => t.replace("touching seven neighboring", "touching eight neighboring"));
    expect(message?.reason).toMatch(/“eight”/);
  });

  it("lets a label abbreviate but checks the name it stands for", () => {
    const message = failureOf((t) =>
      t.replace("value: Economic Community of West African States", "value: ECOWAS"),
    );
    expect(message?.reason).toMatch(/name “ECOWAS” does not stand/);
  });

  it("checks each incident's counts and month against its quote", () => {
    expect(failureOf((t) => t.replace("killed: at least 31", "killed: at least 32"))?.reason).toMatch(
      /number killed/,
    );
    expect(failureOf((t) => t.replace("date: 2021-09-28", "date: 2021-10-28"))?.reason).toMatch(
      /month \(October\) does not stand/,
    );
  });

  it("fails on a place the body never names", () => {
    expect(failureOf((t) => t.replace("places: [Bamako,", "places: [Mopti, Bamako,"))?.reason).toMatch(
      /“Mopti” is not named/,
    );
  });

  it("warns, naming it, about a place the gazetteer does not know", () => {
    const { file, facts } = loadReport("source/mali-2021.md");
    expect(facts.unlocated).toEqual(["Dioura", "Ichagara"]);
    expect(file.messages.map((m) => m.reason)).toContainEqual(
      expect.stringMatching(
        /^Place “Dioura” not found in the gazetteer \(GeoNames, ML\): not marked on the map/,
      ),
    );
    const bamako = facts.places.find((p) => p.name === "Bamako");
    expect(bamako?.capital).toBe(true);
    expect(bamako?.lat).toBeCloseTo(12.65, 1);
  });

  it("anchors each quote in the body so the sheet can link to its sentence", () => {
    const { facts, tree } = loadReport("source/mali-2021.md");
    const ids = new Set<string>();
    const walk = (node: { data?: { hProperties?: { id?: unknown } }; children?: unknown[] }) => {
      if (typeof node.data?.hProperties?.id === "string") ids.add(node.data.hProperties.id);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(tree as never);
    for (const incident of facts.incidents) expect(ids).toContain(incident.anchor);
    for (const figure of facts.figures) expect(ids).toContain(figure.anchor);
  });
});

describe("standsIn", () => {
  it("matches whole words and numbers only", () => {
    expect(standsIn("ISIS", "active in Mali include ISIS-GS and JNIM")).toBe(false);
    expect(standsIn("ISIS-GS", "active in Mali include ISIS-GS and JNIM")).toBe(true);
    expect(standsIn("1,826", "with 1,826 fatalities")).toBe(true);
    expect(standsIn("1826", "with 1,826 fatalities")).toBe(true);
    expect(standsIn("18", "with 1,826 fatalities")).toBe(false);
    expect(standsIn("5", "Five Gendarmerie Special Forces soldiers")).toBe(true);
    expect(standsIn("3", "30 terrorism cases")).toBe(false);
  });

  it("finds unsourced figures in prose", () => {
    expect(unsourcedFigures("about 100 miles, five soldiers", "about 100 miles. Five soldiers")).toEqual([]);
    expect(unsourcedFigures("some 4,600 miles", "some 4,500 miles")).toEqual(["4,600"]);
  });
});
