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

/** The theme's text colours and what each is set on, with the least contrast AA asks of the pair. */
export const textOnBackground: ReadonlyArray<{
  text: string;
  background: string;
  what: string;
  least: number;
}> = [
  { text: "colors.text", background: "colors.paper", what: "body text", least: wcagAA.body },
  { text: "colors.muted", background: "colors.paper", what: "captions and bylines", least: wcagAA.body },
  { text: "colors.link", background: "colors.paper", what: "links", least: wcagAA.body },
  { text: "colors.accent", background: "colors.paper", what: "headings", least: wcagAA.body },
  { text: "colors.text", background: "colors.tableHeader", what: "table headers", least: wcagAA.body },
  { text: "colors.text", background: "colors.codeBackground", what: "code", least: wcagAA.body },
  { text: "colors.text", background: "colors.noteBackground", what: "notes", least: wcagAA.body },
  {
    text: "colors.onAccent",
    background: "colors.accent",
    what: "the fact sheet band's text",
    least: wcagAA.body,
  },
  {
    text: "colors.accentLight",
    background: "colors.accent",
    what: "the fact sheet band's eyebrow",
    least: wcagAA.body,
  },
];
