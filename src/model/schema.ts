import { z } from "zod";
import { onTheCalendar } from "./dates.ts";
import { countSource, countValue } from "./facts/draft/numbers.ts";
import { maxTitleLength } from "./limits.ts";
import { suggestion } from "./suggest.ts";

const text = z.string().trim().min(1);
/** An author as pandoc takes one: a name, or a name with an affiliation. */
const authorSchema = z.union([
  text.transform((name) => ({ name, affiliation: undefined as string | undefined })),
  z.object({ name: text, affiliation: text.optional() }).strict(),
]);

/** A title or subtitle: set on the cover, in running heads and in the fact sheet, so bounded. */
const titleText = text.max(
  maxTitleLength,
  `longer than ${maxTitleLength} characters: over the limit (put the rest in \`abstract\` or the text)`,
);

/**
 * A BCP 47 language tag (`en`, `fr-CA`, `zh-Hant-TW`), as the HTML `lang` attribute, the PDF's
 * /Lang and Word's language take it; anything else would be written into all three as typed.
 */
const languageTag = z
  .string()
  .trim()
  .refine(
    isLanguageTag,
    "expected a language tag such as `en`, `fr` or `pt-BR` (BCP 47: letters, digits and hyphens)",
  );

function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A key figure for the fact sheet, with the quote from the body that states it (checked at load). */
export const factSchema = z.object({
  label: text,
  value: z.union([text, z.number()]).transform(String),
  /** Shown after the value in smaller type (`miles`); not checked, so it must carry no figure. */
  unit: text.optional(),
  quote: text,
  priority: z.number().int().min(1).max(9).default(5),
});

/**
 * A head count as written in the body: `13`, with its hedge (`more than 50`, `an estimated 64`),
 * a number word (`Five`), and optionally who was counted (`101 civilians`): the count is checked
 * against the quote, the noun names the chart's measure.
 */
const countPattern = new RegExp(`^(${countSource})(?:\\s+([^\\d]+))?$`, "iu");
const countSchema = z.union([
  z
    .number()
    .int()
    .min(0)
    .transform((n) => ({ n, text: String(n) }) as { n: number; text: string; noun?: string }),
  z
    .string()
    .trim()
    .regex(countPattern, "expected a number such as `13`, `at least 31` or `more than 50 civilians`")
    .transform((s) => {
      const [, text = s, noun] = countPattern.exec(s) ?? [];
      return { n: countValue(text) ?? 0, text, ...(noun ? { noun: noun.trim() } : {}) } as {
        n: number;
        text: string;
        noun?: string;
      };
    }),
]);

/** One dated incident of the timeline and chart; its figures must stand in its quote. */
export const incidentSchema = z.object({
  /** `YYYY-MM-DD`, or `YYYY-MM` when the body gives only the month. */
  date: z
    .union([
      z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/, "expected YYYY-MM-DD or YYYY-MM"),
      z.date().transform((d) => d.toISOString().slice(0, 10)),
    ])
    .superRefine(onTheCalendar),
  place: text.optional(),
  summary: text,
  killed: countSchema.optional(),
  injured: countSchema.optional(),
  quote: text,
  priority: z.number().int().min(1).max(9).default(5),
});

/** A named item of a group: `name` is shown (it may abbreviate); `value` (default `name`) must stand in the quote. */
const groupItemSchema = z.union([
  text.transform((name) => ({ name, value: name, quote: undefined as string | undefined })),
  z.object({ name: text, value: text.optional(), quote: text.optional() }).transform((item) => ({
    name: item.name,
    value: item.value ?? item.name,
    quote: item.quote,
  })),
]);

/** A labelled list of names (groups active, memberships…); each item is checked against its quote or the group's. */
export const groupSchema = z.object({
  label: text,
  items: z.array(groupItemSchema).min(1),
  quote: text.optional(),
  priority: z.number().int().min(1).max(9).default(5),
});

/** A place the body names, marked on the locator map at the gazetteer's coordinates. */
export const placeSchema = z.union([text.transform((name) => ({ name })), z.object({ name: text })]);

/** Which fact sheet a report gets: chosen by the content when absent (src/model/facts/draft/kind.ts). */
export const factSheetKinds = ["country", "brief", "none"] as const;
export type FactSheetRequest = (typeof factSheetKinds)[number];
const factSheetSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!(factSheetKinds as readonly string[]).includes(value))
      ctx.addIssue({
        code: "custom",
        message: `expected \`country\`, \`brief\` or \`none\`, not \`${value}\`${suggestion(value, factSheetKinds)}`,
      });
  })
  .transform((value) => value as FactSheetRequest);

