import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCasualties } from "../../src/model/facts/draft/casualties.ts";
import { readFigures } from "../../src/model/facts/draft/figures.ts";
import { draftFacts } from "../../src/model/facts/draft/index.ts";
import {
  casualtiesOf,
  figuresOf,
  forgetSentenceReadings,
} from "../../src/model/facts/draft/sentence-readings.ts";
import { lookupPlace as lookupIn } from "../../src/model/facts/places.ts";
import { loadReport, testAssets } from "../support/render.ts";

// A sentence's figures and tolls are kept by its text across drafts (sentence-readings.ts): each
// kept reading must be the one read afresh, for the same arguments only, and no reader may change it.

describe("sentence readings kept across drafts", () => {
  it("gives what reading afresh gives, by text, masked text and language", () => {
    const text =
      "On June 25, 13 soldiers were killed and an estimated 2,400 people fled; the budget was $40 million.";
    // A masked span is not read (dates are masked): here a figure, so that the two readings differ.
    const masked = text.replace("2,400", "#####");
    expect(figuresOf(text, masked, "en")).toStrictEqual(readFigures(text, masked, "en"));
    expect(figuresOf(text, text, "en")).toStrictEqual(readFigures(text, text, "en"));
    expect(figuresOf(text, text, "en")).not.toStrictEqual(figuresOf(text, masked, "en"));
    const french = "Le budget atteint 40 millions d’euros et 1 200 personnes ont fui.";
    expect(figuresOf(french, french, "fr")).toStrictEqual(readFigures(french, french, "fr"));
    expect(figuresOf(french, french, "fr")).not.toStrictEqual(figuresOf(french, french, "en"));
    expect(casualtiesOf(masked)).toStrictEqual(readCasualties(masked));
    expect(casualtiesOf("Five soldiers were killed and 7 were injured.")).toStrictEqual(
      readCasualties("Five soldiers were killed and 7 were injured."),
    );
  });

  it("keeps each reading once, frozen", () => {
    const text = "In 2021, 31 people were killed in 12 attacks.";
    expect(figuresOf(text, text, "en")).toBe(figuresOf(text, text, "en"));
    expect(casualtiesOf(text)).toBe(casualtiesOf(text));
    const figure = figuresOf(text, text, "en")[0] as { value: string };
    expect(() => {
      figure.value = "changed";
    }).toThrow(TypeError);
    const killed = (casualtiesOf(text) as { killed: { n: number } }).killed;
    expect(() => {
      killed.n = 0;
    }).toThrow(TypeError);
  });

  it("drafts a report's facts the same from kept readings as from fresh ones", () => {
    const path = "source/mali-2021.md";
    const model = loadReport(path, { text: readFileSync(path, "utf8") });
    const lookupPlace = (name: string, code: string) => lookupIn(name, testAssets().gazetteer(code));
    forgetSentenceReadings();
    const first = draftFacts({ tree: model.tree, meta: model.meta, lookupPlace });
    const again = draftFacts({ tree: model.tree, meta: model.meta, lookupPlace });
    expect(again).toStrictEqual(first);
    expect(first.facts?.length ?? 0).toBeGreaterThan(0);
    expect(first.incidents?.length ?? 0).toBeGreaterThan(0);
  });
});
