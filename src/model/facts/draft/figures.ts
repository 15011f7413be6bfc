import { digitsSource, hedgePattern, isYear } from "./numbers.ts";

/** A key figure read from one sentence, in the front matter's shape less its priority. */
export interface FigureReading {
  /** As written, hedge included: `at least 74`, `1,826`, `some 4,500`. */
  value: string;
  unit?: string;
  label: string;
}

const countPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥#.,\-–/])(?:(${hedgePattern})\s+)?(${digitsSource})(?:\s+(million|billion|thousand))?(?![\p{N}\p{L}%\-–/]|[.,]\d)`,
  "giu",
);
/** Words after which a number is a reference, not a count: `resolution 2396`, `section 7008`. */
const referenceWords =
  /^(?:resolutions?|sections?|articles?|laws?|acts?|decrees?|no\.?|nos\.?|numbers?|chapters?|paragraphs?|pages?|codes?|titles?|unscr|orders?|ordinances?|amendments?|items?|points?|phases?|levels?|grades?|class|versions?|routes?|highways?|flights?|rooms?|cases?|annex(?:es)?|rules?|reports?|brigades?|battalions?|units?|districts?|zones?|sectors?|blocks?|lots?|kilometer|kilometre|km|mile|age|aged)$/i;
const units =
  /^\s+(percent|per cent|square miles|square kilometers|square kilometres|miles|kilometers|kilometres|km|hectares|acres|tons|tonnes|metres|meters|feet)\b/i;
/** A number followed by one of these counts no thing: `1 in 100,000`, `for 20 years`. */
const notNouns =
  /^(?:in|of|to|per|and|or|the|a|an|at|on|by|for|from|with|than|was|were|is|are|has|have|had|years?|months?|days?|weeks?|hours?|minutes?|times|percent|per|p\.m\.|a\.m\.|am|pm)$/i;
/** Where a label ends: the clause's end. */
const clauseEnd = /[,;:()[\]—–]|\.(?=\s|$)|\s-\s/;

/**
 * The counts one sentence states with the noun phrase they count: `at least 74 attacks in Niger
 * during 2021`, `1,826 fatalities recorded by …`, `some 4,500 miles` (unit, labelled by what
 * extends). Years, references (`resolution 2396`), ranges (`4,500 to 5,000`), ratios, money and
 * numbers with no noun after them are no figure. `masked` is `text` with its dates blanked.
 */
export function readFigures(text: string, masked: string): FigureReading[] {
  const found: FigureReading[] = [];
  for (const m of masked.matchAll(countPattern)) {
    const digits = m[2] as string;
    if (!/[,.]/.test(digits) && isYear(Number(digits)) && !m[3]) continue;
    const start = m.index;
    const end = start + m[0].length;
    const before = masked.slice(0, start);
    const previous = /(\S+)\s+$/.exec(before)?.[1] ?? "";
    if (referenceWords.test(previous.replace(/[.,]$/, "")) && !/[,;:]$/.test(previous)) continue;
    // `Brigade 30`, `UNSCR 1373`: a number right after a name is part of the name.
    if (/^\p{Lu}[\p{L}\p{N}-]*$/u.test(previous) && !m[1] && start > previous.length + 1) continue;
    if (/\b(?:1|one)\s+in\s+$/i.test(before) || /\d\s*(?:to|-|–|and|or)\s+$/.test(before)) continue;
    const rest = masked.slice(end);
    if (new RegExp(String.raw`^\s*(?:to|-|–|or|and)\s*(?:${hedgePattern}\s+)?\d`, "i").test(rest)) continue;
    const value = text.slice(start, end);
    const unit = units.exec(rest);
    if (unit) {
      const afterUnit = end + unit[0].length;
      const label = /^\s+of\b/.test(text.slice(afterUnit))
        ? clause(text.slice(afterUnit).trimStart())
        : clauseBefore(text.slice(0, start));
      if (label) found.push({ value, unit: unit[1] as string, label });
      continue;
    }
    if (!countsAThing(rest)) continue;
    const label = clause(text.slice(end).trimStart());
    if (label) found.push({ value, label });
  }
  return found;
}

/** Whether the words after a number name what it counts (`attacks`, `MINUSMA peacekeepers`). */
function countsAThing(rest: string): boolean {
  const words = rest.trimStart().split(/\s+/, 4);
  for (let i = 0; i < words.length && i < 3; i++) {
    const w = (words[i] as string).replace(/[,.;:)]+$/, "");
    if (w !== words[i] && i === 0) return false;
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

/** The clause ending where `text` ends (what a measured unit belongs to: `Mali’s … borders extend`). */
function clauseBefore(text: string): string {
  let from = 0;
  for (const m of text.matchAll(/[,;:()[\]—–]/g)) from = m.index + 1;
  return shorten(text.slice(from).trim());
}

function shorten(label: string): string {
  if (label.length <= maxLabel) return label;
  const cut = label.slice(0, maxLabel).replace(/\s+\S*$/, "");
  return `${cut}…`;
}
