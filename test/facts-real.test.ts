// The facts drafted from real reports of many kinds, each built once: what the sheet states must be
// what the report's sentences state, and no figure may be a citation, a reference number, a year,
// a zero or a one. (Units: test/unit/facts-figures.test.ts; Mali's hand-written facts stay its own.)
import { beforeAll, describe, expect, it } from "vitest";
import { bodyText, findQuote } from "../src/model/facts/provenance.ts";
import type { ReportFacts } from "../src/model/facts/types.ts";
import type { ReportModel } from "../src/model/types.ts";
import { loadReport } from "./support/render.ts";

const sources = {
  memo: "test/fixtures/real/omb-m-13-13.md",
  crs: "test/fixtures/real/crs-foreign-holdings-federal-debt.md",
  statistical: "test/fixtures/real/crs-ssa-staffing-by-state.md",
  release: "test/fixtures/real/bls-jolts-august-2010.md",
  audit: "test/fixtures/real/ca-auditor-2018-501-sexual-assault-kits.md",
  french: "test/fixtures/real/etalab-algorithmes-publics.md",
  nigeria: "test/fixtures/real/factbook-nigeria.md",
  mali: "source/mali-2021.md",
  water: "test/fixtures/real/water-utility-brief.md",
  credit: "test/fixtures/real/think-tank-child-credit-brief.md",
  handbook: "test/fixtures/real/18f-state-software-budgeting.md",
  nist: "test/fixtures/real/nist-sp-800-63b-aal.md",
} as const;
type Name = keyof typeof sources;

const models = {} as Record<Name, ReportModel>;
const facts = {} as Record<Name, ReportFacts>;
beforeAll(() => {
  for (const [name, path] of Object.entries(sources) as Array<[Name, string]>) {
    models[name] = loadReport(path);
    facts[name] = models[name].facts;
  }
}, 120_000);

const figures = (name: Name) => facts[name].figures.map((f) => [f.value, f.unit, f.label]);
const findings = (name: Name) => facts[name].findings.map((f) => f.text);

describe("the sheet's kind, by the content", () => {
  it("gives the country chapters a country sheet and every other report a brief", () => {
    const kinds = Object.fromEntries(Object.keys(sources).map((name) => [name, facts[name as Name].kind]));
    expect(kinds).toEqual({
      memo: "brief",
      crs: "brief",
      statistical: "brief",
      release: "brief",
      audit: "brief",
      french: "brief",
      nigeria: "country",
      mali: "country",
      water: "brief",
      credit: "brief",
      handbook: "brief",
      nist: "brief",
    });
  });
});

