// Key figures, findings, groups and the sheet's kind, read from single sentences (the drafting's units).
import { describe, expect, it } from "vitest";
import { readFigures } from "../../src/model/facts/draft/figures.ts";
import { readGroup } from "../../src/model/facts/draft/groups.ts";
import { chooseSheetKind } from "../../src/model/facts/draft/kind.ts";
import { placeMentions } from "../../src/model/facts/draft/places.ts";
import { byScore, explainScore, scoreFigure } from "../../src/model/facts/draft/rank.ts";
import { metaSchema } from "../../src/model/schema.ts";

const read = (text: string) => readFigures(text, text).map((f) => [f.value, f.unit, f.label, f.kind]);

describe("key figures: a quantity with what it counts", () => {
  it("reads people, money, shares and counts with their labels", () => {
    expect(read("Arizona has 1,540 community water systems.")).toEqual([
      ["1,540", undefined, "community water systems", "count"],
    ]);
    expect(read("The basin is home to 7.2 million residents.")).toEqual([
      ["7.2 million", undefined, "residents", "people"],
    ]);
    expect(read("The state had $212 million awarded to small systems.")).toEqual([
      ["$212 million", undefined, "awarded to small systems", "money"],
    ]);
    expect(read("Boil-water advisories rose 98 percent.")).toEqual([
      ["98", "percent", "Boil-water advisories rose", "share"],
    ]);
    expect(read("38% of the customers we surveyed cut back on food.")).toEqual([
      ["38%", undefined, "of the customers we surveyed cut back on food", "share"],
    ]);
  });

  it("labels a share or a sum by what it is of, its bracketed noun or its clause's subject", () => {
    expect(
      read("The hires rate (3.2 percent) and the separations rate (3.1 percent) were little changed."),
    ).toEqual([
      ["3.2", "percent", "hires rate", "share"],
      ["3.1", "percent", "separations rate", "share"],
    ]);
    expect(read("The job openings rate was unchanged over the month at 2.4 percent.")).toEqual([
      ["2.4", "percent", "job openings rate", "share"],
    ]);
    expect(read("Foreign holdings of federal debt totaled $9.2 trillion.")).toEqual([
      ["$9.2 trillion", undefined, "Foreign holdings of federal debt", "money"],
    ]);
    // A change keeps its verb: the figure is how much the thing rose, not the thing.
    expect(read("Boil-water advisories rose 98 percent.")[0]?.[2]).toBe("Boil-water advisories rose");
    expect(read("Justice had no information for 278, or 67 percent, of the 417 cases it reviewed.")).toEqual([
      ["67", "percent", "of the 417 cases it reviewed", "share"],
    ]);
    // A share of a change (`risen by 863,000 (37 percent)`) and a count of `instances` label nothing.
    expect(read("Openings have risen by 863,000 (37 percent) since July.")).toEqual([]);
    expect(
      read("District attorneys reported a charge in only 17 instances, and a conviction in four."),
    ).toEqual([]);
  });

  it("labels a figure by what it counts, not by who told it or by another sum", () => {
    expect(read("A survey of 57,075 developers found that agile is the norm.")).toEqual([
      ["57,075", undefined, "developers", "people"],
    ]);
    expect(
      read("The office reviewed 14 programmes this year and found that most met their targets."),
    ).toEqual([["14", undefined, "programmes this year", "count"]]);
    expect(read("Managers told us that a shutoff costs them about $85.")).toEqual([
      ["about $85", undefined, "a shutoff costs them", "money"],
    ]);
    // The second sum's label holds the first: a comparison's half, no key figure.
    expect(read("A parent who earns $10,000 a year can therefore receive at most $1,125.")).toEqual([
      ["$10,000", undefined, "A parent who earns", "money"],
    ]);
  });

  it("reads no ZIP code, telephone or release number", () => {
    expect(read("The office at 621 Capitol Mall, Sacramento, CA 95814 employs 12 auditors.")).toEqual([
      ["12", undefined, "auditors", "count"],
    ]);
    expect(read("Media contact: (202) 691-5902 for 20 reporters")).toEqual([
      ["20", undefined, "reporters", "count"],
    ]);
    expect(read("News release USDL-10-1392 covers 18 industries.")).toEqual([
      ["18", undefined, "industries", "count"],
    ]);
  });

  it("reads a statistical profile's field by its name", () => {
    expect(read("Population total: 244,344,065 (2025 est.) male: 123,511,557 female: 120,832,508")).toEqual([
      ["244,344,065", undefined, "Population", "people"],
    ]);
    expect(read("Unemployment rate 3% (2024 est.)")).toEqual([
      ["3%", undefined, "Unemployment rate", "share"],
    ]);
    expect(read("Area _total _: 923,768 sq km land: 910,768 sq km")).toEqual([
      ["923,768", "sq km", "Area", "measure"],
    ]);
  });

  it("ends a label at its clause, not at an abbreviation or inside another count", () => {
    expect(read("Foreign holdings were 31% of total U.S. publicly held debt.")).toEqual([
      ["31%", undefined, "of total U.S. publicly held debt", "share"],
    ]);
    expect(
      read("SSA employed about 52,000 federal workers and funded about 13,700 state employees."),
    ).toEqual([
      ["about 52,000", undefined, "federal workers", "people"],
      ["about 13,700", undefined, "state employees", "people"],
    ]);
  });

  it("takes no section, table or figure number, citation, year, telephone, version, zero or one", () => {
    for (const sentence of [
      "Table 1 summarizes the data by system size.",
      "Figure 3 provides data on the current breakdown of holdings.",
      "Section 7008 restricts assistance.",
      "See 44 U.S.C. § 3501 et seq. for the definitions.",
      "The definitions are in 44 U.S.C. 3502 of the code.",
      "The act (Pub. L. 113-4) was signed.",
      "Executive Order 13642 sets the policy.",
      "In 2024 the plan began.",
      "Call (202) 362-6541 for help.",
      "Version 53 adds tables.",
      "FIPS 140 validation is required.",
      "The audit found 0 errors reported in manual testing.",
      "The scan reported 0 linting errors and 0 warnings.",
      "It found 1 match provided by the agency.",
      "The office opens at 10:30 each morning.",
      "The ratio is roughly 3:1 for small arrears.",
    ])
      expect(read(sentence), sentence).toEqual([]);
  });

  it("reads French counts, and no article, date, year, zero or one", () => {
    const fr = (t: string) => readFigures(t, t, "fr").map((f) => [f.value, f.label, f.kind]);
    expect(fr("Le calcul de l’impôt des 37 millions de foyers fiscaux.")).toEqual([
      ["37 millions", "foyers fiscaux", "people"],
    ]);
    expect(fr("Les collectivités de plus de 3500 habitants.")).toEqual([
      ["plus de 3500", "habitants", "people"],
    ]);
    for (const t of [
      "Voir l’article 47 de la loi.",
      "La circulaire du 24 décembre 1978 s’applique.",
      "En 2018 la loi a changé.",
      "Il reste 1 obligation.",
    ])
      expect(fr(t), t).toEqual([]);
  });

  it("ranks by where a figure stands before what it counts, and says why", () => {
    const summaryCount = scoreFigure("summary", "count", 9);
    const bodyPeople = scoreFigure("body", "people", 1);
    const summaryPeople = scoreFigure("summary", "people", 12);
    const sorted = [bodyPeople, summaryCount, summaryPeople].sort(byScore);
    expect(sorted).toEqual([summaryPeople, summaryCount, bodyPeople]);
    expect(explainScore(summaryPeople)).toBe(
      "score 25 = place summary +20, kind people +5 (sentence 13 of the body)",
    );
  });
});

