// The faces a web page inlines (the web edition and the HTML fact sheet): shared by both web formats.

import type { Assets, FaceRole, FontFiles, FontRole, FontStyle, FontWeight } from "../assets/types.ts";
import { fontFileFormat } from "../brand/font-file.ts";
import { reportCharacters } from "../model/characters.ts";
import type { ReportModel } from "../model/types.ts";
import type { Theme } from "../theme/theme.ts";
import { type Coverage, faceChain, unicodeRangeAfter } from "./glyphs.ts";

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
export function fontDataUrl(
  fonts: FontFiles,
  role: FaceRole,
  weight: FontWeight,
  style: FontStyle,
  subset = "latin",
): string {
  const bytes = fonts.face(role, weight, style, "woff2", subset);
  let url = dataUrls.get(bytes);
  if (!url) {
    // A brand's face may come as WOFF, TTF or OTF (Folio's own are WOFF2): named by what it is.
    url = `data:font/${fontFileFormat(bytes) ?? "woff2"};base64,${Buffer.from(bytes).toString("base64")}`;
    dataUrls.set(bytes, url);
  }
  return url;
}

/** CSS's `format()` of a face's data URL. */
function cssFontFormat(url: string): string {
  const kind = /^data:font\/(\w+)/.exec(url)?.[1] ?? "woff2";
  return kind === "ttf" ? "truetype" : kind === "otf" ? "opentype" : kind;
}

type Used = ReadonlyArray<readonly [FontRole, FontWeight, FontStyle]>;

function rule(
  theme: Theme,
  role: FontRole,
  weight: FontWeight,
  style: FontStyle,
  url: string,
  range?: string,
) {
  return `@font-face{font-family:"${theme.fonts[role].family}";font-style:${style};font-weight:${weight};font-display:swap;src:url(${url}) format("${cssFontFormat(url)}")${range ? `;unicode-range:${range}` : ""}}`;
}

/**
 * Only where the text has characters a role's latin face lacks (`coverage`): the faces of the
 * role's chain that draw them (another subset, another role's face, a theme fallback), declared
 * under the role's family with a `unicode-range`, so the browser draws them as the PDF does.
 */
export function extraFaceRules(theme: Theme, fonts: FontFiles, coverage: Coverage, used: Used): string[] {
  const rules: string[] = [];
  for (const [role, extra] of coverage.extra) {
    const chain = faceChain(fonts, role);
    for (const face of extra) {
      const range = unicodeRangeAfter(fonts, chain, face);
      for (const [r, weight, style] of used)
        if (r === role)
          rules.push(
            rule(
              theme,
              role,
              weight,
              style,
              fontDataUrl(fonts, face.role, weight, style, face.subset),
              range,
            ),
          );
    }
  }
  return rules;
}

/** `@font-face` rules with the woff2 files inlined, so the page needs no other request. */
export function fontFaceCss(theme: Theme, fonts: FontFiles, coverage?: Coverage): string {
  const rules = faces.map(([role, weight, style]) =>
    rule(theme, role, weight, style, fontDataUrl(fonts, role, weight, style)),
  );
  if (coverage) rules.push(...extraFaceRules(theme, fonts, coverage, faces));
  return rules.join("\n");
}

/**
 * Characters a page may draw beyond the report's own text: printable ASCII and common typographic
 * marks (for the page's template: navigation, dates, numbers), and the report's labels.
 */
function pageExtras(model: ReportModel): string {
  let ascii = "";
  for (let code = 0x20; code < 0x7f; code++) ascii += String.fromCharCode(code);
  return `${ascii}\u00a0\u00a9\u00ab\u00b7\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2192\u2190\u2191${Object.values(model.labels.all).join("")}`;
}

/**
 * The assets of a web page of `model`: a brand's faces from its own files subset to the characters
 * the page uses (as WOFF2); Folio's own faces (and so the default page) unchanged.
 */
export async function webPageAssets(model: ReportModel, assets: Assets): Promise<Assets> {
  if (!assets.fonts.forWeb) return assets;
  const characters = [...reportCharacters(model).keys()].join("") + model.fullTitle + pageExtras(model);
  return { ...assets, fonts: await assets.fonts.forWeb(characters) };
}