describe("what each report's sentences state", () => {
  it("an agency memo (OMB M-13-13): no citation for a figure, findings from its top sections", () => {
    expect(figures("memo")).toEqual([]);
    expect(facts.memo.summary?.text).toMatch(
      /^Information is a valuable national resource and a strategic asset to the Federal Government/,
    );
    expect(findings("memo")[0]).toBe(
      "Data: For the purposes of this Memorandum, the term “data” refers to all structured information, unless otherwise noted.",
    );
    expect(findings("memo")).toHaveLength(4);
  });

  it("a CRS report: its summary's figures first, money and shares as written", () => {
    expect(figures("crs").slice(0, 2)).toEqual([
      ["approximately $9.2 trillion", undefined, "foreign holdings of federal debt"],
      ["$282.4 billion", undefined, "Interest on the debt paid to foreigners in 2025"],
    ]);
    expect(figures("crs").map((f) => f[0])).not.toContain("1");
    expect(facts.crs.summary?.text).toMatch(/^This report presents current data on foreign ownership/);
    expect(findings("crs")[0]).toBe(
      "As of December 2025, foreign holdings of federal debt totaled approximately $9.2 trillion, or 31% of total U.S. publicly held debt ($30.1 trillion).",
    );
    // Five: the summary's own sentence is left out before counting, not after.
    expect(findings("crs")).toHaveLength(5);
  });

  it("a statistical release (CRS data brief): people first, no table number, three findings", () => {
    expect(findings("statistical")).toHaveLength(3);
    expect(figures("statistical")).toEqual([
      ["about 52,000", undefined, "federal workers"],
      ["about 13,700", undefined, "state disability determination services"],
      ["about 1,500", undefined, "offices across the country and around the world"],
    ]);
  });

  it("a state audit (California State Auditor): the summary section's subsection, not the letter's address", () => {
    // `## Summary` › `### Results in Brief`: the summary section's first paragraph of prose; the
    // transmittal letter's address block (`Sacramento, California 95814`) ends no sentence.
    expect(facts.audit.summary?.text).toMatch(
      /^The California Department of Justice \(Justice\) has not fully implemented a recommendation/,
    );
    expect(facts.audit.summary?.line).toBe(28);
  });

  it("a statistical release (BLS): the lead is the summary, not the embargo and contact lines", () => {
    expect(facts.release.summary?.text).toMatch(
      /^There were 3\.2 million job openings on the last business day/,
    );
  });

  it("a statistical release (BLS): its rates by name, its counts, no telephone or release number", () => {
    expect(figures("release")).toEqual([
      ["2.4", "percent", "job openings rate"],
      ["3.2", "percent", "hires rate"],
      ["3.2 million", undefined, "job openings on the last business day of August 2010"],
      ["4.4 million", undefined, "jobs open when the recession began in December 2007"],
    ]);
    // One section under the lead: its statements in reading order make the three findings.
    expect(findings("release")).toEqual([
      "The number of job openings in August was 3.2 million, which was little changed from July.",
      "Although the month-to-month change is small, the number of job openings has risen by 863,000 (37 percent) since the most recent series trough of 2.3 million in July 2009.",
      "This trough immediately followed the end of the recession in June 2009 (as designated by the National Bureau of Economic Research).",
    ]);
  });

  it("a state audit: its shares of the cases it reviewed, no ZIP code, report number or `instances`", () => {
    expect(figures("audit")[0]).toEqual(["39", undefined, "counties"]);
    expect(figures("audit")).toContainEqual([
      "67",
      "percent",
      "of the 417 cases for which RADS provided law enforcement with hits generated from profiles uploaded…",
    ]);
    expect(figures("audit")).toContainEqual(["27", "percent", "of the 417 hits"]);
    expect(figures("audit")).toContainEqual(["63", undefined, "hits to district attorneys for prosecution"]);
    const values = figures("audit").map((f) => f[0]);
    // 417 is told by the share's label; 17 counts `instances`; the rest are an address, a year, a report number.
    for (const never of ["417", "95814", "2014", "109", "2", "17", "1"])
      expect(values, never).not.toContain(never);
    // Two top sections but the summary's: the letter's first statement makes the third, in reading order.
    expect(findings("audit")).toEqual([
      "In October 2014, the California State Auditor issued Report 2014-109, Sexual Assault Evidence Kits: Although Testing All Kits Could Benefit Sexual Assault Investigations, the Extent of the Benefits Is Unknown.",
      "In 2011 the California Department of Justice (Justice) implemented the Rapid DNA Service (RADS) program.",
      "Justice has not obtained key information on the outcomes of most sexual assault cases associated with hits from its RADS program.",
    ]);
  });

  it("a brief in French (Etalab): its first paragraph, its sections' first statements, its counts", () => {
    expect(facts.french.summary?.text).toMatch(
      /^Le département Etalab accompagne les administrations dans l’application du nouveau cadre juridique/,
    );
    expect(findings("french")).toHaveLength(3);
    expect(figures("french")).toEqual([
      ["37 millions", undefined, "foyers fiscaux"],
      ["plus de 3500", undefined, "habitants"],
      ["3", undefined, "obligations"],
      ["plus de 50", undefined, "équivalents temps plein"],
      ["8", undefined, "exemples réels d’utilisation d’algorithmes"],
    ]);
    expect(findings("french")[1]).toMatch(/^La loi pour une République numérique/);
  });

  it("a country chapter with title-only front matter (Nigeria): its groups and memberships", () => {
    expect(facts.nigeria.groups.map((g) => [g.label, g.items.map((i) => i.name)])).toEqual([
      ["Terrorist groups active", ["Boko Haram", "ISIS-WA", "Ansaru"]],
      ["Member of", ["MNJTF"]],
    ]);
    for (const group of facts.nigeria.groups)
      for (const item of group.items) expect(item.quote, item.name).toContain(item.name);
    // The Factbook's fields (`Population total: 244,344,065 (2025 est.)`), people first.
    expect(figures("nigeria").slice(0, 3)).toEqual([
      ["244,344,065", undefined, "Population"],
      ["4.59", undefined, "children born/woman"],
      ["113.35 million", undefined, "Labor force"],
    ]);
    expect(figures("nigeria").map((f) => f[0])).not.toContain("12");
    // `3.840 million ABUJA (capital)` in a list and `Abuja` in sentences: one place, as a sentence writes it.
    const places = facts.nigeria.places.map((p) => p.name);
    expect(places.slice(0, 4)).toEqual(["Lagos", "Kano", "Ibadan", "Abuja"]);
    expect(places).not.toContain("ABUJA");
    // Its fields are `label: value` lines (`_chief of mission_: Ambassador …<br>`): no sentence a
    // summary or a finding could quote, though their lines end in periods.
    expect(facts.nigeria.summary).toBeUndefined();
    expect(findings("nigeria")).toEqual([]);
  });

  it("reads a paragraph broken into lines as no prose, and the prose after it as the summary", () => {
    const fields =
      "_chief of mission_: Ambassador Jane Q. Doe (since 1 May 2024).<br>\n_chancery_: 3519 International Court NW, Washington, DC 20008.<br>\n_telephone_: [1] (202) 800-7201 (ext. 100).<br>";
    const prose =
      "The embassy reopened in 2024 after a long closure, and its staff now serves a growing number of visitors from the region.";
    const model = loadReport("/nonexistent/fields/r.md", {
      text: `---\ntitle: Fields\nfactsheet: brief\n---\n\n## Diplomatic representation\n\n${fields}\n\n## Outlook\n\n${prose}\n`,
    });
    expect(model.facts.summary?.text).toBe(prose);
    expect(model.facts.findings.map((f) => f.text)).not.toContainEqual(
      expect.stringMatching(/chief of mission/),
    );
  });

  it("Mali keeps its own facts: nothing is drafted over the front matter", () => {
    expect(facts.mali.drafted).toEqual([]);
    expect(figures("mali").map((f) => f[0])).toEqual(["1,826", "30", "4,500"]);
  });

  it("a state water-utility brief: the abstract is the summary, the key findings are its findings", () => {
    expect(facts.water.summary).toMatchObject({ anchor: "", line: 12 });
    expect(facts.water.summary?.text).toMatch(/^Small water utilities in Arizona raised residential rates/);
    expect(findings("water")).toHaveLength(5);
    expect(findings("water")[1]).toBe(
      "Customers more than 60 days behind owed a median of $412, up from $236 in 2020.",
    );
    expect(figures("water").slice(0, 2)).toEqual([
      ["1,540", undefined, "customers"],
      ["15%", undefined, "Small water utilities in Arizona raised residential rates by a median"],
    ]);
    expect(figures("water").map((f) => f[0])).toContain("$412");
    expect(facts.water.places).toEqual([]);
  });

  it("a think-tank brief: the cost first, then its shares and dollars", () => {
    expect(figures("credit")[0]).toEqual(["about $61 billion", undefined, "The reform would cost"]);
    expect(figures("credit")[1]?.slice(0, 2)).toEqual(["about 4.1", "percent"]);
  });

  it("an agency handbook (18F) and a standard (NIST): no zero, one or validation number", () => {
    expect(figures("handbook")).toEqual([
      ["57,075", undefined, "developers"],
      ["85%", undefined, "of professional software developers use agile"],
    ]);
    expect(findings("handbook")).toHaveLength(5);
    expect(figures("nist")).toEqual([]);
    expect(findings("nist")).toContain(
      "AAL1 provides some assurance that the claimant controls an authenticator bound to the subscriber’s account.",
    );
  });
});

