import { z } from "zod";

const text = z.string().trim().min(1);
/** Strings or lists of strings: YAML users write either. */
const textList = z.union([text.transform((s) => [s]), z.array(text)]);

/** A key figure for the fact sheet, with the quote from the body that states it (checked at load). */
export const factSchema = z.object({
  label: text,
  value: z.union([text, z.number()]).transform(String),
  quote: text,
  priority: z.number().int().min(1).max(9).default(5),
});

/** Front matter of a report. Only `title` is required, and it may come from the first level-1 heading. */
export const metaSchema = z.object({
  title: text,
  subtitle: text.optional(),
  author: textList.optional(),
  date: z.union([text, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
  lang: text.default("en"),
  keywords: z.union([text.transform((s) => s.split(/\s*,\s*/)), z.array(text)]).optional(),
  abstract: text.optional(),
  description: text.optional(),
  series: text.optional(),
  country: text.optional(),
  "country-code": z
    .string()
    .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code such as ML")
    .optional(),
  year: z.number().int().min(1900).max(2200).optional(),
  publisher: text.optional(),
  bureau: text.optional(),
  rights: text.optional(),
  paper: z.enum(["letter", "a4"]).default("letter"),
  toc: z.boolean().optional(),
  facts: z.array(factSchema).optional(),
});

export type ReportMeta = z.output<typeof metaSchema>;
export type Fact = z.output<typeof factSchema>;
/** Every key the schema knows; anything else in front matter is a warning (likely a typo). */
export const knownMetaKeys = new Set(Object.keys(metaSchema.shape));
