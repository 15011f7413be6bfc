import type { Root } from "mdast";
import type { Fact, FactGroup, Incident, ReportMeta } from "../../schema.ts";
import { type BodyText, bodyText, findQuote, monthName, standsIn, unsourcedFigures } from "../provenance.ts";
import {
  type DraftPassage,
  draftFindings,
  draftSummary,
  inSummarySection,
  isFindingsHeading,
} from "./brief.ts";
import { type Casualties, type DraftCount, harmVerb } from "./casualties.ts";
import { type DraftCountry, resolveCountry } from "./country.ts";
import { type DateMention, dateMentions, sentenceDate } from "./dates.ts";
import { nameKey, readGroup } from "./groups.ts";
import { isYear } from "./numbers.ts";
import { incidentPlace, placeMentions } from "./places.ts";
import { byScore, type FigurePlace, type FigureScore, scoreFigure } from "./rank.ts";
import { casualtiesOf, figuresOf } from "./sentence-readings.ts";
import { bodySentences, type DraftSentence, sentenceSpans } from "./sentences.ts";

/** The front matter fields a fact sheet is made of, each drafted only when the front matter lacks it. */
export const draftKeys = ["facts", "groups", "incidents", "places"] as const;
export type DraftKey = (typeof draftKeys)[number];

/** What drafting reads: the body, the metadata it dates and places things by, and the gazetteer. */
export interface DraftInput {
  tree: Root;
  meta: Pick<ReportMeta, "title" | "country" | "country-code" | "year" | "lang"> &
    Partial<Pick<ReportMeta, "abstract">>;
  /**
   * The gazetteer: a place of the country by name (ISO alpha-2), or undefined when unknown;
   * `homonyms` counts other places of that name it could as well be.
   */
  lookupPlace: (name: string, countryCode: string) => { homonyms?: number } | undefined;
  /** The fields to draft (default: all four). */
  keys?: ReadonlySet<DraftKey>;
}

/** A drafted incident: the front matter's shape, its counts with who they count (`civilians`). */
export type DraftIncident = Omit<Incident, "killed" | "injured"> & {
  killed?: DraftCount;
  injured?: DraftCount;
};

/**
 * Fact sheet fields drafted from the body, in the front matter's shapes, each item quoting the
 * sentence it comes from. A field is absent when nothing was drafted for it.
 */
export interface FactDraft {
  /** The report's country, when its metadata names one (drafted places are looked up there). */
  country?: DraftCountry;
  /** The year dates without one are read in. */
  year?: { value: number; from: "year" | "title" | "body" };
  facts?: DraftFact[];
  groups?: FactGroup[];
  incidents?: DraftIncident[];
  places?: Array<{ name: string }>;
  /** The summary section's first paragraph, else the body's first paragraph of prose (the abstract, when any, wins at load). */
  summary?: DraftPassage;
  /** Three to five key findings, each quoting its sentence. */
  findings: DraftPassage[];
  /** Sentences that looked like an item but were left out, and why (an ambiguous reading is never guessed). */
  leftOut: Array<{ key: DraftKey; quote: string; reason: string }>;
  /** Why nothing could be drafted at all, when so. */
  note?: string;
}

/** Figures taken from one sentence: a third would crowd out the other sentences'. */
const perSentence = 2;

/** A drafted key figure with why it ranked where it did (`folio facts` prints it). */
export type DraftFact = Fact & { score: FigureScore };

/** At most this many of each: the sheet has one page, and the editor prunes from the printed draft. */
const limits = { facts: 6, incidents: 12, places: 10 } as const;
/** Distinct names asked of the gazetteer per report: each lookup scans the country's places. */
const maxLookups = 2000;

/** Words of a sentence that tells of something that happened (outside an “Incidents” section). */
const eventWords =
  /\b(?:attack(?:s|ed|ing)?|ambush(?:ed|es)?|bomb(?:s|ed|ing|ings)?|explosions?|explosive|exploded|detonat(?:ed|ion)|IEDs?|suicide|kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)|kidnapp(?:ed|ing)|abduct(?:ed|ion)|assault(?:ed)?|raid(?:ed)?|shot|shooting|massacred?|hostages?|behead(?:ed)?|stabb(?:ed|ing)|flood(?:s|ed|ing)?|storm|surge|breach(?:ed)?|evacuat(?:ed|ion)|earthquake|landslide|cyclone|hurricane)\b/i;