describe("every drafted item, on every report", () => {
  /** The words right around a figure's value in its quote. */
  const around = (value: string, quote: string) => {
    const at = quote.indexOf(value);
    return {
      before: quote.slice(Math.max(0, at - 24), at),
      after: quote.slice(at + value.length, at + value.length + 16),
    };
  };

  it("no figure is a citation, a section, table, figure, report, version or telephone number, a code, a year alone, a zero or a one", () => {
    for (const name of Object.keys(sources) as Name[])
      for (const f of facts[name].figures) {
        const what = `${name}: ${f.value} ${f.label}`;
        const n = Number(f.value.replace(/^[^\d]*/, "").replace(/[^\d.]/g, ""));
        expect(n, what).not.toBe(0);
        expect(n === 1 && !/million|billion|trillion/.test(f.value), what).toBe(false);
        expect(/^\d{4}$/.test(f.value) && n >= 1800 && n <= 2100, what).toBe(false);
        const { before, after } = around(f.value, f.quote);
        expect(before, what).not.toMatch(
          /(?:Table|Figure|Section|Chapter|Appendix|Part|§|U\.S\.C\.|Pub\. L\.|No\.|Report|Version|v\.|Release|Rev\.)\s*$/i,
        );
        // A telephone number (`(202) 691-5870`), and a code of five digits or more with no separator
        // (a ZIP code, `USDL-10-1392`'s parts).
        expect(before, what).not.toMatch(/\(\d{3}\)\s*$/);
        expect(f.value, what).not.toMatch(/(?:^|\D)\d{3}-\d{4}$|(?:^|[^\d,.])\d{5,}$/);
        expect(before, what).not.toMatch(/[A-Z]{2,}-\d*-?$/);
        expect(after, what).not.toMatch(/^\s*(?:et seq|U\.S\.C|C\.F\.R|Stat\.)/);
      }
  });

  it("no place is drafted twice, whatever its case", () => {
    for (const name of Object.keys(sources) as Name[]) {
      const names = facts[name].places.map((p) => p.name.toLowerCase());
      expect(new Set(names).size, `${name}: ${names.join(", ")}`).toBe(names.length);
    }
  });

  it("every figure, finding and summary quotes its report, linked to the block it stands in", () => {
    for (const name of Object.keys(sources) as Name[]) {
      const body = bodyText(models[name].tree);
      const items = [
        ...facts[name].figures,
        ...facts[name].findings,
        ...(facts[name].summary ? [facts[name].summary] : []),
      ];
      for (const item of items) {
        if (item.anchor === "") {
          expect(models[name].meta.abstract, name).toContain(item.quote);
          continue;
        }
        expect(item.anchor, name).toMatch(/^src-\d+$/);
        expect(findQuote(body, item.quote), `${name}: ${item.quote}`).toBeDefined();
        expect(item.line, name).toBeGreaterThan(0);
      }
    }
  });
});
