/** WCAG 2's relative luminance of an sRGB colour `#rrggbb`. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2's contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG AA's least contrast: 4.5:1 for body text, 3:1 for large text (18 pt, or 14 pt bold). */
export const wcagAA = { body: 4.5, large: 3 } as const;

/** WCAG 1.4.11's least contrast for the parts of a graphic a reader needs (a chart's marks): 3:1. */
export const wcagGraphics = 3;

type SizeKey = "body" | "small" | "code" | "title" | "eyebrow" | "h1" | "h2";

/**
 * The theme's text colours and what each is set on, with where it is set (size, bold): a pair
 * whose every use is large text (18 pt, or 14 pt bold) needs 3:1, any other 4.5:1.
 */
export const textOnBackground: ReadonlyArray<{
  text: string;
  background: string;
  what: string;
  uses: ReadonlyArray<{ size: SizeKey; bold: boolean }>;
}> = [
  {
    text: "colors.text",
    background: "colors.paper",
    what: "body text",
    uses: [{ size: "body", bold: false }],
  },
  {
    text: "colors.muted",
    background: "colors.paper",
    what: "captions and bylines",
    uses: [{ size: "small", bold: false }],
  },
  { text: "colors.link", background: "colors.paper", what: "links", uses: [{ size: "body", bold: false }] },
  {
    text: "colors.accent",
    background: "colors.paper",
    what: "the title, the eyebrow and top headings",
    uses: [
      { size: "title", bold: true },
      { size: "eyebrow", bold: true },
      { size: "h1", bold: true },
      { size: "h2", bold: true },
    ],
  },
  {
    text: "colors.text",
    background: "colors.tableHeader",
    what: "table headers",
    uses: [{ size: "small", bold: true }],
  },
  {
    text: "colors.text",
    background: "colors.codeBackground",
    what: "code",
    uses: [{ size: "code", bold: false }],
  },
  {
    text: "colors.text",
    background: "colors.noteBackground",
    what: "notes",
    uses: [{ size: "body", bold: false }],
  },
  {
    text: "colors.text",
    background: "colors.highlight",
    what: "highlighted text",
    uses: [{ size: "body", bold: false }],
  },
  {
    text: "colors.onAccent",
    background: "colors.accent",
    what: "the fact sheet band's text",
    uses: [{ size: "small", bold: false }],
  },
  {
    text: "colors.accentLight",
    background: "colors.accent",
    what: "the fact sheet band's eyebrow",
    uses: [{ size: "small", bold: true }],
  },
];

/** The least contrast WCAG AA asks of text set at these sizes (points): 3:1 only when all of it is large. */
export function leastContrast(
  sizes: Record<SizeKey, number>,
  uses: ReadonlyArray<{ size: SizeKey; bold: boolean }>,
): number {
  const large = uses.every(({ size, bold }) => sizes[size] >= 18 || (bold && sizes[size] >= 14));
  return large ? wcagAA.large : wcagAA.body;
}
