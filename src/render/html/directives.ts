import type { Element, ElementContent, Properties } from "hast";
import type { ContainerDirective } from "mdast-util-directive";
import type { Handler, State } from "mdast-util-to-hast";
import { captionList, captionListTitle } from "../../model/apparatus/lists.ts";
import { calloutParts, calloutTitleId } from "../../model/callouts.ts";
import { type AnyDirective, type DirectiveTable, dispatchDirective } from "../../model/directives.ts";
import type { ReportModel } from "../../model/types.ts";

/** What a directive handler needs: mdast-util-to-hast's state and the document. */
interface DirectiveContext {
  state: State;
  model: ReportModel;
}

/** An element of `tag` holding the directive's children, whatever its name. */
function element(ctx: DirectiveContext, node: AnyDirective, tag: string, properties: Properties): Element {
  const result: Element = {
    type: "element",
    tagName: tag,
    properties,
    children: ctx.state.all(node) as ElementContent[],
  };
  ctx.state.patch(node, result);
  return ctx.state.applyData(node, result);
}

const shape =
  (tag: string, className: string, extra: (ctx: DirectiveContext) => Properties = () => ({})) =>
  (node: AnyDirective, ctx: DirectiveContext) =>
    element(ctx, node, tag, { className: [className], ...extra(ctx) });

/**
 * A note (a call-out): an `aside` with the note role (a note inside the text, not a landmark of
 * the page) named by its title's paragraph, or by the word "Note" when it has no title.
 */
function note(node: ContainerDirective, ctx: DirectiveContext): Element {
  const { kind, title } = calloutParts(node);
  const id = title ? calloutTitleId(title) : undefined;
  const properties: Properties = { className: kind ? ["note", `note-${kind}`] : ["note"], role: "note" };
  if (id) properties.ariaLabelledBy = [id];
  else properties.ariaLabel = ctx.model.labels.text("note");
  return element(ctx, node, "aside", properties);
}

/** The `src` the logo's `<img>` has until the page's images are inlined (body.ts). */
export const logoSource = "folio-brand-logo";

/** The id of the element the `::toc` leaves in the page, for `renderHtmlFragment` to put the contents in its place. */
export const contentsMarker = "folio-contents-here";

/** How each known directive appears in HTML; an unknown one is a plain block with its content. */
const directives = {
  containerDirective: {
    "title-block": shape("header", "title-block"),
    colophon: shape("div", "colophon"),
    note,
    "keep-together": shape("div", "keep-together"),
    // The front matter's abstract, in the title block: DPUB-ARIA's abstract role, named by its label.
    abstract: shape("div", "abstract", (ctx) => ({
      role: "doc-abstract",
      ariaLabel: ctx.model.labels.text("abstract"),
    })),
  },
  leafDirective: {
    pagebreak: shape("div", "page-break", () => ({ ariaHidden: "true" })),
    eyebrow: shape("p", "eyebrow"),
    subtitle: shape("p", "subtitle"),
    authors: shape("p", "authors"),
    byline: shape("p", "byline"),
    dateline: shape("p", "dateline"),
    "abstract-title": shape("p", "abstract-title"),
    // The brand's logo in the title block: its picture is inlined with the page's images (body.ts).
    logo: (node, ctx) =>
      ctx.model.logo
        ? {
            type: "element",
            tagName: "p",
            properties: { className: ["logo"] },
            children: [
              {
                type: "element",
                tagName: "img",
                properties: { src: logoSource, alt: ctx.model.logo.alt },
                children: [],
              },
            ],
            position: node.position,
          }
        : undefined,
    // Only the `::toc` the contents plan placed; any other was warned about at load. It stands in
    // for the contents until the page is sanitised: Folio's own list keeps its classes.
    toc: (node, ctx) =>
      node === ctx.model.contents.at && ctx.model.contents.show
        ? { type: "element", tagName: "nav", properties: { id: contentsMarker }, children: [] }
        : undefined,
    "list-of-figures": (_node, ctx) => captionListElement("fig", ctx.model),
    "list-of-tables": (_node, ctx) => captionListElement("tbl", ctx.model),
  },
  textDirective: {},
  unknown: (node, ctx) =>
    element(ctx, node, node.type === "textDirective" ? "span" : node.type === "leafDirective" ? "p" : "div", {
      className: [`directive-${node.name}`],
    }),
} satisfies DirectiveTable<DirectiveContext, Element | undefined>;

/** Handlers for the three directive node types, dispatching by name. */
export function directiveHandlers(model: ReportModel) {
  const handler = ((state: State, node: AnyDirective) =>
    dispatchDirective(directives, node, { state, model })) as Handler;
  return { containerDirective: handler, leafDirective: handler, textDirective: handler };
}

/** A list of figures or tables: a titled `nav` whose items link to each numbered caption. */
function captionListElement(kind: "fig" | "tbl", model: ReportModel): Element {
  const title = captionListTitle(kind, model.labels);
  const text = (value: string): ElementContent => ({ type: "text", value });
  const items: ElementContent[] = captionList(model.apparatus, kind, model.labels).map((entry) => ({
    type: "element",
    tagName: "li",
    properties: {},
    children: [
      { type: "element", tagName: "a", properties: { href: `#${entry.id}` }, children: [text(entry.text)] },
    ],
  }));
  return {
    type: "element",
    tagName: "nav",
    properties: { className: [kind === "fig" ? "list-of-figures" : "list-of-tables"], ariaLabel: title },
    children: [
      { type: "element", tagName: "p", properties: { className: ["list-title"] }, children: [text(title)] },
      { type: "element", tagName: "ol", properties: { className: ["caption-list"] }, children: items },
    ],
  };
}