/** A sentence dated only against another (`A day later`, `In a second attack on the same day`). */
const relativeDate =
  /\b(?:a|one|two|three|four|five|several|few|the)\s+(?:day|days|week|weeks|month|months)\s+(?:later|earlier|after|before)\b|\bthe\s+(?:next|following|previous|same)\s+(?:day|week|month|morning|evening|night)\b|\b(?:later|earlier)\s+that\s+(?:day|week|month)\b|\b(?:second|another|separate|third|further)\s+(?:attack|incident|bombing|ambush|assault)\b/i;

/**
 * Drafts a fact sheet's fields from a report's body: key figures (a count and the noun phrase
 * it counts, overview first), dated incidents (killed and injured as written), groups and
 * memberships, and places the gazetteer knows for the report's country. Every item quotes the
 * body sentence it comes from and passes the provenance check that hand-written facts pass; a
 * sentence whose reading is ambiguous is left out (and listed in `leftOut`), never guessed.
 */
export function draftFacts(input: DraftInput): FactDraft {
  const keys = input.keys ?? new Set(draftKeys);
  const body = bodyText(input.tree);
  const sentences = bodySentences(input.tree, body);
  const country = resolveCountry(input.meta);
  const year = resolveYear(input.meta, sentences);
  // Summary and findings are the report's own words: read in any language.
  const summary = draftSummary(sentences);
  const findings = draftFindings(sentences, summary);
  const draft: FactDraft = { country, year, ...(summary ? { summary } : {}), findings, leftOut: [] };
  const english = /^en\b/i.test(input.meta.lang);
  if (!english && !/^fr\b/i.test(input.meta.lang)) {
    draft.note = `drafting reads English only (lang: ${input.meta.lang})`;
    return draft;
  }
  const places = gazetteer(input.lookupPlace, country?.code);
  const located = (name: string) => places(name) !== undefined;
  const readings = readSentences(sentences, year?.value);
  const abstract = input.meta.abstract
    ? readSentences(abstractSentences(input.meta.abstract), year?.value)
    : [];
  const used = new Set<number>();

  if (!english) {
    // French: key figures only; incidents, groups and places read English sentences.
    draft.note = `only key figures are drafted from French; incidents, groups and places read English only (lang: ${input.meta.lang})`;
    if (keys.has("facts")) {
      const facts = draftFigures(readings, used, input.meta.lang)
        .filter((f) => provableFact(body, undefined, f, draft))
        .slice(0, limits.facts)
        .map((f, i) => ({ ...f, priority: i + 1 }));
      if (facts.length > 0) draft.facts = facts;
    }
    return draft;
  }
  if (keys.has("incidents")) {
    const incidents = draftIncidents(readings, located, used, draft).filter((i) =>
      provableIncident(body, i, draft),
    );
    if (incidents.length > 0) draft.incidents = incidents;
  }
  if (keys.has("facts")) {
    const facts = draftFigures([...abstract, ...readings], used)
      .filter((f) => provableFact(body, input.meta.abstract, f, draft))
      .slice(0, limits.facts)
      .map((f, i) => ({ ...f, priority: i + 1 }));
    if (facts.length > 0) draft.facts = facts;
  }
  if (keys.has("groups")) {
    const groups = draftGroups(readings, country?.name, draft).filter((g) => provableGroup(body, g, draft));
    if (groups.length > 0) draft.groups = groups;
  }
  if (keys.has("places") && country) {
    // Each name is read from a body sentence: it stands in the body (loadFacts checks it again).
    const found = draftPlaces(readings, places, draft);
    if (found.length > 0) draft.places = found;
  }
  return draft;
}

/** One sentence with what every reader of it needs: its dates blanked, its own date, its counts. */
interface Reading {
  sentence: DraftSentence;
  masked: string;
  mentions: DateMention[];
  date: ReturnType<typeof sentenceDate>;
  casualties: Casualties;
}

/**
 * Reads every sentence once. A date without its year takes the section heading's (“The North Sea
 * flood of 1953”), else the last one stated earlier in the same block (“In January 2019, … On
 * March 5, …”), else the report's.
 */
function readSentences(sentences: readonly DraftSentence[], reportYear: number | undefined): Reading[] {
  let block = -1;
  let stated: number | undefined;
  return sentences.map((s) => {
    if (s.block !== block) {
      block = s.block;
      stated = undefined;
    }
    const mentions = dateMentions(s.text);
    let masked = s.text;
    for (const m of mentions)
      masked = masked.slice(0, m.start) + "#".repeat(m.end - m.start) + masked.slice(m.end);
    const fallback = s.section.year ?? stated ?? reportYear;
    const date = mentions.length > 0 ? sentenceDate(s.text, fallback) : undefined;
    stated = mentions.findLast((m) => m.year !== undefined)?.year ?? stated;
    return { sentence: s, masked, mentions, date, casualties: casualtiesOf(masked) };
  });
}

