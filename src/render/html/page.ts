import { toHtml } from "hast-util-to-html";
import type { ReportModel } from "../../model/types.ts";
import { templates } from "../../templates/engine.ts";
import { folioVersion } from "../../version.ts";
import { renderHtmlFragment } from "./body.ts";
import { fontFaceCss } from "./fonts.ts";
import { tocElement } from "./toc.ts";

/** Whether the body places the contents itself with a `::toc` directive. */
function bodyHasToc(model: ReportModel): boolean {
  return model.tree.children.some((n) => n.type === "leafDirective" && n.name === "toc");
}

/**
 * Renders the web edition: the body, title block and colophon through the same handlers, inside
 * the shared page shell (`templates/html/page.html.hbs`) with the theme's stylesheet inlined.
 */
export function renderHtml(model: ReportModel): string {
  const set = templates();
  const { meta, theme } = model;
  const showToc = meta.toc ?? model.outline.length >= 3;
  const css = set.render("html/style.css", { theme, fontFaces: fontFaceCss(theme), paper: meta.paper });
  return set.render("html/page.html", {
    lang: meta.lang,
    title: meta.title,
    fullTitle: model.fullTitle,
    description: model.description,
    keywords: meta.keywords?.join(", "),
    author: meta.author?.join("; "),
    publisher: meta.publisher,
    metaLine: model.parts.metaLine,
    generator: `Folio ${folioVersion}`,
    css,
    titleBlock: renderHtmlFragment(model.parts.titleBlock, model),
    toc: showToc && !bodyHasToc(model) ? toHtml(tocElement(model.outline)) : "",
    body: renderHtmlFragment(model.tree, model),
    colophon: renderHtmlFragment(model.parts.colophon, model),
  });
}
