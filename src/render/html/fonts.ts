import { type FontRole, type FontStyle, type FontWeight, fontDataUrl } from "../../theme/fonts.ts";
import type { Theme } from "../../theme/theme.ts";

/** The faces the web edition embeds: enough for body text, headings and code, nothing more. */
const faces: Array<[FontRole, FontWeight, FontStyle]> = [
  ["body", 400, "normal"],
  ["body", 400, "italic"],
  ["body", 700, "normal"],
  ["body", 700, "italic"],
  ["heading", 400, "normal"],
  ["heading", 700, "normal"],
  ["mono", 400, "normal"],
];

/** `@font-face` rules with the woff2 files inlined, so the page needs no other request. */
export function fontFaceCss(theme: Theme): string {
  return faces
    .map(([role, weight, style]) => {
      const url = fontDataUrl(theme, role, weight, style);
      return `@font-face{font-family:"${theme.fonts[role].family}";font-style:${style};font-weight:${weight};font-display:swap;src:url(${url}) format("woff2")}`;
    })
    .join("\n");
}