const hasCounts = (c: Casualties): c is { killed?: DraftCount; injured?: DraftCount } =>
  !("reason" in c) && (c.killed !== undefined || c.injured !== undefined);

function draftIncidents(
  readings: Reading[],
  located: (name: string) => boolean,
  used: Set<number>,
  draft: FactDraft,
): DraftIncident[] {
  const incidents: DraftIncident[] = [];
  readings.forEach((r, i) => {
    const { sentence: s, date } = r;
    const eventful = s.section.incidents || eventWords.test(s.text) || hasCounts(r.casualties);
    if (!date) {
      if (r.mentions.length === 0 && relativeDate.test(s.text) && eventful)
        draft.leftOut.push({ key: "incidents", quote: s.text, reason: "it has no date of its own" });
      return;
    }
    if (!eventful) return;
    if ("reason" in date) {
      draft.leftOut.push({ key: "incidents", quote: s.text, reason: date.reason });
      return;
    }
    if ("reason" in r.casualties) {
      draft.leftOut.push({ key: "incidents", quote: s.text, reason: r.casualties.reason });
      return;
    }
    // The dated sentence may leave its toll to the next one in the same block (“… a September 28
    // complex ambush … . Five … soldiers guarding the convoy were killed”), unless that one is
    // dated itself or tells of another incident.
    let counts = r.casualties;
    let end = s.end;
    const next = readings[i + 1];
    if (
      !hasCounts(counts) &&
      next &&
      next.sentence.block === s.block &&
      next.mentions.length === 0 &&
      !relativeDate.test(next.sentence.text) &&
      hasCounts(next.casualties)
    ) {
      counts = next.casualties;
      end = next.sentence.end;
      used.add(next.sentence.order);
    }
    used.add(s.order);
    const quote = s.blockText.slice(s.start, end);
    const place = incidentPlace(placeMentions(quote, located));
    const { killed, injured } = counts as { killed?: DraftCount; injured?: DraftCount };
    incidents.push({
      date: date.iso,
      ...(place ? { place } : {}),
      summary: summarise(s.text, date.mention),
      ...(killed ? { killed } : {}),
      ...(injured ? { injured } : {}),
      quote,
      priority: killed || injured ? 4 : 5,
    });
  });
  // A long report's timeline keeps the incidents with tolls first, then the earliest told.
  const kept = incidents
    .map((incident, order) => ({ incident, order }))
    .sort(
      (a, b) =>
        Number(!a.incident.killed && !a.incident.injured) -
          Number(!b.incident.killed && !b.incident.injured) || a.order - b.order,
    )
    .slice(0, limits.incidents)
    .map((k) => k.incident);
  for (const incident of incidents)
    if (!kept.includes(incident))
      draft.leftOut.push({
        key: "incidents",
        quote: incident.quote,
        reason: `the sheet takes at most ${limits.incidents} incidents`,
      });
  return kept.sort((a, b) => a.date.localeCompare(b.date));
}

const maxSummary = 140;

/** The sentence without its leading date (“On January 2, ”), cut at a word to fit the timeline. */
function summarise(text: string, mention: DateMention): string {
  let summary = text;
  const lead = text.slice(0, mention.start);
  if (/^(?:(?:On|In|During)\s+)?(?:the\s+)?(?:(?:early|late|mid-?)\s*)?$/i.test(lead))
    summary = text.slice(mention.end).replace(/^,?\s+/, "");
  summary = summary.replace(/[.!?]$/, "");
  summary = summary.charAt(0).toUpperCase() + summary.slice(1);
  if (summary.length > maxSummary) summary = `${summary.slice(0, maxSummary).replace(/[\s,;:]+\S*$/, "")}…`;
  return summary;
}

/** Where a sentence stands, for a figure's rank: the abstract, a summary or findings section, the lead. */
function figurePlace(s: DraftSentence): FigurePlace {
  if (s.blockType === "abstract") return "abstract";
  const heading = s.section.heading;
  if (inSummarySection(s.section) || (heading !== undefined && isFindingsHeading(heading))) return "summary";
  return s.section.overview ? "lead" : "body";
}

/**
 * Key figures ranked by where they stand (abstract, summary, lead, body) and what they count
 * (people, money, shares, counts, measures), at most two per sentence; table cells are data, not
 * sentences, and give none.
 */
