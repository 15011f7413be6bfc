import { toHtml } from "hast-util-to-html";
import type { VFileMessage } from "vfile-message";
import type { Assets } from "../../assets/types.ts";
import { reportCharacters } from "../../model/characters.ts";
import type { ReportModel } from "../../model/types.ts";
import { messageFile, type RenderOptions } from "../format.ts";
import { type Coverage, coverage, warnMissing } from "../glyphs.ts";
import { fontFaceCss } from "../web-fonts.ts";
import { type HtmlContext, renderHtmlFragment } from "./body.ts";
import { hasCharts } from "./charts.ts";
import { tocElement } from "./toc.ts";

/** What one page of the web edition holds, each part already HTML (see `templates/html/page.html.hbs`). */
export interface PageParts {
  /** `<title>`; the report's full title by default. */
  fullTitle?: string;
  description?: string;
  titleBlock: string;
  metaLine?: string;
  toc: string;
  body: string;
  colophon: string;
  /** A book's navigation (up, previous, next) under the masthead, and again after the main content. */
  nav?: string;
  pager?: string;
}

/**
 * A page in the shared shell (`templates/html/page.html.hbs`) with the theme's stylesheet inlined:
 * the report's metadata, the given parts. A book's pages add the book's styles.
 */
export function htmlPage(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
  parts: PageParts,
  glyphs: Coverage = coverage(assets.fonts, reportCharacters(model)),
): string {
  const { meta } = model;
  const { theme, templates } = assets;
  const css = templates.render("html/style.css", {
    theme,
    fontFaces: fontFaceCss(theme, assets.fonts, glyphs),
    paper: options.paper,
    book: model.book !== undefined,
    // Caption and list styles only where the source has captions (a page without keeps its bytes).
    captions: model.apparatus.tables.length > 0 || model.apparatus.targets.size > 0,
    bibliography: (model.bibliographyIds?.length ?? 0) > 0,
    // Chart styles only where the source has charts (src/model/charts).
    charts: hasCharts(model),
  });
  return templates.render("html/page.html", {
    lang: meta.lang,
    labels: model.labels.all,
    title: meta.title,
    fullTitle: parts.fullTitle ?? model.fullTitle,
    description: parts.description ?? model.description,
    keywords: meta.keywords?.join(", "),
    author: model.credits.names || undefined,
    publisher: meta.publisher,
    metaLine: parts.metaLine,
    generator: `Folio ${assets.version}`,
    css,
    titleBlock: parts.titleBlock,
    toc: parts.toc,
    body: parts.body,
    colophon: parts.colophon,
    nav: parts.nav,
    pager: parts.pager,
  });
}

/**
 * Renders the web edition: the body, title block and colophon through the same handlers, inside
 * the shared page shell (`templates/html/page.html.hbs`) with the theme's stylesheet inlined.
 */
export function renderHtml(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
  ctx: HtmlContext = { model, file: messageFile(model) },
): { html: string; messages: VFileMessage[] } {
  const glyphs = coverage(assets.fonts, reportCharacters(model));
  warnMissing(ctx.file, glyphs.missing, "the web edition leaves them to a font of the reader's");
  // Charts are drawn in the theme's colours and face.
  ctx = ctx.theme ? ctx : { ...ctx, theme: assets.theme };
  const html = htmlPage(
    model,
    assets,
    options,
    {
      titleBlock: renderHtmlFragment(model.parts.titleBlock, ctx),
      metaLine: model.parts.metaLine,
      toc: model.contents.show && !model.contents.at ? toHtml(tocElement(model)) : "",
      body: renderHtmlFragment(model.tree, ctx),
      colophon: renderHtmlFragment(model.parts.colophon, ctx),
    },
    glyphs,
  );
  return { html, messages: ctx.file.messages };
}
