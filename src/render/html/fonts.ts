import { type FontRole, type FontStyle, type FontWeight, fontBytes } from "../../theme/fonts.ts";
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

/** Rules already made, by the theme's fonts: base64 of the same faces for every page cost 4 ms each. */
const made = new Map<string, string>();

/** `@font-face` rules with the woff2 files inlined, so the page needs no other request. */
export function fontFaceCss(theme: Theme): string {
  const key = JSON.stringify(theme.fonts);
  let css = made.get(key);
  if (css === undefined) {
    css = faceRules(theme);
    made.set(key, css);
  }
  return css;
}

function faceRules(theme: Theme): string {
  return faces
    .map(([role, weight, style]) => {
      const data = Buffer.from(fontBytes(theme, role, weight, style, "woff2")).toString("base64");
      return `@font-face{font-family:"${theme.fonts[role].family}";font-style:${style};font-weight:${weight};font-display:swap;src:url(data:font/woff2;base64,${data}) format("woff2")}`;
    })
    .join("\n");
}
