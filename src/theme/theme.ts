import { z } from "zod";
import { contrastRatio, luminance, wcagGraphics } from "./contrast.ts";

/** Generic families a role falls back to where the theme names none. */
const fallbacks = {
  body: "Georgia, serif",
  heading: "Arial, sans-serif",
  mono: "Consolas, monospace",
  fallback: "sans-serif",
};

/**
 * A typeface: its family name, and the npm package that ships it (default: the @fontsource package
 * of that name, so changing the typeface is one edit, `family`, plus `npm install` of the package).
 */
const font = (role: keyof typeof fallbacks) =>
  z
    .object({
      family: z.string().trim().min(1),
      package: z
        .string()
        .regex(
          /^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9.-]*$/,
          "expected an npm package name such as @fontsource/merriweather",
        )
        .optional(),
      fallback: z.string().optional(),
    })
    .strict()
    .transform((f) => ({
      family: f.family,
      package: f.package ?? fontsourcePackage(f.family),
      fallback: f.fallback ?? fallbacks[role],
    }));

/** `Source Serif 4` → `@fontsource/source-serif-4`: how @fontsource names its packages. */
export function fontsourcePackage(family: string): string {
  return `@fontsource/${family.trim().toLowerCase().replace(/\s+/g, "-")}`;
}
const colour = z.string().regex(/^#[0-9a-f]{6}$/i);
const size = z.object({ width: z.number(), height: z.number() });
/** A call-out kind's look: the rule down its left side, its fill, its title's colour (text contrast ≥ 4.5:1 on the fill). */
const calloutLook = (rule: string, background: string, title: string) =>
  z.object({ rule: colour, background: colour, title: colour }).default({ rule, background, title });

/** The one theme every format reads (`templates/theme.json`): a change of brand is one edit there. */
export const themeSchema = z.object({
  fonts: z.object({
    body: font("body"),
    heading: font("heading"),
    mono: font("mono"),
    /**
     * Faces tried, in order, for a character the three typefaces cannot draw (an Arabic or CJK
     * @fontsource package, say): used by every format only where the text needs them.
     */
    fallbacks: z.array(font("fallback")).default([]),
  }),
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
    /** Behind highlighted text (`<mark>`). */
    highlight: colour.default("#fff1a8"),
    /** Text and marks set on the accent colour (the fact sheet's band). */
    onAccent: colour.default("#ffffff"),
    /** The page itself (behind charts, map legends and label halos). */
    paper: colour.default("#ffffff"),
    /** Faint rules between rows (the fact sheet's timeline). */
    hairline: colour.default("#dfe1e2"),
    /** Around the fact sheet page on screen. */
    desk: colour.default("#e9ecef"),
    /** The locator map: sea, other countries, their borders. */
    mapSea: colour.default("#f7f9fa"),
    mapLand: colour.default("#eceeef"),
    mapBorder: colour.default("#ffffff"),
    /** The chart: the second measure's bars (the first is the accent), grid lines. */
    chartSecondary: colour.default("#6f9ccf"),
    chartGrid: colour.default("#e6e6e6"),
  }),
  /** GitHub's alert kinds (`> [!WARNING]`, `:::note{kind=warning}`), every format. */
  callouts: z
    .object({
      note: calloutLook("#005ea2", "#eff6fb", "#005ea2"),
      tip: calloutLook("#00a91c", "#ecf3ec", "#216e1f"),
      important: calloutLook("#8168b3", "#f4f1f9", "#54278f"),
      warning: calloutLook("#ffbe2e", "#faf3d1", "#6b4c00"),
      caution: calloutLook("#d54309", "#f4e3db", "#a23100"),
    })
    .prefault({}),
  spacing: z.object({
    lineHeight: z.number(),
    paragraphAfter: z.number(),
    headingBefore: z.number(),
    headingAfter: z.number(),
    listIndent: z.number(),
  }),
  /** Geometry the PDF and the DOCX share, so the brief is laid out as the PDF is. */
  layout: z
    .object({
      /** A contents list longer than this gets a page of its own instead of sharing the cover. */
      contentsOnCoverMax: z.number().int().min(0),
      /** Indent of each contents level below the first, in points. */
      contentsLevelIndent: z.number().min(0),
      /** The narrowest marker column of a list item, in points. */
      listMarkerWidth: z.number().min(0),
      /** A figure's image is at most this share of the text area's height. */
      figureMaxHeightShare: z.number().gt(0).max(1),
    })
    .default({
      contentsOnCoverMax: 16,
      contentsLevelIndent: 14,
      listMarkerWidth: 14,
      figureMaxHeightShare: 0.55,
    }),
  /**
   * Numbered captions in a book (docs/cross-references.md): "Figure 2.3", per chapter, or numbered
   * through the book.
   */
  captions: z
    .object({ bookNumbering: z.enum(["chapter", "book"]) })
    .strict()
    .default({ bookNumbering: "chapter" }),
  /**
   * Page breaks in every print format: the least lines of a paragraph left at the foot of a page
   * (`orphans`) and carried to the head of the next (`widows`); headings always keep with what follows.
   */
  pagination: z
    .object({ orphans: z.number().int().min(1).max(9), widows: z.number().int().min(1).max(9) })
    .strict()
    .default({ orphans: 2, widows: 2 }),
  /**
   * Data tables, in print (src/render/table-layout.ts): their type size, and the floor it steps down
   * to before a table too wide for the page goes on a landscape page.
   */
  table: z
    .object({ fontSize: z.number().positive(), minFontSize: z.number().positive() })
    .refine((t) => t.minFontSize <= t.fontSize, "minFontSize must not exceed fontSize")
    .default({ fontSize: 9.5, minFontSize: 7 }),
  /**
   * Charts drawn from data (`::chart`, docs/charts.md): the most categories one chart may show, and
   * the colours of its series after the accent and `chartSecondary` (so at most two more series).
   */
  charts: z
    .object({ maxCategories: z.number().int().min(1), moreColors: z.array(colour) })
    .strict()
    .default({ maxCategories: 24, moreColors: ["#d54309", "#008817", "#8168b3", "#936f38"] }),
  /**
   * Abbreviations: `expandFirstUse` spells the first use out in the text of every format
   * ("CDC (Centers for …)"); otherwise only Word does, which has no other way to give the expansion.
   */
  abbreviations: z.object({ expandFirstUse: z.boolean() }).strict().default({ expandFirstUse: false }),
  page: z.object({
    letter: size,
    a4: size,
    margins: z.object({ top: z.number(), right: z.number(), bottom: z.number(), left: z.number() }),
  }),
});

