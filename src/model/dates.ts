import type { z } from "zod";

/** A date as ISO 8601 writes it, the day optional: `2025-03-14`, `2025-03`. */
const isoLike = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/;

/**
 * Why a date written the ISO way (`2025-13-14`, `2025-02-30`) is not on the calendar, or nothing
 * (for a real date, and for free text such as `Spring 2025`, which is shown as written).
 */
export function impossibleDate(value: string): string | undefined {
  const match = isoLike.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [match[1], match[2], match[3]].map((n) =>
    n === undefined ? undefined : Number(n),
  );
  if (month === undefined || month < 1 || month > 12)
    return `\`${value}\` is not a date: there is no month ${month}`;
  if (day === undefined) return undefined;
  const days = daysIn(year ?? 0, month);
  if (day < 1 || day > days)
    return `\`${value}\` is not a date: ${monthNames[month - 1]} ${year} has ${days} days`;
  return undefined;
}

const monthNames =
  "January February March April May June July August September October November December".split(" ");

/** The number of days of a month (1–12) of a year of the Gregorian calendar. */
function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Issue parameter that places a front matter error at the field's value rather than its key. */
export const atValue = { at: "value" } as const;

/** A zod refinement: a date written the ISO way must be on the calendar (an error at the value). */
export function onTheCalendar(value: string, context: z.RefinementCtx): void {
  const reason = impossibleDate(value);
  if (reason) context.addIssue({ code: "custom", message: reason, params: atValue });
}
