import type { Assets, FontRole, FontWeight } from "../../assets/types.ts";
import { parsedFace } from "../parsed-face.ts";
import type { FactSheetLayout } from "./layout.ts";

// The title band is measured here, once, with the sheet's own faces, and both layouts draw the
// result: the PDF sets each measured line as it is, the HTML sets the same lines unwrapped
// (`white-space: nowrap`), so a title breaks in the same places in both and is never cut.

/** Measures text in one face of the sheet, in points, as pdfkit sets it. */
export interface Measure {
  width(text: string, size: number): number;
  /** pdfkit's line height of the face at `size` (ascender to descender), before pdfmake's factor. */
  line(size: number): number;
}

const measures = new WeakMap<object, Map<string, Measure>>();
/** Widths a face remembers at most (a watch session measures title after title). */
const maxRemembered = 20_000;

/** The measure of a face of the sheet (cached per set of faces). */
export function faceMeasure(assets: Assets, role: FontRole, weight: FontWeight): Measure {
  let byFace = measures.get(assets.fonts);
  if (!byFace) {
    byFace = new Map();
    measures.set(assets.fonts, byFace);
  }
  const key = `${role}-${weight}`;
  let measure = byFace.get(key);
  if (!measure) {
    // fontkit (pdfkit's own font parser) measures the sheet's faces as pdfkit will set them.
    const font = parsedFace(assets.fonts.face(role, weight, "normal", "sfnt", "latin"));
    const em = font.unitsPerEm;
    // A title is wrapped at every size from the largest down, trying the same words again and
    // again: each text is shaped once (fontkit's layout is most of the band's time).
    const advances = new Map<string, number>();
    const advance = (text: string) => {
      let width = advances.get(text);
      if (width === undefined) {
        if (advances.size >= maxRemembered) advances.clear();
        width = font.layout(text).advanceWidth;
        advances.set(text, width);
      }
      return width;
    };
    measure = {
      width: (text, size) => (advance(text) / em) * size,
      line: (size) => ((font.ascent - font.descent) / em) * size,
    };
    byFace.set(key, measure);
  }
  return measure;
}

/**
 * Lines of `text` broken at spaces and after a dash (`Policy—Managing`) to fit `width`; a word
 * longer than the line stands alone. Other spaces (thin, no-break) stay inside their word.
 */
export function wrapWords(text: string, width: number, size: number, measure: Measure): string[] {
  // Each piece with what joins it to the one before: a space, or nothing after a dash.
  const pieces: Array<{ gap: string; word: string }> = [];
  for (const [i, word] of text
    .split(/[ \t\n]+/)
    .filter(Boolean)
    .entries()) {
    word.split(/(?<=[—–])(?=.)/u).forEach((part, j) => {
      pieces.push({ gap: i === 0 && j === 0 ? "" : j === 0 ? " " : "", word: part });
    });
  }
  const lines: string[] = [];
  let line = "";
  for (const { gap, word } of pieces) {
    const tried = line ? `${line}${gap}${word}` : word;
    if (line && measure.width(tried, size) > width) {
      lines.push(line);
      line = word;
    } else line = tried;
  }
  if (line) lines.push(line);
  return lines;
}

/** The band as both layouts draw it: its height, the title's size and lines, the subtitle's lines. */
export interface SheetBand {
  height: number;
  title: { size: number; lines: string[]; lineHeight: number };
  subtitle?: { size: number; lines: string[]; lineHeight: number };
  eyebrowLineHeight: number;
  /** The credits' top margin on the band's right, and their line height. */
  credits: { top: number; lineHeight: number };
  /**
   * A title too long for three lines beside the credits takes the band's whole width, and the
   * credits stand under it as these measured lines (left-aligned).
   */
  wide?: { credits: string[] };
}

/**
 * Measured lines as one text for pdfmake: a line that broke at a space keeps that space at its
 * end, so the tagged PDF's text (what a screen reader or a copy reads) does not run two words together.
 */
export function pdfLines(lines: readonly string[]): string {
  return lines
    .map((line, i) => (i === lines.length - 1 || /[—–]$/u.test(line) ? line : `${line} `))
    .join("\n");
}

/** A length in points to a hundredth (the HTML states it; pdfmake is given the sizes, not these). */
const hundredths = (pt: number) => Math.round(pt * 100) / 100;

