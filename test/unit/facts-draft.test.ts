import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCasualties } from "../../src/model/facts/draft/casualties.ts";
import { countryCode, resolveCountry, titleCountry } from "../../src/model/facts/draft/country.ts";
import { sentenceDate } from "../../src/model/facts/draft/dates.ts";
import { readFigures } from "../../src/model/facts/draft/figures.ts";
import { listNames, readGroup } from "../../src/model/facts/draft/groups.ts";
import { draftFacts, draftKeys } from "../../src/model/facts/draft/index.ts";
import { sentenceSpans } from "../../src/model/facts/draft/sentences.ts";
import { draftToYaml } from "../../src/model/facts/draft/yaml.ts";
import { lookupPlace as lookupIn } from "../../src/model/facts/places.ts";
import { bodyText, findQuote } from "../../src/model/facts/provenance.ts";
import type { ReportFacts } from "../../src/model/facts/types.ts";
import { incidentSchema } from "../../src/model/schema.ts";
import { loadReport, testAssets } from "../support/render.ts";

const lookupPlace = (name: string, code: string) => lookupIn(name, testAssets().gazetteer(code));
const fixture = (name: string) => `test/fixtures/reports/${name}.md`;

/** What the sheet shows, in the terms a reader checks against the sentences. */
function shown(facts: ReportFacts) {
  return {
    figures: facts.figures.map((f) => [f.value, f.unit, f.label, f.priority]),
    incidents: facts.incidents.map((i) => [i.date, i.dateLabel, i.place, i.killed?.text, i.injured?.text]),
    groups: facts.groups.map((g) => [g.label, g.items.map((i) => i.name)]),
    places: facts.places.map((p) => p.name),
  };
}

const draftedWarnings = (file: ReturnType<typeof loadReport>["file"]) =>
  file.messages.filter((m) => m.ruleId === "facts-drafted");