export type Theme = z.output<typeof themeSchema>;

/** Sizes of a heading level, shared by the print formats. */
export function headingSize(theme: Theme, depth: number): number {
  const key = `h${Math.min(Math.max(depth, 1), 6)}` as "h1";
  return theme.sizes[key];
}

/**
 * The weight each role's bold is set in, in every print format: headings semi-bold, strong text and
 * code bold (a fallback face's bold is 700).
 */
export const boldWeights = { body: 700, heading: 600, mono: 700 } as const satisfies Record<
  "body" | "heading" | "mono",
  400 | 600 | 700
>;

/** The marker column of an ordered list from `start` with `count` items: wide enough for its longest number. */
export function orderedMarkerWidth(theme: Theme, start: number, count: number): number {
  const last = start + count - 1;
  const digits = String(Math.max(Math.abs(start), Math.abs(last))).length + (start < 0 ? 1 : 0);
  return Math.max(theme.layout.listMarkerWidth, digits * theme.sizes.body * 0.62 + 6);
}

/** Whether the contents share the cover (PDF and DOCX): short enough to fit beside the title block. */
export function contentsOnCover(layout: Theme["layout"], entries: number): boolean {
  return entries <= layout.contentsOnCoverMax;
}

/** The colours of a note: its kind's from `callouts`, a plain note's from the theme's note and accent colours. */
export function noteLook(
  theme: Theme,
  kind: keyof Theme["callouts"] | undefined,
): { rule: string; background: string; title: string } {
  if (kind) return theme.callouts[kind];
  return { rule: theme.colors.accent, background: theme.colors.noteBackground, title: theme.colors.accent };
}

/**
 * `colour` moved toward black (on a light background) or white (on a dark one) in small steps
 * until it has `least` contrast with `background`; unchanged when it has it already.
 */
export function withContrast(colour: string, background: string, least: number): string {
  const toward = luminance(background) > 0.18 ? 0 : 255;
  for (let step = 0; step <= 100; step++) {
    const mixed = `#${[0, 1, 2]
      .map((i) => {
        const c = Number.parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
        return Math.round(c + ((toward - c) * step) / 100)
          .toString(16)
          .padStart(2, "0");
      })
      .join("")}`;
    if (contrastRatio(mixed, background) >= least) return mixed;
  }
  return toward === 0 ? "#000000" : "#ffffff";
}

/**
 * The colours of a body chart's series, in order (the accent, `chartSecondary`, then
 * `charts.moreColors`), each darkened where needed to WCAG 1.4.11's 3:1 against the page, so a
 * theme's light second colour still reads as a mark (#6f9ccf is 2.9:1 on white).
 */
export function chartSeriesColours(theme: Theme): string[] {
  return [theme.colors.accent, theme.colors.chartSecondary, ...theme.charts.moreColors].map((colour) =>
    withContrast(colour, theme.colors.paper, wcagGraphics),
  );
}
