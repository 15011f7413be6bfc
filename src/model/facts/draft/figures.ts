import { digitsSource, hedgePattern, isYear } from "./numbers.ts";

/**
 * What a key figure counts, which ranks it: a reader looks first for people, then money, then
 * shares, then other counts; measures (`853 km`) and spans of time come last.
 */
export type FigureKind = "people" | "money" | "share" | "count" | "measure";

/** A key figure read from one sentence, in the front matter's shape less its priority. */
export interface FigureReading {
  /** As written, hedge included: `at least 74`, `1,826`, `some 4,500`, `$212 million`, `38%`. */
  value: string;
  unit?: string;
  label: string;
  kind: FigureKind;
}

const scale = String.raw`(?:\s+(million|billion|trillion|thousand))?`;
const countPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥#§¶.,:\-–/])(?:(${hedgePattern})\s+)?(${digitsSource})${scale}(?![\p{N}\p{L}%\-–/:]|[.,]\d)`,
  "giu",
);
/** `$212 million`, `€1.5 billion`, `US$40`: money as written, hedge included. */
const moneyPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(${hedgePattern})\s+)?((?:US)?[$€£]\s?(?:${digitsSource})${scale})(?![\p{N}%\-–/]|[.,]\d)`,
  "giu",
);
/** `38%`, `98 percent`: a share as written. */
const sharePattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£.,\-–/])(?:(${hedgePattern})\s+)?(${digitsSource})(\s?%|\s+percent(?:age points)?\b|\s+per\s?cent\b)`,
  "giu",
);

/**
 * Words after which a number is a reference, not a count: `resolution 2396`, `Table 1`, `version 53`,
 * `Pub. L. 113`. Compared in lower case, with a trailing period dropped.
 */
const referenceWords = new Set(
  "resolution resolutions section sections sec article articles law laws act acts decree decrees no nos number numbers chapter chapters ch paragraph paragraphs para page pages p pp code codes title titles unscr order orders ordinance ordinances amendment amendments item items point points phase phases level levels grade grades class version versions v ver release rev revision edition routes route highway highways flight flights room rooms case cases annex annexes rule rules report reports brigade brigades battalion battalions unit units district districts zone zones sector sectors block blocks lot lots kilometer kilometre km mile age aged table tables figure figures fig exhibit exhibits chart charts appendix appendices attachment attachments part parts step steps tier tiers footnote footnotes note notes box boxes volume vol issue tab schedule form forms sp fips iso omb executive p.l pub circular directive memorandum bill h.r s h.res s.res stat fy cy ext extension tel telephone phone fax suite apt box po street st avenue ave road rd level".split(
    " ",
  ),
);
/** Words right after a number that make it a citation: `44 U.S.C. 3501`, `3501 et seq`, `36 C.F.R.`. */
const citationAfter =
  /^\s*(?:U\.\s?S\.\s?C|USC|C\.\s?F\.\s?R|CFR|Stat\b|Fed\.\s?Reg|FR\b|U\.\s?S\.(?!\s+(?:\p{Ll}))|S\.\s?Ct|F\.\s?\d|et\s+seq|Pub\b|I\.?L\.?M|O\.?J\.?)/iu;
/** Words right before a number that make it a citation: `§ 3501`, `U.S.C. 3501`, `Pub. L. 113-4`, `E.O. 13642`. */
const citationBefore =
  /(?:§§?|¶|\bU\.\s?S\.\s?C\.?|\bC\.\s?F\.\s?R\.?|\bPub\.\s*L\.?|\bP\.\s?L\.?|\bE\.\s?O\.?|\bStat\.|\bNo\.|\bH\.\s?R\.?|\bS\.)\s*$/i;
const units =
  /^\s+(percent|per cent|square miles|sq mi|sq km|square kilometers|square kilometres|miles|kilometers|kilometres|km|hectares|acres|tons|tonnes|metres|meters|feet|gallons|liters|litres|megawatts|MW|GW|barrels)\b/i;