describe("places and groups the sentence agrees on", () => {
  it("takes no capitalised common noun opening a sentence for a place", () => {
    const everywhere = () => true;
    expect(placeMentions("Lead service lines remain in many systems.", everywhere)).toEqual([]);
    expect(
      placeMentions("Kano remains the largest city of the north.", everywhere).map((m) => m.name),
    ).toEqual(["Kano"]);
  });

  it("reads groups from a labelled list, named acronyms and a country's commitment", () => {
    expect(
      readGroup(
        "Terrorist group(s) Boko Haram; Islamic State of Iraq and ash-Sham – West Africa; Jama’atu Ansarul Muslimina Fi Biladis-Sudan (Ansaru) note: details appear in the guide",
        "Nigeria",
      ),
    ).toMatchObject({
      label: "Terrorist groups active",
      items: [
        { name: "Boko Haram" },
        { name: "Islamic State of Iraq and ash-Sham – West Africa" },
        { name: "Ansaru" },
      ],
    });
    expect(
      readGroup(
        "the military is conducting operations against the Boko Haram (BH) and Islamic State of Iraq and ash-Sham in West Africa (ISIS-WA) terrorist groups, where it has deployed troops",
        "Nigeria",
      ),
    ).toMatchObject({
      label: "Terrorist groups active",
      items: [{ name: "Boko Haram" }, { name: "ISIS-WA" }],
    });
    expect(
      readGroup(
        "note: Nigeria has committed an Army combat brigade (approximately 3,000 troops) to the Multinational Joint Task Force (MNJTF), a regional counter-terrorism force",
        "Nigeria",
      ),
    ).toMatchObject({ label: "Member of", items: [{ name: "MNJTF", value: "MNJTF" }] });
    expect(
      readGroup("Nigeria has not committed troops to the Multinational Joint Task Force (MNJTF).", "Nigeria"),
    ).toBe(undefined);
  });
});

describe("the sheet's kind", () => {
  it("is what `factsheet:` asks, else country for a country chapter, else brief", () => {
    expect(chooseSheetKind(undefined, true, { groups: 2, incidents: 0 })).toBe("country");
    expect(chooseSheetKind(undefined, true, { groups: 0, incidents: 0 })).toBe("brief");
    expect(chooseSheetKind(undefined, false, { groups: 3, incidents: 4 })).toBe("brief");
    expect(chooseSheetKind("brief", true, { groups: 2, incidents: 5 })).toBe("brief");
    expect(chooseSheetKind("country", false, { groups: 0, incidents: 0 })).toBe("country");
  });

  it("refuses an unknown `factsheet:` value with the nearest one", () => {
    const parsed = metaSchema.safeParse({ title: "T", factsheet: "breif" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      "expected `country`, `brief` or `none`, not `breif`: did you mean `brief`?",
    );
    expect(metaSchema.parse({ title: "T", factsheet: "none" }).factsheet).toBe("none");
  });
});