function draftFigures(readings: Reading[], used: Set<number>, lang = "en"): DraftFact[] {
  const candidates = readings
    .filter(
      (r) =>
        !used.has(r.sentence.order) &&
        r.sentence.blockType !== "tableCell" &&
        !harmVerb.test(r.sentence.text),
    )
    .flatMap((r) => {
      const place = figurePlace(r.sentence);
      const scored = figuresOf(r.sentence.text, r.masked, lang).map((f) => ({
        ...f,
        r,
        score: scoreFigure(place, f.kind, r.sentence.order),
      }));
      // At most two figures per sentence: the ones a reader would call key (the first, among equals).
      return scored
        .map((f, i) => ({ f, i }))
        .sort((a, b) => b.f.score.total - a.f.score.total || a.i - b.i)
        .slice(0, perSentence)
        .sort((a, b) => a.i - b.i)
        .map(({ f }) => f);
    });
  candidates.sort((a, b) => byScore(a.score, b.score));
  const facts: DraftFact[] = [];
  for (const c of candidates) {
    // One figure stated twice (the summary and the body) is shown once, where it ranks best.
    if (facts.some((f) => f.value === c.value)) continue;
    facts.push({
      label: c.label,
      value: c.value,
      ...(c.unit ? { unit: c.unit } : {}),
      priority: facts.length + 1,
      quote: c.r.sentence.text,
      score: c.score,
    });
  }
  return facts;
}

/** The abstract's sentences, read as a block before the body's (it is what a reader reads first). */
function abstractSentences(abstract: string): DraftSentence[] {
  const section = { index: -1, overview: true, incidents: false, within: [] };
  return sentenceSpans(abstract).map(({ start, end }, i) => ({
    text: abstract.slice(start, end),
    block: -1,
    start,
    end,
    blockText: abstract,
    section,
    order: -1000 + i,
    blockType: "abstract",
    line: 0,
    hardBreaks: 0,
  }));
}

function draftGroups(readings: Reading[], country: string | undefined, draft: FactDraft): FactGroup[] {
  const byLabel = new Map<
    string,
    { priority: number; items: Array<{ name: string; value: string; quote: string }>; keys: Set<string> }
  >();
  for (const r of readings) {
    const reading = readGroup(r.sentence.text, country);
    if (!reading) continue;
    if ("reason" in reading) {
      draft.leftOut.push({ key: "groups", quote: r.sentence.text, reason: reading.reason });
      continue;
    }
    const group = byLabel.get(reading.label) ?? { priority: reading.priority, items: [], keys: new Set() };
    byLabel.set(reading.label, group);
    // One group named twice (`ISIS-WA`, `Islamic State … – West Africa`) is listed once, as first named.
    for (const { aliases = [], ...item } of reading.items) {
      const keys = [item.name, ...aliases].map(nameKey);
      if (keys.some((k) => group.keys.has(k))) continue;
      for (const k of keys) group.keys.add(k);
      group.items.push({ ...item, quote: reading.quote ?? r.sentence.text });
    }
  }
  const groups = [...byLabel].sort((a, b) => a[1].priority - b[1].priority);
  return groups.map(([label, { priority, items }]) => {
    const quotes = new Set(items.map((i) => i.quote));
    // One sentence names the whole list: the quote is the group's, as an editor writes it.
    if (quotes.size === 1)
      return {
        label,
        priority,
        quote: items[0]?.quote,
        items: items.map(({ name, value }) => ({ name, value, quote: undefined })),
      };
    return { label, priority, items };
  });
}

function draftPlaces(
  readings: Reading[],
  places: (name: string) => number | undefined,
  draft: FactDraft,
): Array<{ name: string }> {
  // One place a name, whatever its case (`ABUJA (capital)` in a list, `Abuja` in a sentence): the
  // name as a sentence writes it, not in capitals, when the report has both.
  const seen = new Map<string, { name: string; quote: string }>();
  const shouted = (name: string) => name === name.toUpperCase();
  for (const r of readings)
    for (const m of placeMentions(r.sentence.text, (name) => places(name) !== undefined)) {
      if (!m.located || (m.level !== "place" && m.level !== "locality")) continue;
      const prior = seen.get(m.name.toLowerCase());
      if (!prior || (shouted(prior.name) && !shouted(m.name)))
        seen.set(m.name.toLowerCase(), { name: m.name, quote: r.sentence.text });
    }
  const found: Array<{ name: string }> = [];
  for (const { name, quote } of seen.values()) {
    // Two towns of one name: the map would mark one of them by guess.
    const homonyms = places(name) ?? 0;
    if (homonyms > 0)
      draft.leftOut.push({
        key: "places",
        quote,
        reason: `the gazetteer has ${homonyms + 1} places named “${name}” in the country`,
      });
    else if (found.length < limits.places) found.push({ name });
  }
  return found;
}