describe("drafted fact sheets: what each report's sentences state", () => {
  it("Niger (Sahel, bulleted incidents, hedged tolls, a bullet inside an item)", () => {
    const { facts, file } = loadReport(fixture("niger-2021"));
    expect(facts.drafted).toEqual(["facts", "groups", "incidents"]);
    expect(facts.country).toEqual({ name: "Niger", code: "NE" });
    expect(facts.year).toBe(2021);
    expect(shown(facts)).toEqual({
      figures: [["at least 74", undefined, "attacks in Niger during 2021", 1]],
      incidents: [
        ["2021-01-02", "Jan 2", "Tondikiwindi", "101", undefined],
        ["2021-03-16", "Mar 16", "Tillabéri", "an estimated 64", undefined],
        ["2021-03-21", "Mar 21", "Tillia", "an estimated 177", undefined],
        ["2021-05-04", "May 4", "Tillabéri", "at least 15", "four"],
        ["2021-11-02", "Nov 2", "Banibangou", "at least 69", undefined],
      ],
      groups: [
        ["Terrorist groups active", ["ISIS-GS", "BH", "ISIS-WA", "JNIM"]],
        ["Member of", ["Multinational Joint Task Force", "G-5 Sahel"]],
      ],
      // Tillabéri and Tahoua are named only as regions, the villages are not in GeoNames: no marker is guessed.
      places: [],
    });
    expect(facts.incidents.map((i) => [i.killed?.n, i.killed?.noun, i.injured?.n])).toEqual([
      [101, "civilians", undefined],
      [64, "civilians", undefined],
      [177, "civilians", undefined],
      [15, "soldiers", 4],
      [69, "civilians", undefined],
    ]);
    const warnings = draftedWarnings(file);
    expect(warnings.map((w) => w.reason.split(" from ")[0])).toEqual([
      "Drafted 1 key figure",
      "Drafted 2 lists",
      "Drafted 5 incidents",
    ]);
    expect(warnings[2]?.reason).toContain("2021-01-02 Tondikiwindi; 2021-03-16 Tillabéri;");
    // Placed at the body sentence the first drafted item quotes, not in the (empty) front matter.
    expect(warnings.map((w) => w.line)).toEqual([13, 9, 15]);
  });

  it("Bangladesh (South Asia): dated incidents without tolls, “No injuries” is no count, U.S. ends no sentence", () => {
    const { facts } = loadReport(fixture("bangladesh-2021"));
    expect(facts.drafted).toEqual(["incidents", "places"]);
    expect(shown(facts)).toEqual({
      figures: [],
      incidents: [
        ["2021-05-17", "May 17", "Narayanganj", undefined, undefined],
        ["2021-07-11", "Jul 11", "Narayanganj", undefined, undefined],
        ["2021-09-16", "Sep 16", "Dhaka", undefined, undefined],
      ],
      groups: [],
      places: ["Narayanganj", "Dhaka"],
    });
    expect(facts.incidents[2]?.quote).toMatch(
      /associated with the U\.S\. Embassy and was immediately arrested\.$/,
    );
  });

  it("Mozambique (Southern Africa): incidents in running prose, a month-only date, spans are not dates", () => {
    const { facts } = loadReport(fixture("mozambique-2021"));
    expect(shown(facts)).toEqual({
      figures: [],
      incidents: [["2021-03", "Mar", "Palma", undefined, undefined]],
      groups: [],
      places: [],
    });
    expect(facts.incidents[0]?.quote).toMatch(/^In March, ISIS-M attacked the town of Palma,/);
  });

  it("Colombia (Western Hemisphere): a dated designation is no incident, a range no figure, “not a member” no membership", () => {
    const { facts } = loadReport(fixture("colombia-2021"));
    expect(shown(facts)).toEqual({
      figures: [["roughly 13,000", undefined, "FARC ex-combatants", 1]],
      incidents: [],
      groups: [],
      // The town of Colombia (GeoNames) is never the country's name.
      places: [],
    });
  });

  it("the Netherlands (en-GB): day-month-year, incidents of 1953 and 2021, 1,836 as written", () => {
    const { facts } = loadReport(fixture("netherlands-floods"));
    expect(facts.country).toEqual({ name: "Netherlands", code: "NL" });
    expect(shown(facts)).toEqual({
      figures: [
        ["About 26", "percent", "of the Netherlands lies below sea level", 1],
        ["59", "percent", "of its land is susceptible to flooding from the sea or the rivers", 2],
        ["Some 72,000", undefined, "people were evacuated", 3],
        ["13", undefined, "dams and storm surge barriers completed in 1997", 4],
      ],
      incidents: [
        ["1953-02-01", "1 Feb", "Zeeland", "1,836", undefined],
        ["2021-07-14", "14 Jul", "Valkenburg", undefined, undefined],
        // Three towns, none the one place: no place is picked.
        ["2021-07-15", "15 Jul", undefined, undefined, undefined],
      ],
      groups: [],
      // GeoNames has two Valkenburgs as populous as each other (South Holland, Limburg): not marked by guess.
      places: ["Maastricht", "Roermond", "Venlo"],
    });
    expect(facts.incidents[0]?.killed).toEqual({ n: 1836, text: "1,836", noun: "people" });
    const draft = draftFacts({
      tree: loadReport(fixture("netherlands-floods")).tree,
      meta: { title: "x: the Netherlands", lang: "en-GB" } as never,
      lookupPlace,
    });
    expect(draft.leftOut.map((l) => [l.quote.slice(0, 24), l.reason])).toEqual(
      expect.arrayContaining([
        ["The storm of 31 January ", "it gives a range of dates"],
        ["On 14 July 2021, days of", "the gazetteer has 2 places named “Valkenburg” in the country"],
      ]),
    );
  });

  it("a report with nothing to draft drafts nothing and says nothing", () => {
    const { facts, file } = loadReport(fixture("nothing-to-draft"));
    expect(facts.drafted).toEqual([]);
    expect(shown(facts)).toEqual({ figures: [], incidents: [], groups: [], places: [] });
    expect(draftedWarnings(file)).toEqual([]);
  });

  it("every drafted item quotes one body sentence, word for word", () => {
    for (const name of [
      "niger-2021",
      "bangladesh-2021",
      "mozambique-2021",
      "colombia-2021",
      "netherlands-floods",
    ]) {
      const model = loadReport(fixture(name));
      const body = bodyText(model.tree);
      const quotes = [
        ...model.facts.figures.map((f) => f.quote),
        ...model.facts.incidents.map((i) => i.quote),
        ...model.facts.groups.flatMap((g) => g.items.map((i) => i.quote)),
      ];
      for (const quote of quotes) {
        expect(findQuote(body, quote), `${name}: ${quote}`).toBeDefined();
        expect(quote, name).toMatch(/[.!?”]$/);
      }
    }
  });
});

