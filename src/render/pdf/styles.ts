import type { Style } from "pdfmake/interfaces.js";
import type { FontRole } from "../../assets/types.ts";
import { headingSize, type Theme } from "../../theme/theme.ts";
import type { PdfFonts } from "./fonts.ts";

/** pdfmake `lineHeight` factor that gives a CSS line height of `css` × font size for a role's face. */
export function leading(fonts: PdfFonts, role: FontRole, css: number): number {
  return css / fonts.naturalLeading(role);
}

/** Height in points of one line of body text. */
export function bodyLine(theme: Theme): number {
  return theme.sizes.body * theme.spacing.lineHeight;
}

/** Style of the running header and footer (pagination tells them from the text by it). */
export const runningStyle = "running";

/** Style of a table's header cells (pagination tells a table's repeated header from its rows by it). */
export const tableHeaderStyle = "tableHeader";

/** The named styles of the PDF edition, all derived from the theme. */
export function pdfStyles(theme: Theme, fonts: PdfFonts): Record<string, Style> {
  const { sizes, colors } = theme;
  const heading = (depth: number): Style => ({
    font: "heading",
    bold: true,
    fontSize: headingSize(theme, depth),
    lineHeight: leading(fonts, "heading", depth <= 2 ? 1.2 : 1.3),
    color: depth <= 2 ? colors.accent : colors.text,
    characterSpacing: depth === 1 ? -0.2 : 0,
  });
  return {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: { ...heading(6), italics: true },
    title: {
      font: "heading",
      bold: true,
      fontSize: sizes.title,
      lineHeight: leading(fonts, "heading", 1.1),
      color: colors.accent,
    },
    subtitle: {
      font: "heading",
      fontSize: sizes.subtitle,
      lineHeight: leading(fonts, "heading", 1.3),
      color: colors.muted,
    },
    eyebrow: {
      font: "heading",
      bold: true,
      fontSize: sizes.eyebrow,
      characterSpacing: 0.5,
      color: colors.accent,
    },
    byline: { font: "heading", fontSize: sizes.eyebrow, color: colors.muted },
    authors: { font: "heading", bold: true, fontSize: sizes.eyebrow, color: colors.text },
    small: { fontSize: sizes.small, lineHeight: leading(fonts, "body", 1.45), color: colors.muted },
    [runningStyle]: { font: "heading", fontSize: sizes.small, color: colors.muted },
    tocTitle: { font: "heading", bold: true, fontSize: sizes.h3, color: colors.accent },
    tocEntry: { font: "heading", fontSize: sizes.body, lineHeight: leading(fonts, "heading", 1.5) },
    tocNumber: {
      font: "heading",
      fontSize: sizes.body,
      lineHeight: leading(fonts, "heading", 1.5),
      color: colors.muted,
    },
    code: { font: "mono", fontSize: sizes.code, lineHeight: leading(fonts, "mono", 1.4) },
    [tableHeaderStyle]: { font: "heading", bold: true, fontSize: sizes.body - 0.5 },
    tableCell: { fontSize: sizes.body - 0.5, lineHeight: leading(fonts, "body", 1.35) },
    caption: {
      fontSize: sizes.small,
      italics: true,
      color: colors.muted,
      lineHeight: leading(fonts, "body", 1.4),
    },
  };
}

/** The style every text starts from: the body face at body size and leading. */
export function defaultStyle(theme: Theme, fonts: PdfFonts): Style {
  return {
    font: "body",
    fontSize: theme.sizes.body,
    lineHeight: leading(fonts, "body", theme.spacing.lineHeight),
    color: theme.colors.text,
  };
}
