import { templates } from "../../templates/engine.ts";
import { fontDataUrl } from "../../theme/fonts.ts";
import type { Theme } from "../../theme/theme.ts";
import { chartSize, type FactSheet, mapSize, titleSize } from "./sheet.ts";

/** `@font-face` rules with the theme's faces inlined as data URLs: the page requests nothing. */
function fontFaces(theme: Theme): string {
  const faces: Array<[keyof Theme["fonts"], 400 | 600 | 700]> = [
    ["body", 400],
    ["body", 700],
    ["heading", 400],
    ["heading", 600],
    ["heading", 700],
  ];
  return faces
    .map(([role, weight]) => {
      const url = fontDataUrl(theme, role, weight, "normal");
      return `@font-face{font-family:"${theme.fonts[role].family}";font-weight:${weight};font-style:normal;src:url(${url}) format("woff2")}`;
    })
    .join("\n");
}

/** The fact sheet as one self-contained HTML page (CSS, fonts and SVG inline), from `templates/factsheet/page.html.hbs`. */
export function renderFactSheetHtml(
  sheet: FactSheet,
  theme: Theme,
  meta: { description: string; author?: string },
): string {
  const font = (role: keyof Theme["fonts"]) => `"${theme.fonts[role].family}", ${theme.fonts[role].fallback}`;
  return templates().render("factsheet/page.html", {
    ...sheet,
    description: meta.description,
    author: meta.author,
    fontFaces: fontFaces(theme),
    bodyFont: font("body"),
    headingFont: font("heading"),
    colors: theme.colors,
    mapSize,
    chartSize,
    titleSize: titleSize(sheet.title),
    figureColumns: sheet.figures.length === 4 ? 4 : 3,
    figures: sheet.figures.map((f) => ({ ...f, href: `${sheet.reportHref}#${f.anchor}` })),
    groups: sheet.groups.map((g) => ({
      ...g,
      items: g.items.map((item, i) => ({
        ...item,
        href: `${sheet.reportHref}#${item.anchor}`,
        first: i === 0,
      })),
    })),
    incidents: sheet.incidents.map((incident) => ({
      ...incident,
      href: `${sheet.reportHref}#${incident.anchor}`,
    })),
  });
}
