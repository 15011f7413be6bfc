import type { VFile } from "vfile";
import type { Assets } from "../../assets/types.ts";
import { reportCharacters } from "../../model/characters.ts";
import type { ReportModel } from "../../model/types.ts";
import {
  type ChainFace,
  codePoint,
  coverage,
  faceChain,
  faceCovers,
  layoutOnly,
  warnMissing,
} from "../glyphs.ts";

/**
 * The brief embeds each typeface's latin face only (a font table slot holds one file): characters
 * beyond it are drawn by Word in a font of the reader's, said once, with the first place; what no
 * face of the theme has at all is said as every format says it.
 */
export function warnUnembedded(file: VFile, model: ReportModel, assets: Assets): void {
  const characters = reportCharacters(model);
  const glyphs = coverage(assets.fonts, characters);
  const none = new Set(glyphs.missing.map((m) => m.ch));
  warnMissing(file, glyphs.missing, "Word draws them in a font of the reader's");
  const bodyLatin = faceChain(assets.fonts, "body")[0] as ChainFace;
  const beyond = [...characters].filter(
    ([ch]) =>
      !none.has(ch) && !layoutOnly.test(ch) && !faceCovers(assets.fonts, bodyLatin, ch.codePointAt(0) ?? 0),
  );
  if (beyond.length === 0) return;
  const shown = beyond.slice(0, 8).map(([ch]) => `“${ch}” (${codePoint(ch)})`);
  file.message(
    `DOCX: the brief embeds the theme's latin faces only, so Word draws ${shown.join(", ")}${beyond.length > 8 ? ` and ${beyond.length - 8} more` : ""} in a font of the reader's; the PDF and the web edition draw them in the theme's other faces`,
    { place: beyond[0]?.[1], ruleId: "docx-unembedded-glyph", source: "folio" },
  );
}
