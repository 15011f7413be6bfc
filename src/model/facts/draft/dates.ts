import { isYear } from "./numbers.ts";

export const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** A date a sentence writes: `On January 2`, `July 14, 2021`, `On 14 July 2021`, `In December`. */
export interface DateMention {
  month: number;
  day?: number;
  year?: number;
  start: number;
  end: number;
  /**
   * Not the sentence's own date: the end or start of a span (`until April`, `since May 24`, `By
   * September`), or one day of a range (`June 3 and 6`).
   */
  bound?: "span" | "range";
}

const month = `(${monthNames.join("|")})`;
const day = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
/** Month-day(-year) and day-month(-year); a month alone or with its year. */
const datePattern = new RegExp(
  String.raw`\b${month}\s+${day}(?:,\s*(\d{4}))?(?![\d:])|\b${day}\s+${month}(?:,?\s+(\d{4}))?\b|\b${month}(?:\s+of)?\s+(\d{4})\b|\b${month}\b`,
  "g",
);

/** Words before a date that make it the bound of a span, not when something happened. */
const spanBefore =
  /(?:\b(?:until|till|since|by|before|after|from|through|throughout|between|to|as of|beginning|beginning in|starting|starting in|ending|ending in))\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?$/i;
/** A month alone is a date only after `in`/`during` (`May` is also a verb). */
const monthAloneBefore = /\b(?:in|during|early|late|mid-?|the end of|the beginning of|the start of)\s*$/i;

/** Every date mention of a sentence, in order; a mention's `bound` says when it is not the sentence's own. */
export function dateMentions(sentence: string): DateMention[] {
  const mentions: DateMention[] = [];
  for (const m of sentence.matchAll(datePattern)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = sentence.slice(Math.max(0, start - 24), start);
    const after = sentence.slice(end, end + 12);
    let mention: DateMention | undefined;
    // `On March 5, 1200 people`: four digits after the day that are no year are no part of the date.
    if (m[1]) mention = { month: monthIndex(m[1]), day: Number(m[2]), year: yearOr(m[3]), start, end };
    else if (m[5]) mention = { month: monthIndex(m[5]), day: Number(m[4]), year: numberOr(m[6]), start, end };
    else if (m[7]) mention = { month: monthIndex(m[7]), year: Number(m[8]), start, end };
    else if (m[9]) {
      // `May` the verb, `March` the noun: a month alone counts only where a reader takes it as one.
      if (!monthAloneBefore.test(before) && !/^\s+\d{4}\b/.test(after)) continue;
      mention = { month: monthIndex(m[9]), start, end };
    }
    if (!mention) continue;
    if (mention.year !== undefined && !isYear(mention.year)) continue;
    if (mention.day !== undefined && !validDay(mention.day, mention.month, mention.year)) continue;
    if (spanBefore.test(before)) mention.bound = "span";
    // `June 3 and 6`, `3 and 4 June`, `June 3-6`: a range of days has no one date.
    if (/^\s*(?:and|or|to|-|–)\s*\d/.test(after) || /\d\s*(?:and|or|to|-|–)\s*$/.test(before))
      mention.bound = "range";
    mentions.push(mention);
  }
  return mentions;
}

/**
 * The one date a sentence is about, or why it has none: several different dates, a range, or no
 * date of its own. `year` resolves a date that does not state its year.
 */
export function sentenceDate(
  sentence: string,
  year: number | undefined,
): { iso: string; mention: DateMention } | { reason: string } | undefined {
  const mentions = dateMentions(sentence);
  if (mentions.length === 0) return undefined;
  if (mentions.some((m) => m.bound === "range")) return { reason: "it gives a range of dates" };
  const own = mentions.filter((m) => !m.bound);
  if (own.length === 0) return undefined;
  const isos = new Set(own.map((m) => iso(m, year)));
  if (isos.size > 1) return { reason: "it gives more than one date" };
  const mention = own[0] as DateMention;
  const date = iso(mention, year);
  if (!date) return { reason: "no year to date it in (set `year` in the front matter)" };
  return { iso: date, mention };
}

/** `YYYY-MM-DD`, or `YYYY-MM` when the sentence gives only the month; undefined without a year. */
export function iso(mention: DateMention, fallbackYear: number | undefined): string | undefined {
  const y = mention.year ?? fallbackYear;
  if (y === undefined) return undefined;
  const mm = String(mention.month).padStart(2, "0");
  return mention.day === undefined ? `${y}-${mm}` : `${y}-${mm}-${String(mention.day).padStart(2, "0")}`;
}

function monthIndex(name: string): number {
  return monthNames.indexOf(name as (typeof monthNames)[number]) + 1;
}

function numberOr(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

function yearOr(s: string | undefined): number | undefined {
  const n = numberOr(s);
  return n !== undefined && isYear(n) ? n : undefined;
}

function validDay(d: number, m: number, y: number | undefined): boolean {
  if (d < 1) return false;
  const days = [31, y !== undefined && y % 4 !== 0 ? 28 : 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}
