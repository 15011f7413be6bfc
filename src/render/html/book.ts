import type { Element, ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import type { Heading, Nodes, Root, RootContent } from "mdast";
import type { VFileMessage } from "vfile-message";
import type { Assets } from "../../assets/types.ts";
import type { BookChapter, BookPlan } from "../../model/book/types.ts";
import { reportCharacters } from "../../model/characters.ts";
import type { ReportModel } from "../../model/types.ts";
import { decodeOrAsTyped } from "../../model/url-decode.ts";
import { visit } from "../../model/visit.ts";
import { type Artifact, messageFile, type RenderOptions } from "../format.ts";
import { coverage, warnMissing } from "../glyphs.ts";
import { type HtmlContext, renderHtmlFragment } from "./body.ts";
import { htmlPage, renderHtml } from "./page.ts";
import { nestOutline, type TocNode } from "./toc.ts";

// A book's web edition. With `html: pages` (the default): NAME.html, the index (title block, the
// book's front text with its contents: parts, chapters with their fact sheets, sections), and
// NAME/CHAPTER.html, one self-contained page per chapter (chapter heading as its h1, links up to
// the index and to the previous and next chapter). With `html: single`: NAME.html holds the whole
// book, as a report's page does. Ids are the book's in every page, so a link `#id` becomes a link
// to the page that holds the id.

/** The page an id is on: `""` the index, else a chapter's name. */
type PageOf = ReadonlyMap<string, string>;

/** Every id the nodes carry (headings, quoted blocks, figures and captioned tables). */
function idsIn(nodes: readonly RootContent[], add: (id: string) => void): void {
  visit({ type: "root", children: [...nodes] } as Root, (node) => {
    const id =
      node.data?.id ??
      (node.data?.hProperties?.id as string | undefined) ??
      node.data?.figure?.id ??
      node.data?.tableCaption?.id;
    if (id) add(id);
  });
}

/** Which page holds each id of the book (parts: the index, where the contents list them). */
function pagesOfIds(model: ReportModel, book: BookPlan): PageOf {
  const pages = new Map<string, string>();
  idsIn(model.tree.children.slice(0, book.front), (id) => pages.set(id, ""));
  for (const part of book.parts) pages.set(part.id, "");
  for (const chapter of book.chapters)
    idsIn(model.tree.children.slice(...chapter.nodes), (id) => pages.set(id, chapter.name));
  return pages;
}

/**
 * Points a `#id` link of page `from` (`""` the index) at the page that holds the id: from the
 * index `NAME/CHAPTER.html#id`, from a chapter `CHAPTER.html#id` or `../NAME.html#id`. A link to
 * a chapter's own heading goes to its page's top. Any other link is left as it is.
 */
function relink(model: ReportModel, book: BookPlan, pages: PageOf, from: string) {
  const starts = new Set(book.chapters.map((c) => c.id));
  return (href: string): string => {
    if (!href.startsWith("#")) return href;
    const id = decodeOrAsTyped(href.slice(1));
    const page = pages.get(id);
    if (page === undefined || page === from) return href;
    const fragment = starts.has(id) ? "" : href;
    if (page === "") return `${from === "" ? "" : "../"}${model.name}.html${fragment}`;
    return `${from === "" ? `${model.name}/` : ""}${page}.html${fragment}`;
  };
}

/** The fact sheet link of a chapter, when the build writes its sheet: relative to the page at `depth` below out/. */
function factSheetLink(
  model: ReportModel,
  chapter: BookChapter | undefined,
  options: RenderOptions,
  up: string,
): ElementContent[] {
  if (!chapter || !options.factSheets?.has(chapter.name)) return [];
  return [
    h(
      "a",
      {
        href: `${up}${chapter.name}.factsheet.html`,
        className: ["toc-factsheet"],
        ariaLabel: model.labels.text("factSheetTitle", { title: chapter.title }),
      },
      model.labels.text("factSheet"),
    ),
  ];
}

/**
 * The book's contents as a navigation landmark: its plan's entries nested, a part as a titled
 * group, a chapter with its fact sheet's link where there is one. On an index page the parts'
 * entries carry the parts' ids (their headings are on no page), so a chapter's page can link its part.
 */
function bookContents(
  model: ReportModel,
  book: BookPlan,
  options: RenderOptions,
  href: (id: string) => string,
  partIds: boolean,
): Element {
  const parts = new Set(book.parts.map((p) => p.id));
  const chapters = new Map(book.chapters.map((c) => [c.id, c]));
  // A plain list, as the report's contents (toc.ts): headings carry their own numbers, if any.
  const list = (nodes: TocNode[]): Element =>
    h(
      "ul",
      nodes.map(({ entry, children }) => {
        const nested = children.length > 0 ? [list(children)] : [];
        if (parts.has(entry.id))
          return h("li", { ...(partIds ? { id: entry.id } : {}), className: ["toc-part"] }, [
            h("span", { className: ["toc-part-title"] }, entry.text),
            ...nested,
          ]);
        const sheet = factSheetLink(model, chapters.get(entry.id), options, "");
        return h("li", [
          h("a", { href: href(entry.id) }, entry.text),
          ...(sheet.length > 0 ? [" · ", ...sheet] : []),
          ...nested,
        ]);
      }),
    );
  return h("nav", { className: ["toc", "book-toc"], ariaLabelledBy: "contents" }, [
    h("h2", { id: "contents", className: ["toc-title"] }, model.labels.text("contents")),
    list(nestOutline(model.contents.entries)),
  ]);
}

/** A copy of nodes that keeps their `position` objects: the book knows by them which chapter a message is about. */
function copyNodes(nodes: readonly RootContent[]): RootContent[] {
  const copies = structuredClone(nodes) as RootContent[];
  const keep = (original: Nodes, copy: Nodes): void => {
    if (original.position) copy.position = original.position;
    if (!("children" in original) || !("children" in copy)) return;
    for (const [i, child] of original.children.entries()) keep(child as Nodes, copy.children[i] as Nodes);
  };
  for (const [i, node] of nodes.entries()) keep(node, copies[i] as Nodes);
  return copies;
}

/** A chapter's nodes for its own page: copied, headings moved up so the chapter's heading is the page's h1. */
function chapterTree(model: ReportModel, chapter: BookChapter, chapterDepth: number): Root {
  const children = copyNodes(model.tree.children.slice(...chapter.nodes));
  const lift = chapterDepth - 1;
  if (lift > 0)
    visit({ type: "root", children } as Root, "heading", (node: Heading) => {
      node.depth = Math.max(1, node.depth - lift) as Heading["depth"];
    });
  return { type: "root", children };
}

/** The navigation of a chapter's page: up to the book (and its part), previous and next chapter. */
function chapterNavigation(
  model: ReportModel,
  book: BookPlan,
  index: number,
  options: RenderOptions,
): { nav: string; pager: string } {
  const chapter = book.chapters[index] as BookChapter;
  const { labels } = model;
  const part = chapter.part === undefined ? undefined : book.parts[chapter.part];
  const neighbours = (): Element[] => {
    const previous = book.chapters[index - 1];
    const next = book.chapters[index + 1];
    return [
      ...(previous
        ? [
            h("li", [
              h(
                "a",
                { href: `${previous.name}.html`, rel: ["prev"] },
                labels.text("previousChapter", { title: previous.title }),
              ),
            ]),
          ]
        : []),
      ...(next
        ? [
            h("li", [
              h(
                "a",
                { href: `${next.name}.html`, rel: ["next"] },
                labels.text("nextChapter", { title: next.title }),
              ),
            ]),
          ]
        : []),
    ];
  };
  const sheet = factSheetLink(model, chapter, options, "../");
  const nav = h("nav", { className: ["book-nav"], ariaLabel: labels.text("bookNavigation") }, [
    h("p", [
      h("a", { href: `../${model.name}.html` }, model.fullTitle),
      ...(part ? [" · ", h("a", { href: `../${model.name}.html#${part.id}` }, part.title)] : []),
    ]),
    h("ul", [...neighbours(), ...(sheet.length > 0 ? [h("li", sheet)] : [])]),
  ]);
  const pager = h("nav", { className: ["book-pager"], ariaLabel: labels.text("chapterPager") }, [
    h("ul", neighbours()),
  ]);
  return { nav: toHtml(nav), pager: book.chapters.length > 1 ? toHtml(pager) : "" };
}

/** Renders a book's web edition (see above): its artifacts and the messages of every page. */
export function renderBookHtml(
  model: ReportModel,
  book: BookPlan,
  assets: Assets,
  options: RenderOptions,
): { artifacts: Artifact[]; messages: VFileMessage[] } {
  const file = messageFile(model);
  const encode = (html: string) => new TextEncoder().encode(html);
  if (book.html === "single") {
    const ctx: HtmlContext = {
      model,
      file,
      contents: () => bookContents(model, book, options, (id) => `#${id}`, false),
    };
    const { html } = renderHtml(model, assets, options, ctx);
    return { artifacts: [{ suffix: ".html", bytes: encode(html) }], messages: file.messages };
  }
  // One set of faces for every page (the book's characters), the missing ones warned about once.
  const glyphs = coverage(assets.fonts, reportCharacters(model));
  warnMissing(file, glyphs.missing, "the web edition leaves them to a font of the reader's");
  const pages = pagesOfIds(model, book);
  const index: HtmlContext = {
    model,
    file,
    theme: assets.theme,
    href: relink(model, book, pages, ""),
    contents: () => bookContents(model, book, options, (id) => `#${id}`, true),
  };
  const front: Root = { type: "root", children: model.tree.children.slice(0, book.front) };
  const artifacts: Artifact[] = [
    {
      suffix: ".html",
      bytes: encode(
        htmlPage(
          model,
          assets,
          options,
          {
            titleBlock: renderHtmlFragment(model.parts.titleBlock, index),
            metaLine: model.parts.metaLine,
            toc: "",
            body: renderHtmlFragment(front, index),
            colophon: renderHtmlFragment(model.parts.colophon, index),
          },
          glyphs,
        ),
      ),
    },
  ];
  const colophon = renderHtmlFragment(model.parts.colophon, { model, file });
  const chapterDepth = book.parts.length > 0 ? 2 : 1;
  book.chapters.forEach((chapter, i) => {
    const ctx: HtmlContext = {
      model,
      file,
      theme: assets.theme,
      href: relink(model, book, pages, chapter.name),
    };
    const { nav, pager } = chapterNavigation(model, book, i, options);
    artifacts.push({
      suffix: `/${chapter.name}.html`,
      bytes: encode(
        htmlPage(
          model,
          assets,
          options,
          {
            fullTitle: model.labels.text("chapterOfBook", { chapter: chapter.title, book: model.fullTitle }),
            description: chapter.description,
            titleBlock: "",
            toc: "",
            body: renderHtmlFragment(chapterTree(model, chapter, chapterDepth), ctx),
            colophon,
            nav,
            pager,
          },
          glyphs,
        ),
      ),
    });
  });
  return { artifacts, messages: file.messages };
}
