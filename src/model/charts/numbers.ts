import type { NumberUnit } from "./types.ts";

/** What a cell holds: a number (with how it is written), a missing value, or text. */
export type CellValue =
  | { kind: "number"; value: number; unit: NumberUnit; decimals: number }
  | { kind: "missing" }
  | { kind: "text" };

/** How tables write "no value": a dash, `n/a`, `..` (statistical offices), or nothing. */
const missingValue = /^(?:|—|–|-|‒|n\/?a|N\/?A|na|\.\.|…|\*)$/u;

/**
 * A number as tables write it: an optional sign, a currency prefix (`$`, `US$`, `€`, `£`, `¥`),
 * digits with or without thousands separators (`1,540`, or `1 540` as French tables write it),
 * decimals after a point, and a suffix (`%`, `percent`, or a short unit such as `km`, `MW`, `bn`).
 * A decimal comma is not read: `1,54` is more often `1,540` mistyped than a French 1.54.
 */
const writtenNumber =
  /^([+\-−]?)\s*((?:[A-Z]{1,3})?[$€£¥₹]|)\s*([+\-−]?)(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+|)(?:\.(\d+))?\s*(%|‰|percent|[A-Za-z]{1,4}|)$/u;

/** Reads a cell as a number the way the table writes it (`1,540`, `$38.6`, `81%`; `—` is missing). */
export function readCell(text: string): CellValue {
  const trimmed = text.replace(/[\u00a0\u202f]/g, " ").trim();
  if (missingValue.test(trimmed)) return { kind: "missing" };
  const match = writtenNumber.exec(trimmed);
  if (!match) return { kind: "text" };
  const [, signBefore = "", prefix = "", signAfter = "", whole = "", fraction = "", suffix = ""] = match;
  if ((signBefore && signAfter) || (!whole && !fraction)) return { kind: "text" };
  const negative = /[-−]/.test(signBefore + signAfter);
  const value = Number(`${whole.replace(/[, ]/g, "") || "0"}.${fraction || "0"}`);
  if (!Number.isFinite(value)) return { kind: "text" };
  return {
    kind: "number",
    value: negative ? -value : value,
    unit: { prefix, suffix },
    decimals: fraction.length,
  };
}

/** `$…`, `…%`, `… km`: how a unit reads in a message. */
export function unitName(unit: NumberUnit): string {
  if (!unit.prefix && !unit.suffix) return "no unit";
  return [unit.prefix, unit.suffix].filter(Boolean).join(" … ");
}

/** Whether two units are the same. */
export function sameUnit(a: NumberUnit, b: NumberUnit): boolean {
  return a.prefix === b.prefix && a.suffix === b.suffix;
}
