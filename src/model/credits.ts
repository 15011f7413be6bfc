import { conjunctionList, dateFormat } from "./intl-formats.ts";
import type { Author, ReportMeta } from "./schema.ts";

/** Who and when, as every format's title block, byline and metadata show them. */
export interface Credits {
  /** Every author's name, for document properties (`A; B`). */
  names: string;
  /**
   * The authors the title block shows, `Name (Affiliation)`, as one phrase in the report's
   * language (`A, B and C`); empty when the authors only repeat the publisher and bureau.
   */
  byline: string;
  /** The same authors by name only (`A and B`), where room is short (the fact sheet's band). */
  shortByline: string;
  /** The front matter's `date` for a reader: `14 March 2025` (en-GB), `March 14, 2025` (en-US), `14 mars 2025`. */
  date?: string;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[\s,;·]+/)
    .filter(Boolean)
    .sort()
    .join(" ");

/** An author whose name is only the publisher and bureau (Mali: the Bureau, of the Department). */
function repeatsPublisher(author: Author, meta: ReportMeta): boolean {
  if (author.affiliation || !meta.publisher) return false;
  const house = [meta.publisher, meta.bureau].filter(Boolean).join(" ");
  return words(author.name) === words(house) || words(author.name) === words(meta.publisher);
}

/**
 * A date as a reader of the report's language writes it. ISO dates (`2025-03-14`, `2025-03`) are
 * formatted with `Intl`; anything else (`Spring 2025`) is shown as written.
 */
export function formatDate(value: string, lang: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  if (!match) return value;
  const [year, month, day] = [match[1], match[2], match[3]].map((n) =>
    n === undefined ? undefined : Number(n),
  ) as [number, number, number | undefined];
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) return value;
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = day
    ? { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }
    : { month: "long", year: "numeric", timeZone: "UTC" };
  try {
    return dateFormat(lang, options).format(date);
  } catch {
    return dateFormat("en", options).format(date);
  }
}

/** `A, B and C` (`A, B et C`) in the report's language. */
export function listPhrase(items: readonly string[], lang: string): string {
  // One name (or none) needs no list pattern, and the first list formatter costs a cold build
  // about 11 ms of ICU's data.
  if (items.length < 2) return items[0] ?? "";
  try {
    return conjunctionList(lang).format(items);
  } catch {
    return conjunctionList("en").format(items);
  }
}

/** The report's credits, decided once for every format. */
export function credits(meta: ReportMeta): Credits {
  const authors = meta.author ?? [];
  const shown = authors.filter((a) => !repeatsPublisher(a, meta));
  return {
    names: authors.map((a) => a.name).join("; "),
    byline: listPhrase(
      shown.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)),
      meta.lang,
    ),
    shortByline: listPhrase(
      shown.map((a) => a.name),
      meta.lang,
    ),
    date: meta.date ? formatDate(meta.date, meta.lang) : undefined,
  };
}
