import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { templatesDir } from "../paths.ts";

const font = z.object({ family: z.string(), package: z.string().nullable(), fallback: z.string() });
const colour = z.string().regex(/^#[0-9a-f]{6}$/i);
const size = z.object({ width: z.number(), height: z.number() });

/** The one theme every format reads (`templates/theme.json`): a change of brand is one edit there. */
export const themeSchema = z.object({
  fonts: z.object({ body: font, heading: font, mono: font }),
  sizes: z.object({
    body: z.number(),
    small: z.number(),
    code: z.number(),
    title: z.number(),
    subtitle: z.number(),
    eyebrow: z.number(),
    h1: z.number(),
    h2: z.number(),
    h3: z.number(),
    h4: z.number(),
    h5: z.number(),
    h6: z.number(),
  }),
  colors: z.object({
    text: colour,
    muted: colour,
    accent: colour,
    accentLight: colour,
    link: colour,
    rule: colour,
    tableHeader: colour,
    codeBackground: colour,
    noteBackground: colour,
  }),
  spacing: z.object({
    lineHeight: z.number(),
    paragraphAfter: z.number(),
    headingBefore: z.number(),
    headingAfter: z.number(),
    listIndent: z.number(),
  }),
  page: z.object({
    letter: size,
    a4: size,
    margins: z.object({ top: z.number(), right: z.number(), bottom: z.number(), left: z.number() }),
  }),
});

export type Theme = z.output<typeof themeSchema>;

let cached: Theme | undefined;

/** Reads and validates `templates/theme.json` once per process. */
export function loadTheme(): Theme {
  if (!cached) {
    const path = join(templatesDir, "theme.json");
    const parsed = themeSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}: theme field \`${issue?.path.join(".")}\`: ${issue?.message}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Sizes of a heading level, shared by the print formats. */
export function headingSize(theme: Theme, depth: number): number {
  const key = `h${Math.min(Math.max(depth, 1), 6)}` as "h1";
  return theme.sizes[key];
}
