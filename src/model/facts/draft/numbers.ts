import { smallNumbers } from "../provenance.ts";

/**
 * How a report writes a count: digits as the quote has them (`1,836` stays `1,836`), a small
 * number word (`Five`), and the hedge before it (`more than`, `an estimated`), which is kept.
 */

/** Hedges kept with a count, longest first so `more than` wins over `over`. */
export const hedges = [
  "an estimated",
  "as many as",
  "approximately",
  "more than",
  "fewer than",
  "less than",
  "at least",
  "roughly",
  "nearly",
  "almost",
  "around",
  "about",
  "up to",
  "over",
  "some",
] as const;

/** The number words a count may be spelled with, `one` to `twenty` (the provenance check's). */
const numberWords = smallNumbers.slice(1);

/** Digits with thousands separators or a decimal part: `74`, `1,826`, `1.7`. */
export const digitsSource = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const hedgeSource = hedges.map((h) => h.replace(" ", "\\s+")).join("|");
export const hedgePattern = `(?:${hedgeSource})`;
/** A head count as written: hedge, then digits or a number word (`an estimated 64`, `Five`). */
export const countSource = String.raw`(?:(?:${hedgeSource})\s+)?(?:${digitsSource}|(?:${numberWords.join("|")})(?![\p{L}-]))`;

/** The value of a count as written (`at least 1,826` → 1826, `Five` → 5); undefined when not one. */
export function countValue(text: string): number | undefined {
  const bare = text
    .trim()
    .replace(new RegExp(`^${hedgePattern}\\s+`, "i"), "")
    .toLowerCase();
  if (/^\d[\d,]*(?:\.\d+)?$/.test(bare)) return Number(bare.replace(/,/g, ""));
  const word = smallNumbers.indexOf(bare);
  return word >= 1 ? word : undefined;
}

/** Years a report dates things in. */
export const isYear = (n: number) => Number.isInteger(n) && n >= 1800 && n <= 2100;