/**
 * The gazetteer as the number of a name's homonyms (0: one place), undefined when it knows no
 * such place; each name asked once, at most `maxLookups` names.
 */
function gazetteer(
  lookup: DraftInput["lookupPlace"],
  code: string | undefined,
): (name: string) => number | undefined {
  const known = new Map<string, number | undefined>();
  return (name) => {
    if (!code) return undefined;
    if (known.has(name)) return known.get(name);
    if (known.size >= maxLookups) return undefined;
    const found = lookup(name, code);
    const homonyms = found ? (found.homonyms ?? 0) : undefined;
    known.set(name, homonyms);
    return homonyms;
  };
}

/** The year dates are read in: `year`, else the one year in the title, else the body's most stated. */
export function resolveYear(
  meta: Pick<ReportMeta, "title" | "year">,
  sentences: readonly DraftSentence[],
): FactDraft["year"] {
  if (meta.year !== undefined) return { value: meta.year, from: "year" };
  const years = (text: string) =>
    [...text.matchAll(/(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)/g)].map((m) => Number(m[1])).filter(isYear);
  const inTitle = [...new Set(years(meta.title))];
  if (inTitle.length === 1) return { value: inTitle[0] as number, from: "title" };
  const counts = new Map<number, number>();
  const headings = new Set<string>();
  for (const s of sentences) if (s.section.heading) headings.add(s.section.heading);
  const fromHeadings = [...headings].flatMap(years);
  for (const y of fromHeadings.length > 0 ? fromHeadings : sentences.flatMap((s) => years(s.text)))
    counts.set(y, (counts.get(y) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? { value: best[0], from: "body" } : undefined;
}

// Every drafted item is checked here as loadFacts checks a hand-written one, so a reading the
// drafter gets wrong is dropped (and listed) instead of failing the build.

function provable(body: BodyText, key: DraftKey, quote: string, draft: FactDraft, ok: boolean): boolean {
  const proven = ok && findQuote(body, quote) !== undefined;
  if (!proven) draft.leftOut.push({ key, quote, reason: "its reading does not pass the provenance check" });
  return proven;
}

function provableFact(body: BodyText, abstract: string | undefined, f: Fact, draft: FactDraft): boolean {
  // A figure of the abstract quotes the front matter's abstract, which the sheet links to the top of the report.
  if (abstract?.includes(f.quote))
    return standsIn(f.value, f.quote) && unsourcedFigures(f.label, f.quote).length === 0;
  const ok =
    standsIn(f.value, f.quote) &&
    unsourcedFigures(f.label, f.quote).length === 0 &&
    (!f.unit || unsourcedFigures(f.unit, f.quote).length === 0);
  return provable(body, "facts", f.quote, draft, ok);
}

function provableIncident(body: BodyText, i: DraftIncident, draft: FactDraft): boolean {
  const ok =
    standsIn(monthName(i.date), i.quote) &&
    (!i.place || standsIn(i.place, i.quote)) &&
    (!i.killed || standsIn(i.killed.text, i.quote)) &&
    (!i.injured || standsIn(i.injured.text, i.quote)) &&
    unsourcedFigures(i.summary, i.quote).length === 0;
  return provable(body, "incidents", i.quote, draft, ok);
}

function provableGroup(body: BodyText, g: FactGroup, draft: FactDraft): boolean {
  return g.items.every((item) => {
    const quote = item.quote ?? g.quote ?? "";
    return provable(body, "groups", quote, draft, standsIn(item.value, quote));
  });
}

/** The metadata with drafted fields where the front matter has none: what the editor writes always wins, key by key. */
export function withDraft<M extends Partial<Pick<ReportMeta, DraftKey | "country-code">>>(
  meta: M,
  draft: FactDraft | undefined,
): M {
  if (!draft) return meta;
  return {
    ...meta,
    facts: meta.facts ?? draft.facts,
    groups: meta.groups ?? draft.groups,
    incidents: meta.incidents ?? draft.incidents,
    places: meta.places ?? draft.places,
    "country-code": meta["country-code"] ?? draft.country?.code,
  };
}

/** The fields the front matter lacks and the draft has. */
export function draftedKeys(
  meta: Partial<Pick<ReportMeta, DraftKey>>,
  draft: FactDraft | undefined,
): DraftKey[] {
  return draftKeys.filter((key) => meta[key] === undefined && draft?.[key] !== undefined);
}