/** A number followed by one of these counts no thing: `1 in 100,000`, `for 20 years`. */
const notNouns =
  /^(?:in|of|to|per|and|or|the|a|an|at|on|by|for|from|with|than|was|were|is|are|has|have|had|years?|months?|days?|weeks?|hours?|minutes?|seconds?|times|percent|per|p\.m\.|a\.m\.|am|pm|o'clock|et|seq|through|thru|who|which|that|this|these|those|its|their|it|as|be|been|being|will|would|shall|should|may|can|could|must|also|not|no|each|all|more|less|fewer|other|above|below|percentile|st|nd|rd|th)$/i;
/** Who a count of people counts: ranked first on the sheet. */
const peopleNouns =
  /^(?:people|persons?|residents?|inhabitants|citizens|individuals|customers?|households?|families|children|adults|students|pupils|teachers|workers|employees|staff|personnel|officers|troops|soldiers|civilians|refugees|migrants|IDPs|voters|patients|beneficiaries|recipients|members|users|developers|respondents|participants|applicants|deaths|fatalities|victims|casualties|hostages|prisoners|detainees|veterans|seniors|women|men|girls|boys|infants|births|visitors|tourists|farmers|owners|renters|tenants|homeowners|consumers|clients|claimants|enrollees|retirees)$/i;
/** Where a label ends: the clause's end. */
const clauseEnd =
  /[;:()[\]—–<]|,(?=\s|$)|\.(?=\s+[^\p{Ll}]|$)|\s-\s|\s+and\s+(?=(?:about|some|nearly|over|more than|\$)?\s*\d|\p{Ll}+ed\b)/u;

/** A number and how it stands in its sentence. */
interface Match {
  start: number;
  end: number;
  hedge?: string;
  digits: string;
  scale?: string;
}

/**
 * Why a number is no key figure, or undefined when it may be one: a zero or a one, a year alone,
 * a reference (`Table 1`, `section 7008`, `version 53`), a citation (`44 U.S.C. 3501`, `3501 et
 * seq`, `Pub. L. 113-4`), a telephone number, a time (`10:30`), a range or a ratio.
 */
export function notAFigure(masked: string, m: Match): string | undefined {
  const n = Number(m.digits.replace(/[^\d.]/g, ""));
  if (!m.scale && (n === 0 || n === 1)) return "a zero or a one counts nothing worth a key figure";
  if (!/[,.]/.test(m.digits) && isYear(n) && !m.scale) return "a year alone";
  const before = masked.slice(0, m.start);
  const rest = masked.slice(m.end);
  const previous = /(\S+)\s+$/.exec(before)?.[1] ?? "";
  const word = previous.toLowerCase().replace(/[.,]$/, "");
  if (citationBefore.test(before) || citationAfter.test(rest)) return "a citation";
  if (referenceWords.has(word) && !/[,;:]$/.test(previous))
    return "a reference number (table, section, version…)";
  // `Brigade 30`, `UNSCR 1373`, `FIPS 140`: a number right after a name is part of the name.
  if (/^\p{Lu}[\p{L}\p{N}-]*$/u.test(previous) && !m.hedge && !leadWords.has(previous))
    return "part of a name";
  if (/\(\s*$/.test(before) && /^\s*\)\s*\d/.test(rest)) return "a telephone number";
  if (/\d\s*[:/]\s*$/.test(before) || /^\s*:\s*\d/.test(rest)) return "a time or a ratio";
  if (/\b(?:1|one)\s+in\s+$/i.test(before) || /\d\s*(?:to|-|–|and|or)\s+$/.test(before))
    return "a range or a rate";
  if (new RegExp(String.raw`^\s*(?:to|-|–|or|and)\s*(?:${hedgePattern}\s+)?[$€£]?\d`, "i").test(rest))
    return "a range";
  return undefined;
}

/** Capitalised words that open a sentence before a count (`In 2024 …`, `Of 74 attacks …`). */
const leadWords = new Set(
  "In Of By At On With Over Under About Around Nearly Almost Some Only Just Since Among From For To Across After Before During Of And But Then Another All Roughly Approximately".split(
    " ",
  ),
);

/** French: `37 millions de foyers fiscaux`, `plus de 50 équivalents temps plein`, `8 exemples réels`. */
const frenchHedges = String.raw`(?:plus\s+de|moins\s+de|environ|près\s+de|au\s+moins|quelque|jusqu[’']à|presque)`;
const frenchDigits = String.raw`\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
const frenchCount = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£§.,:\-–/])(?:(${frenchHedges})\s+)?(${frenchDigits})(?:\s+(millions?|milliards?)(?:\s+d[e’'])?)?(?![\p{N}\p{L}%°\-–/:]|[.,]\d)`,
  "giu",
);
const frenchReferences =
  /^(?:articles?|lois?|décrets?|alinéas?|tableaux?|tableau|figures?|sections?|chapitres?|annexes?|pages?|p\.|versions?|n°|no|numéros?|points?|étapes?|parties?|titres?|livres?|circulaires?|arrêtés?|ordonnances?)$/i;
