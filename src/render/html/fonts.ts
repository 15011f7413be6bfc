import type { FontFiles, FontRole, FontStyle, FontWeight } from "../../assets/types.ts";
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

/** Base64 of a face, by its bytes (the assets give the same array for the same face): once per process. */
const dataUrls = new WeakMap<Uint8Array, string>();

/** A woff2 face as a `data:` URL (a page inlines the same faces every build). */
export function fontDataUrl(fonts: FontFiles, role: FontRole, weight: FontWeight, style: FontStyle): string {
  const bytes = fonts.face(role, weight, style, "woff2");
  let url = dataUrls.get(bytes);
  if (!url) {
    url = `data:font/woff2;base64,${Buffer.from(bytes).toString("base64")}`;
    dataUrls.set(bytes, url);
  }
  return url;
}

/** `@font-face` rules with the woff2 files inlined, so the page needs no other request. */
export function fontFaceCss(theme: Theme, fonts: FontFiles): string {
  return faces
    .map(([role, weight, style]) => {
      const url = fontDataUrl(fonts, role, weight, style);
      return `@font-face{font-family:"${theme.fonts[role].family}";font-style:${style};font-weight:${weight};font-display:swap;src:url(${url}) format("woff2")}`;
    })
    .join("\n");
}
