import type { Assets, FontRole, FontWeight } from "../../assets/types.ts";
import type { CharacterPlaces } from "../../model/characters.ts";
import { type Coverage, coverage } from "../glyphs.ts";
import { extraFaceRules, fontDataUrl } from "../web-fonts.ts";
import { faceMeasure } from "./band.ts";
import { sheetColumns } from "./columns.ts";
import { contentsSize } from "./layout.ts";
import type { FactSheet } from "./sheet.ts";

/** `@font-face` rules with the theme's faces inlined as data URLs: the page requests nothing. */
function fontFaces(assets: Assets, glyphs: Coverage): string {
  const faces: Array<[FontRole, FontWeight]> = [
    ["body", 400],
    ["body", 700],
    ["heading", 400],
    ["heading", 600],
    ["heading", 700],
  ];
  return [
    ...faces.map(([role, weight]) => {
      const url = fontDataUrl(assets.fonts, role, weight, "normal");
      return `@font-face{font-family:"${assets.theme.fonts[role].family}";font-weight:${weight};font-style:normal;src:url(${url}) format("woff2")}`;
    }),
    // The report's own characters beyond the latin faces (a place name in Polish, say).
    ...extraFaceRules(
      assets.theme,
      assets.fonts,
      glyphs,
      faces.map(([role, weight]) => [role, weight, "normal"] as const),
    ),
  ].join("\n");
}

/**
 * The fact sheet as one self-contained HTML page (CSS, fonts and SVG inline), from
 * `templates/factsheet/page.html.hbs`, drawn from the same layout (`sheet.layout`) as the PDF.
 */
export function renderFactSheetHtml(
  sheet: FactSheet,
  assets: Assets,
  meta: { description: string; author?: string; characters: CharacterPlaces },
): string {
  const { theme } = assets;
  const font = (role: "body" | "heading") => `"${theme.fonts[role].family}", ${theme.fonts[role].fallback}`;
  return assets.templates.render("factsheet/page.html", {
    ...sheet,
    labels: sheet.labels.all,
    description: meta.description,
    author: meta.author,
    fontFaces: fontFaces(assets, coverage(assets.fonts, meta.characters)),
    bodyFont: font("body"),
    headingFont: font("heading"),
    colors: theme.colors,
    layout: sheet.layout,
    pageSize: `${sheet.layout.page.width}pt ${sheet.layout.page.height}pt`,
    // The PDF's line heights in points (pdfkit's ascender-to-descender times pdfmake's factor).
    briefLineHeight: Math.round(faceMeasure(assets, "body", 400).line(sheet.briefSize) * 135) / 100,
    contentsSize: contentsSize(sheet.layout, sheet.briefSize),
    contentsLineHeight:
      Math.round(faceMeasure(assets, "body", 400).line(contentsSize(sheet.layout, sheet.briefSize)) * 135) /
      100,
    columns: {
      left: sheetColumns(sheet).left.map((section) => ({ section })),
      right: sheetColumns(sheet).right.map((section) => ({ section })),
    },
    figureColumns: sheet.figures.length === 4 ? 4 : 3,
    figures: sheet.figures.map((f) => ({
      ...f,
      href: `${sheet.reportHref}#${f.anchor}`,
      // Stepped down to stay on one line (sheet.ts): the same size as the PDF's.
      smaller: f.valueSize === sheet.layout.type.value ? undefined : f.valueSize,
    })),
    groups: sheet.groups.map((g) => ({
      ...g,
      items: g.items.map((item, i) => ({
        ...item,
        href: `${sheet.reportHref}#${item.anchor}`,
        first: i === 0,
      })),
    })),
    logo: sheet.logo && {
      src: `data:${sheet.logo.mime};base64,${Buffer.from(sheet.logo.bytes).toString("base64")}`,
      alt: sheet.logo.alt,
      width: Math.round((18 * 96 * sheet.logo.width) / (72 * sheet.logo.height)),
      height: 24,
    },
    incidents: sheet.incidents.map((incident) => ({
      ...incident,
      href: `${sheet.reportHref}#${incident.anchor}`,
    })),
  });
}