const frenchNotNouns =
  /^(?:de|des|du|d[’']\S*|la|le|les|l[’']\S*|et|ou|à|au|aux|en|ans?|années?|mois|jours?|semaines?|heures?|minutes?|fois|pour|par|sur|qui|que|est|sont|a|ont|était|sera|ce|cette|ces|se|sa|son|ses|leur|leurs|avec|dans|entre|contre|%|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|premier|première)$/i;
const frenchPeople =
  /^(?:personnes|habitants|agents|salariés|foyers|ménages|usagers|citoyens|élèves|enfants|familles|employés|fonctionnaires|patients|bénéficiaires|demandeurs|électeurs|adultes|femmes|hommes|jeunes|étudiants|ressortissants|victimes|morts|décès)$/i;

/** The counts one French sentence states with what they count; references, years, zeros and ones are none. */
function readFrenchFigures(text: string, masked: string): FigureReading[] {
  const found: FigureReading[] = [];
  for (const m of masked.matchAll(frenchCount)) {
    const digits = (m[2] as string).replace(/[\u00a0\u202f ]/g, "");
    const n = Number(digits.replace(",", "."));
    if (!m[3] && (n === 0 || n === 1 || (!/,/.test(digits) && isYear(n)))) continue;
    const before = masked.slice(0, m.index);
    const previous = (/(\S+)\s+$/.exec(before)?.[1] ?? "").replace(/[.,]$/, "");
    if (frenchReferences.test(previous) || /^\p{Lu}[\p{L}\p{N}-]*$/u.test(previous)) continue;
    const rest = text.slice(m.index + m[0].length);
    if (/^\s*(?:à|-|–|ou|et)\s*\d/.test(rest)) continue;
    const first = /^\s*([\p{L}’'-]+)/u.exec(rest)?.[1] ?? "";
    if (!/^\p{Ll}/u.test(first) || frenchNotNouns.test(first)) continue;
    const label = clause(rest.trimStart());
    if (!label) continue;
    const value = text.slice(m.index, m.index + m[0].length).replace(/\s+d[e’']$/, "");
    found.push({ value, label, kind: frenchPeople.test(first) ? "people" : "count" });
  }
  return found;
}

/**
 * The figures one sentence states with what they count: `at least 74 attacks in Niger during
 * 2021`, `1,540 community water systems`, `$212 million awarded`, `38% of the customers we
 * surveyed`, `some 4,500 miles` (unit, labelled by what extends). Years, references (`Table 1`,
 * `resolution 2396`), citations (`44 U.S.C. 3501`), ranges, ratios, zeros and ones and numbers
 * with no noun after them are no figure. `masked` is `text` with its dates blanked. French
 * (`lang: fr`) is read for counts only: `37 millions de foyers fiscaux`.
 */
export function readFigures(text: string, masked: string, lang = "en"): FigureReading[] {
  if (/^fr\b/i.test(lang)) return readFrenchFigures(text, masked);
  const found: Array<FigureReading & { start: number }> = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const field = readField(text);
  if (field) {
    found.push(field.reading);
    taken.push([0, field.end]);
  }

  for (const m of masked.matchAll(moneyPattern)) {
    const start = m.index;
    const end = start + m[0].length;
    taken.push([start, end]);
    const digits = (m[2] as string).replace(/^(?:US)?[$€£]\s?/, "").replace(/\s.*$/, "");
    const match = { start, end, hedge: m[1], digits, scale: m[3] };
    if (notAFigure(masked, { ...match, scale: match.scale ?? "money" })) continue;
    if (Number(digits.replace(/,/g, "")) === 0) continue;
    const after = labelAfter(text.slice(end));
    const before = subjectOf(withoutReporting(clauseBefore(text.slice(0, start))));
    // `A parent who earns $10,000 a year can therefore receive at most $1,125`: a sum labelled by
    // another sum is a comparison's half, not a key figure.
    if (!after && moneyIn.test(before)) continue;
    const label = after ?? before;
    if (label) found.push({ value: text.slice(start, end), label, kind: "money", start });
  }
  for (const m of masked.matchAll(sharePattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    taken.push([start, end]);
    if (/^\s*(?:to|-|–|or|and)\s*\d/.test(masked.slice(end))) continue;
    if (/\d\s*(?:%|percent)?\s*(?:to|-|–)\s*$/.test(masked.slice(0, start))) continue;
    const digits = m[2] as string;
    if (Number(digits) === 0) continue;
    const sign = (m[3] as string).trim();
    const percentSign = sign === "%";
    const valueEnd = percentSign ? end : start + (m[1] ? m[1].length + 1 : 0) + digits.length;
    const after = text.slice(end);
    const label = shareLabel(text.slice(0, start), after);
    if (!label) continue;
    found.push({
      value: text.slice(start, valueEnd).trim(),
      ...(percentSign ? {} : { unit: sign }),
      label,
      kind: "share",
      start,
    });
  }
  for (const m of masked.matchAll(countPattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const match = { start, end, hedge: m[1], digits: m[2] as string, scale: m[3] };
    if (notAFigure(masked, match)) continue;
    const rest = masked.slice(end);
    const value = text.slice(start, end);
    const unit = units.exec(rest);
    if (unit) {
      const afterUnit = end + unit[0].length;
      const label = /^\s+of\b/.test(text.slice(afterUnit))
        ? clause(text.slice(afterUnit).trimStart())
        : clauseBefore(text.slice(0, start));
      if (label) found.push({ value, unit: unit[1] as string, label, kind: "measure", start });
      continue;
    }
    if (!countsAThing(rest)) continue;
    const label = withoutReportingVerb(clause(text.slice(end).trimStart()));
    if (placeholderNoun.test(label)) continue;
    // `278, or 67 percent, of the 417 cases`: the share's label already tells the 417.
    if (
      found.some(
        (f) => f.kind === "share" && new RegExp(`^of (?:the )?${escapeRegExp(value)}\\b`).test(f.label),
      )
    )
      continue;
    if (label) found.push({ value, label, kind: countsPeople(label) ? "people" : "count", start });
  }
  return found
    .filter((f) => f.kind === "people" || f.kind === "count" || !weakLabel(f.label))
    .sort((a, b) => a.start - b.start)
    .map(({ start: _start, ...reading }) => reading);
}

/**
 * A statistical profile's field, `Label value (2025 est.)`: `Population total: 244,344,065 (2025
 * est.)`, `Labor force 113.35 million (2024 est.)`, `Area total: 923,768 sq km`. The label is the
 * field's name; the value its first figure.
 */
const fieldPattern = new RegExp(
  String.raw`^(\p{Lu}[\p{L}() ’'-]{2,60}?)\s+(?:_?total\s*_?\s*:\s*)?((?:${hedgePattern}\s+)?\$?(?:${digitsSource})(?:\s+(?:million|billion|trillion))?)(%|\s+sq km|\s+km)?(?=\s+\(\d{4}(?:\s+est\.)?\)|\s+\p{Ll}+:)`,
  "iu",
);
const peopleFields =
  /\b(?:population|labou?r force|refugees|IDPs|personnel|people|residents|inhabitants|workers|employees|troops)\b/i;

function readField(text: string): { reading: FigureReading & { start: number }; end: number } | undefined {
  const m = fieldPattern.exec(text);
  if (!m) return undefined;
  const label = (m[1] as string).trim();
  const value = m[2] as string;
  const digits = value.replace(/^[^\d]*/, "").replace(/\s.*$/, "");
  const n = Number(digits.replace(/,/g, ""));
  if (
    n === 0 ||
    (n === 1 && !/illion/.test(value)) ||
    (isYear(n) && !/[,.]/.test(digits) && !value.startsWith("$"))
  )
    return undefined;
  const unit = m[3]?.trim();
  const kind: FigureKind = value.includes("$")
    ? "money"
    : unit === "%"
      ? "share"
      : unit
        ? "measure"
        : peopleFields.test(label)
          ? "people"
          : "count";
  const shown = unit === "%" ? `${value}%` : value;
  return {
    reading: { value: shown, ...(unit && unit !== "%" ? { unit } : {}), label, kind, start: m.index },
    end: m[0].length,
  };
}

/** The words after money when they say what it is (`awarded`, `in grants`), else undefined. */
function labelAfter(rest: string): string | undefined {
  const words = rest.trimStart();
  if (
    !/^\p{Ll}/u.test(words) ||
    /^(?:in|on|at|for|of|to|from|by|per|a|an|the|up|down|than|and|or|each|every|annually|over|under|into|with|more|less|is|was|were|are)\b/.test(
      words,
    )
  )
    return undefined;
  const label = clause(words);
  return label || undefined;
}

/** A label that says nothing of what is counted: a pronoun or a conjunction and a verb (`It was`, `and the other`). */
export function weakLabel(label: string): boolean {
  const words = label.split(/\s+/).filter(Boolean);
  return (
    (words.length < 2 && !/^\p{Lu}/u.test(label)) ||
    /^(?:it|this|that|these|those|they|he|she|we|and|or|but|which|who|there|up|down|from|than|to|by|at|in|on)\b/i.test(
      label,
    )
  );
}

/** Whether a count's label names people: its first lowercase word (`residents`, `federal workers`). */
function countsPeople(label: string): boolean {
  const words = label.split(/\s+/).slice(0, 3);
  return words.some((w) => peopleNouns.test(w.replace(/[,.;:)]+$/, "")));
}

/** Whether the words after a number name what it counts (`attacks`, `MINUSMA peacekeepers`). */
function countsAThing(rest: string): boolean {
  const words = rest.trimStart().split(/\s+/, 4);
  for (let i = 0; i < words.length && i < 3; i++) {
    const w = (words[i] as string).replace(/[,.;:)]+$/, "");
    // `7.2 million residents.` ends on its noun; `74: the rest` or `(12)` has none.
    if (w !== words[i] && i === 0 && !/^\p{Ll}[\p{L}’'-]*[.,;]$/u.test(words[i] as string)) return false;
    if (/^\p{Ll}[\p{L}’'-]*$/u.test(w)) return !notNouns.test(w);
    // Up to two names before the noun: `13 MINUSMA peacekeepers`, `13,000 FARC ex-combatants`.
    if (!/^\p{Lu}[\p{L}\p{N}’'-]*$/u.test(w) || w !== words[i]) return false;
  }
  return false;
}

const maxLabel = 100;

/** The clause starting at `text`, up to its end, at most `maxLabel` characters cut at a word. */
function clause(text: string): string {
  const cut = clauseEnd.exec(text);
  return shorten((cut ? text.slice(0, cut.index) : text).trim());
}

/** A sum as written inside a label (`earns $10,000 a year`). */
const moneyIn = /(?:US)?[$€£]\s?\d/;

/** Verbs by which a report says who told it something: a label stops before them. */
const reportingVerb =
  /\s+(?:found|find|finds|told|tell|said|say|says|reported|report|reports|estimated|stated|noted|indicated|responded|answered|agreed|believed?)\b.*$/i;

/** `57,075 developers found that` → `developers`, `48 utility managers told us` → `utility managers`. */
function withoutReportingVerb(label: string): string {
  const cut = label.replace(reportingVerb, "").replace(/(?:\s+(?:and|or|but|who|which|that))+$/i, "");
  return cut && cut !== label ? cut : label;
}

/** `Managers told us that a shutoff costs them` → `a shutoff costs them`: who said it is not what it is. */
function withoutReporting(label: string): string {
  const frame =
    /^.*?\b(?:found|told\s+(?:us|them|me)|said|reported|estimated|stated|noted)\s+that\s+(?=\S)/i.exec(label);
  return frame ? label.slice(frame[0].length) : label;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A noun that stands for what the sentence said before it (`in only 17 instances`): alone it labels nothing. */
const placeholderNoun = /^(?:instances|occasions|times|ones|others|things|ways)$/i;

/**
 * What a share is a share of: the clause after it when it says (`38% of the customers`, `278, or
 * 67 percent, of the 417 cases`); the noun it stands in brackets after (`The hires rate (3.2
 * percent)`); else the subject of the clause before it (`The job openings rate was … at 2.4 percent`).
 */
function shareLabel(before: string, after: string): string {
  const of = /^,?\s+(?=of\b)/.exec(after);
  if (of) return clause(after.slice(of[0].length));
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) {
    const noun = clauseBefore(before.replace(/\s*\(\s*$/, "")).replace(/^(?:and|or|but)\s+/i, "");
    // `risen by 863,000 (37 percent)` is a share of a change, not of a thing the words name.
    return /[\p{N}%]$/u.test(noun) ? "" : withoutArticle(noun);
  }
  return subjectOf(withoutReporting(clauseBefore(before)));
}

/** Verbs that link a subject to the figure it is (`was … at`, `totaled`, `remained at`), not a change. */
const linkingVerb =
  /\s+(?:was|were|is|are|has been|have been|had been|remained|stood|totaled|totalled|amounted to|averaged|reached|came to)\b/i;

/**
 * The subject of a clause that links it to the figure after it: `The job openings rate was unchanged
 * over the month at` → `job openings rate`, `foreign holdings of federal debt totaled` → `foreign
 * holdings of federal debt`. A clause with no linking verb (`rates rose by`) is kept whole: its verb
 * says what the figure is.
 */
function subjectOf(label: string): string {
  const verb = linkingVerb.exec(label);
  if (!verb || verb.index === 0) return label;
  return withoutArticle(label.slice(0, verb.index));
}

/** A label without the article it opens with (`The hires rate` → `hires rate`). */
function withoutArticle(label: string): string {
  return label.replace(/^(?:the|a|an)\s+(?=\S)/i, "");
}

/** The clause ending where `text` ends (what a measured unit belongs to: `Mali’s … borders extend`). */
function clauseBefore(text: string): string {
  let from = 0;
  for (const m of text.matchAll(/[;:()[\]—–>]|,(?=\s)/g)) from = m.index + 1;
  return shorten(text.slice(from).trim());
}

function shorten(label: string): string {
  if (label.length <= maxLabel) return label;
  const cut = label.slice(0, maxLabel).replace(/\s+\S*$/, "");
  return `${cut}…`;
}