describe("Mali drafted from its body", () => {
  const mali = readFileSync("source/mali-2021.md", "utf8");
  /** Mali's source with its front matter's fact fields (facts, groups, incidents, places) removed. */
  const withoutFacts = mali.replace(/^facts:\n[\s\S]*?^places: .*\n/m, "");

  it("holds its three key figures and four of its five incidents", () => {
    expect(withoutFacts).not.toMatch(/^(?:facts|groups|incidents|places):/m);
    const handWritten = loadReport("source/mali-2021.md").facts;
    const { facts } = loadReport("source/x.md", { text: withoutFacts, baseDir: "source" });
    expect(facts.drafted).toEqual([...draftKeys]);
    const number = (s: string) => Number(s.replace(/^\D+/, "").replace(/,/g, ""));
    expect(facts.figures.map((f) => number(f.value))).toEqual(
      expect.arrayContaining(handWritten.figures.map((f) => number(f.value))),
    );
    const same = handWritten.incidents.filter((h) =>
      facts.incidents.some(
        (d) => d.date === h.date && d.killed?.n === h.killed?.n && d.injured?.n === h.injured?.n,
      ),
    );
    expect(same.map((i) => i.date)).toEqual(["2021-06-25", "2021-08-08", "2021-09-28", "2021-12"]);
    // “A day later, … in Dioura” has no date of its own: left out, not guessed as August 9.
    expect(facts.incidents.map((i) => i.date)).toEqual(["2021-06-25", "2021-08-08", "2021-09-28", "2021-12"]);
    expect(facts.incidents.map((i) => i.place)).toEqual(["Ichagara", "Gao", undefined, "Bandiagara"]);
    expect(shown(facts).groups).toEqual([
      ["Terrorist groups active", ["ISIS-GS", "JNIM"]],
      ["Member of", ["GIABA", "Egmont Group"]],
      ["Suspended from", ["Economic Community of West African States", "AU"]],
    ]);
    expect(shown(facts).places).toEqual(["Gao", "Kidal", "Tessalit", "Timbuktu", "Bamako", "Bandiagara"]);
  });

  it("keeps the editor's fields key by key: with its front matter, nothing is drafted", () => {
    const { facts, file } = loadReport("source/mali-2021.md");
    expect(facts.drafted).toEqual([]);
    expect(draftedWarnings(file)).toEqual([]);
    const onlyPlacesGone = mali.replace(/^places: .*\n/m, "");
    const partly = loadReport("source/x.md", { text: onlyPlacesGone, baseDir: "source" });
    expect(partly.facts.drafted).toEqual(["places"]);
    expect(partly.facts.figures).toEqual(facts.figures);
    expect(partly.facts.incidents.map((i) => i.summary)).toEqual(facts.incidents.map((i) => i.summary));
    // An empty list is the editor's too: no key figures on the sheet, none drafted.
    const niger = readFileSync(fixture("niger-2021"), "utf8").replace(/^---\n/, "---\nfacts: []\n");
    const optedOut = loadReport(fixture("niger-2021"), { text: niger });
    expect(optedOut.facts.drafted).toEqual(["groups", "incidents"]);
    expect(optedOut.facts.figures).toEqual([]);
  });
});