/** A chapter of a book: a Markdown source, its path relative to the book's folder (checked when the book loads). */
const chapterPath = text;

/** A part of a book: a title over chapters (`parts:`), in order. */
export const partSchema = z.object({ title: text, chapters: z.array(chapterPath).min(1) }).strict();

/**
 * Front matter of a report. Only `title` is required, and it may come from the first level-1
 * heading. A source with `chapters:` or `parts:` is a book (src/model/book/).
 */
export const metaSchema = z.object({
  title: titleText,
  subtitle: titleText.optional(),
  /** One author or a list (pandoc's `author`), each a name or `{ name, affiliation }`. */
  author: z.union([authorSchema.transform((a) => [a]), z.array(authorSchema)]).optional(),
  date: z
    .union([text, z.date().transform((d) => d.toISOString().slice(0, 10))])
    .superRefine(onTheCalendar)
    .optional(),
  lang: languageTag.default("en"),
  keywords: z.union([text.transform((s) => s.split(/\s*,\s*/)), z.array(text)]).optional(),
  abstract: text.optional(),
  description: text.optional(),
  series: text.optional(),
  country: text.optional(),
  "country-code": z
    .string()
    .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code such as ML")
    .optional(),
  /** A first-level division the report is about (a U.S. state): its fact sheet map frames it (docs/factsheet.md). */
  region: text.optional(),
  year: z.number().int().min(1900).max(2200).optional(),
  publisher: text.optional(),
  bureau: text.optional(),
  rights: text.optional(),
  paper: z.enum(["letter", "a4"]).default("letter"),
  toc: z.boolean().optional(),
  "toc-depth": z.number().int().min(1).max(6).optional(),
  facts: z.array(factSchema).optional(),
  incidents: z.array(incidentSchema).optional(),
  groups: z.array(groupSchema).optional(),
  places: z.array(placeSchema).optional(),
  /** The fact sheet's kind (`country`, `brief`), or `none` for no fact sheet; absent: chosen by the content. */
  factsheet: factSheetSchema.optional(),
  /** A book's chapters, in order (no parts). */
  chapters: z.array(chapterPath).min(1).optional(),
  /** A book's parts, each with its chapters, in order. */
  parts: z.array(partSchema).min(1).optional(),
  /** A book printed on both sides: every part and chapter starts on a right-hand (odd) page of the PDF. */
  "two-sided": z.boolean().optional(),
  /** Folders a site-root image path (`/images/x.png`) is read from, relative to the source's folder (pandoc's `--resource-path`). */
  "resource-path": z.union([text.transform((folder) => [folder]), z.array(text).min(1)]).optional(),
  /** A book's web edition: an index page and a page per chapter (`pages`, the default) or one page (`single`). */
  html: z.enum(["pages", "single"]).optional(),
  /** The brand the report is dressed in: a folder of `brands/` (docs/brands.md), read by the build step. */
  brand: text.optional(),
  /** Typographic quotes, dashes and ellipses (pandoc's `smart`); `false` keeps the text as typed. */
  smart: z.boolean().default(true),
  /** Abbreviations and what they stand for (`CDC: Centers for Disease Control and Prevention`), marked at every use. */
  abbreviations: z
    .record(
      z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(/^[^\s*[\]]+(?: [^\s*[\]]+)*$/, "expected an abbreviation such as `CDC`"),
      text,
    )
    .optional(),
  /** Bibliography files beside the source (CSL-JSON `.json`, CSL-YAML `.yaml`, BibTeX/BibLaTeX `.bib`), pandoc's field. */
  bibliography: z.union([text.transform((name) => [name]), z.array(text).min(1)]).optional(),
  /** Bibliography entries written in the front matter, as CSL-YAML (pandoc's `references:`). */
  references: z.array(z.record(z.string(), z.unknown())).optional(),
  /** A citation style: a `.csl` file beside the source (Chicago author-date by default). */
  csl: text.optional(),
});

export type ReportMeta = z.output<typeof metaSchema>;
export type Fact = z.output<typeof factSchema>;
export type Incident = z.output<typeof incidentSchema>;
export type FactGroup = z.output<typeof groupSchema>;
export type Author = z.output<typeof authorSchema>;
export type BookPart = z.output<typeof partSchema>;
/** Every key the schema knows; anything else in front matter is a warning (likely a typo). */
export const knownMetaKeys = new Set(Object.keys(metaSchema.shape));