/** pdfmake's line height factor on the sheet (its default style). */
export const lineFactor = 1.2;
/** Room kept at the end of a measured line: the browser's and pdfkit's widths differ by a hair. */
export const slack = 0.97;
/** The smallest title size: below it, a title takes more than three lines rather than shrink. */
const smallestTitle = 12;
const bandTop = 22;
const bandBottom = 10;
/** Where the credits stand on a band of the usual height (bottom-aligned with a shorter title). */
const creditsTop = 34;
/** Room between a wide title's block and the credits under it. */
const wideCreditsGap = 5;

/** What the credits are joined by when they stand on one line under a wide title. */
export const creditsSeparator = "  ·  ";

/**
 * Fits the title into the band's left column: the largest size (from the layout's `titleMax` down)
 * that sets it on one line, else on two, else on three. A title that needs more than three lines
 * there even at the smallest size takes the band's whole width (the credits go under it, unless a
 * logo holds the band's right), where it steps down again to three lines; only a title too long
 * for that keeps the smallest size and takes the lines it needs. The band grows to hold what it holds.
 */
export function bandLayout(
  assets: Assets,
  layout: FactSheetLayout,
  content: { title: string; subtitle?: string; credits: string[]; logo?: boolean },
): SheetBand {
  const bold = faceMeasure(assets, "heading", 700);
  const regular = faceMeasure(assets, "heading", 400);
  const { page, type } = layout;
  const fullRoom = (page.width - 2 * page.margin) * slack;
  const narrowRoom = (page.width - 2 * page.margin - layout.publisherWidth - layout.columnGap) * slack;
  // A title steps down one point at a time: one line while the type is display-sized, two from
  // the layout's smallest title size up, three below it, down to the smallest readable band title.
  const linesAllowed = (size: number) => (size >= type.titleOneLine ? 1 : size >= type.titleMin ? 2 : 3);
  const fitTitle = (room: number) => {
    for (let size = type.titleMax; size >= smallestTitle; size--) {
      const wrapped = wrapWords(content.title, room, size, bold);
      if (wrapped.length <= linesAllowed(size)) return { size, lines: wrapped };
    }
    return undefined;
  };
  const narrow = fitTitle(narrowRoom);
  const wide = narrow === undefined && !content.logo;
  const room = wide ? fullRoom : narrowRoom;
  const title = (wide ? fitTitle(fullRoom) : narrow) ?? {
    size: smallestTitle,
    lines: wrapWords(content.title, room, smallestTitle, bold),
  };
  const titleLineHeight = hundredths(bold.line(title.size) * lineFactor);
  const subtitleSize = type.subtitle;
  const subtitle = content.subtitle
    ? {
        size: subtitleSize,
        lines: wrapWords(content.subtitle, room, subtitleSize, regular),
        lineHeight: hundredths(regular.line(subtitleSize) * lineFactor),
      }
    : undefined;
  const eyebrowLineHeight = hundredths(bold.line(type.eyebrow) * lineFactor);
  const left =
    eyebrowLineHeight +
    2 +
    title.lines.length * titleLineHeight +
    (subtitle ? 3 + subtitle.lines.length * subtitle.lineHeight : 0);
  const creditLineHeight = hundredths(regular.line(type.publisher) * lineFactor);
  if (wide) {
    const lines = wrapWords(content.credits.join(creditsSeparator), room, type.publisher, regular);
    const under = left + (lines.length > 0 ? wideCreditsGap + lines.length * creditLineHeight : 0);
    return {
      height: Math.max(page.band, Math.ceil(bandTop + under + bandBottom)),
      title: { ...title, lineHeight: titleLineHeight },
      ...(subtitle ? { subtitle } : {}),
      eyebrowLineHeight,
      credits: { top: wideCreditsGap, lineHeight: creditLineHeight },
      wide: { credits: lines },
    };
  }
  const creditLines = content.credits.reduce(
    (n, line) => n + wrapWords(line, layout.publisherWidth * slack, type.publisher, regular).length,
    0,
  );
  const creditsHeight = creditLines * creditLineHeight;
  const top = Math.min(creditsTop, Math.max(0, left - creditsHeight));
  const height = Math.max(page.band, Math.ceil(bandTop + Math.max(left, top + creditsHeight) + bandBottom));
  return {
    height,
    title: { ...title, lineHeight: titleLineHeight },
    ...(subtitle ? { subtitle } : {}),
    eyebrowLineHeight,
    credits: { top, lineHeight: creditLineHeight },
  };
}