describe("folio facts: the draft as front matter", () => {
  it("reads back, pasted into the front matter, as the same sheet with nothing left drafted", () => {
    for (const name of [
      "niger-2021",
      "bangladesh-2021",
      "mozambique-2021",
      "colombia-2021",
      "netherlands-floods",
    ]) {
      const path = fixture(name);
      const drafted = loadReport(path);
      const draft = draftFacts({ tree: drafted.tree, meta: drafted.meta, lookupPlace });
      const yaml = draftToYaml(draft, {
        source: path,
        written: [],
        frontMatter: { countryCode: false, year: false },
      });
      const text = readFileSync(path, "utf8").replace(/^---\n/, `---\n${yaml}`);
      const pasted = loadReport(path, { text });
      expect(draftedWarnings(pasted.file), name).toEqual([]);
      expect(pasted.facts.drafted, name).toEqual([]);
      expect(shown(pasted.facts), name).toEqual(shown(drafted.facts));
      expect(pasted.facts.incidents.map((i) => [i.summary, i.killed, i.injured, i.priority])).toEqual(
        drafted.facts.incidents.map((i) => [i.summary, i.killed, i.injured, i.priority]),
      );
    }
  });
});

describe("reading sentences", () => {
  it("reads day-month-year and month-day-year, with or without the year", () => {
    const date = (s: string, year?: number) => {
      const d = sentenceDate(s, year);
      return d && ("iso" in d ? d.iso : d.reason);
    };
    expect(date("On 14 July 2021, heavy rain fell.")).toBe("2021-07-14");
    expect(date("On July 14, 2021, heavy rain fell.")).toBe("2021-07-14");
    expect(date("On January 2, terrorists attacked.", 2021)).toBe("2021-01-02");
    expect(date("On 2 January, terrorists attacked.", 2021)).toBe("2021-01-02");
    expect(date("In December, gunmen attacked a bus.", 2021)).toBe("2021-12");
    expect(date("In January 2019, a car bomb exploded.", 2021)).toBe("2019-01");
    expect(date("On June 25, 13 peacekeepers were injured.", 2021)).toBe("2021-06-25");
    expect(date("On January 2, terrorists attacked.")).toMatch(/no year/);
    expect(date("On June 3 and 6, BH terrorists attacked.", 2016)).toMatch(/range/);
    expect(date("From March 5 to March 7, fighting went on.", 2021)).toMatch(/range/);
    expect(date("The city was under siege until April.", 2021)).toBeUndefined();
    expect(date("By September, forces cleared the area.", 2021)).toBeUndefined();
    expect(date("Officials may act.", 2021)).toBeUndefined();
    expect(date("In March, A attacked; on May 5, B attacked.", 2021)).toMatch(/more than one date/);
  });

  it("reads tolls with their hedges, and no toll from a negation", () => {
    const read = (s: string) => readCasualties(s);
    expect(read("killing an estimated 64 civilians and burning grain stores")).toEqual({
      killed: { n: 64, text: "an estimated 64", noun: "civilians" },
    });
    expect(read("at least 31 civilians were killed and 17 were wounded after gunmen attacked")).toEqual({
      killed: { n: 31, text: "at least 31", noun: "civilians" },
      injured: { n: 17, text: "17" },
    });
    expect(read("Five Gendarmerie Special Forces soldiers guarding the convoy were killed.")).toEqual({
      killed: { n: 5, text: "Five", noun: "Gendarmerie Special Forces soldiers" },
    });
    expect(read("13 MINUSMA peacekeepers were seriously injured during the attack")).toEqual({
      injured: { n: 13, text: "13", noun: "MINUSMA peacekeepers" },
    });
    expect(read("killing more than 1,800 people and wounding over 200 others")).toEqual({
      killed: { n: 1800, text: "more than 1,800", noun: "people" },
      injured: { n: 200, text: "over 200" },
    });
    expect(read("No one was killed. No injuries were reported.")).toEqual({});
    expect(read("killing 12 soldiers; gunmen killed 3 civilians")).toEqual({
      reason: "it states more than one number killed",
    });
  });

  it("reads counts with their noun phrase, and leaves years, references, ranges and ratios", () => {
    const figures = (s: string) => readFigures(s, s).map((f) => [f.value, f.unit, f.label]);
    expect(figures("Terrorist organizations carried out at least 74 attacks in Niger during 2021.")).toEqual([
      ["at least 74", undefined, "attacks in Niger during 2021"],
    ]);
    expect(
      figures("Mali’s vast and porous borders extend some 4,500 miles and touch seven countries."),
    ).toEqual([["some 4,500", "miles", "Mali’s vast and porous borders extend"]]);
    expect(figures("The UN collected 1.7 million rounds in 2017.")).toEqual([
      ["1.7 million", undefined, "rounds in 2017"],
    ]);
    expect(figures("The 2015 Agreement and resolution 2396 stand; section 7008 applies.")).toEqual([]);
    expect(figures("They have an estimated 4,500 to 5,000 members; estimates hover around 5,000.")).toEqual(
      [],
    );
    expect(figures("At most 1 in 100,000 per year, and $500 million in rewards, and COVID-19.")).toEqual([]);
  });

  it("reads lists of names, and no membership from a negation", () => {
    expect(
      listNames("ISIS-GS, BH, ISIS-WA, and JNIM — the last of these an amalgamation")?.map((i) => i.name),
    ).toEqual(["ISIS-GS", "BH", "ISIS-WA", "JNIM"]);
    expect(listNames("the Islamic State of Iraq and Syria.")?.map((i) => i.name)).toEqual([
      "Islamic State of Iraq and Syria",
    ]);
    expect(
      listNames(
        "the Intergovernmental Action Group Against Money Laundering in West Africa (GIABA), a regional body.",
      ),
    ).toEqual([{ name: "GIABA", value: "GIABA" }]);
    expect(
      readGroup(
        "While Colombia is not a member of the Global Coalition to Defeat ISIS, Colombia has condemned ISIS.",
        "Colombia",
      ),
    ).toBeUndefined();
    expect(readGroup("Terrorist groups active in Niger included many small cells.", "Niger")).toEqual({
      reason: "its list does not read as names",
    });
  });

  it("ends no sentence at an abbreviation, and starts one at an inline bullet", () => {
    const text = "It was near the U.S. Embassy. Gen. Smith left. It ended. • On March 21, they attacked.";
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "It was near the U.S. Embassy.",
      "Gen. Smith left.",
      "It ended.",
      "On March 21, they attacked.",
    ]);
  });

  it("finds the country's ISO code from its name or the title", () => {
    expect(titleCountry("Country Reports on Terrorism 2021: Niger")).toBe("Niger");
    expect(titleCountry("Flood Preparedness Brief 2021: the Netherlands")).toBe("Netherlands");
    expect(countryCode("Côte d’Ivoire")).toBe("CI");
    expect(countryCode("Democratic Republic of the Congo")).toBe("CD");
    expect(countryCode("Burma")).toBe("MM");
    expect(countryCode("Nigeria")).toBe("NG");
    expect(resolveCountry({ title: "Mali", country: "Mali" })).toEqual({
      name: "Mali",
      code: "ML",
      from: "country",
    });
    expect(resolveCountry({ title: "Annual report 2021" })).toBeUndefined();
  });

  it("accepts the counts a draft writes in the front matter", () => {
    const incident = (killed: unknown) =>
      incidentSchema.safeParse({ date: "2021-01-02", summary: "x", quote: "x", killed }).data?.killed;
    expect(incident("an estimated 64 civilians")).toEqual({
      n: 64,
      text: "an estimated 64",
      noun: "civilians",
    });
    expect(incident("Five Gendarmerie Special Forces soldiers")).toEqual({
      n: 5,
      text: "Five",
      noun: "Gendarmerie Special Forces soldiers",
    });
    expect(incident("more than 50")).toEqual({ n: 50, text: "more than 50" });
    expect(incident(13)).toEqual({ n: 13, text: "13" });
    expect(incident("13 and 14")).toBeUndefined();
  });

  it("drafts nothing from a report in another language", () => {
    const { tree, meta } = loadReport(fixture("niger-2021"));
    const draft = draftFacts({ tree, meta: { ...meta, lang: "fr" }, lookupPlace });
    expect(draft.note).toMatch(/English only/);
    expect(draft.incidents).toBeUndefined();
  });
});
