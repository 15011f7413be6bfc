import { toHtml } from "hast-util-to-html";
import type { VFileMessage } from "vfile-message";
import type { Assets } from "../../assets/types.ts";
import { reportCharacters } from "../../model/characters.ts";
import type { ReportModel } from "../../model/types.ts";
import { messageFile, type RenderOptions } from "../format.ts";
import { coverage, warnMissing } from "../glyphs.ts";
import { type HtmlContext, renderHtmlFragment } from "./body.ts";
import { fontFaceCss } from "./fonts.ts";
import { tocElement } from "./toc.ts";

/**
 * Renders the web edition: the body, title block and colophon through the same handlers, inside
 * the shared page shell (`templates/html/page.html.hbs`) with the theme's stylesheet inlined.
 */
export function renderHtml(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
): { html: string; messages: VFileMessage[] } {
  const { meta } = model;
  const { theme, templates } = assets;
  const ctx: HtmlContext = { model, file: messageFile(model) };
  const glyphs = coverage(assets.fonts, reportCharacters(model));
  warnMissing(ctx.file, glyphs.missing, "the web edition leaves them to a font of the reader's");
  const css = templates.render("html/style.css", {
    theme,
    fontFaces: fontFaceCss(theme, assets.fonts, glyphs),
    paper: options.paper,
  });
  const html = templates.render("html/page.html", {
    lang: meta.lang,
    labels: model.labels.all,
    title: meta.title,
    fullTitle: model.fullTitle,
    description: model.description,
    keywords: meta.keywords?.join(", "),
    author: model.credits.names || undefined,
    publisher: meta.publisher,
    metaLine: model.parts.metaLine,
    generator: `Folio ${assets.version}`,
    css,
    titleBlock: renderHtmlFragment(model.parts.titleBlock, ctx),
    toc: model.contents.show && !model.contents.at ? toHtml(tocElement(model)) : "",
    body: renderHtmlFragment(model.tree, ctx),
    colophon: renderHtmlFragment(model.parts.colophon, ctx),
  });
  return { html, messages: ctx.file.messages };
}
