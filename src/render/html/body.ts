import type { Element, ElementContent, Root as HastRoot, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";
import type { Table as MdTable, Nodes, Paragraph, Root } from "mdast";
import { defaultHandlers, type Handler, type Handlers, toHast } from "mdast-util-to-hast";
import type { VFile } from "vfile";
import type { Cite } from "../../model/apparatus/cite-syntax.ts";
import type { CrossReference } from "../../model/apparatus/cross-references.ts";
import { captionLabel } from "../../model/apparatus/cross-references.ts";
import type { Highlight, Subscript, Superscript, Underline } from "../../model/inline-html-formatting.ts";
import { sanitizedHast } from "../../model/plain-text.ts";
import type { ReportModel } from "../../model/types.ts";
import { SKIP, visit } from "../../model/visit.ts";
import type { Theme } from "../../theme/theme.ts";
import type { NodeType } from "../handlers.ts";
import { unresolvedCite } from "../unresolved-cite.ts";
import { abbr } from "./abbr.ts";
import { bibEntry, bibliography } from "./bibliography.ts";
import { chartData, chartPlaceholder, inlineCharts } from "./charts.ts";
import { critic } from "./critic.ts";
import { contentsMarker, directiveHandlers, logoSource } from "./directives.ts";
import { tableRegions } from "./tables.ts";
import { tocElement } from "./toc.ts";

/**
 * A paragraph; one the model made a figure (src/model/apparatus/figures.ts) is a `<figure>` with
 * its caption. An unnumbered caption is the alt text, for the eye: a screen reader hears the
 * image's alt text once. A numbered one ("Figure 2: …") is read too, for its number.
 */
const paragraph =
  (ctx: HtmlContext): Handler =>
  (state, node: Paragraph) => {
    const decided = node.data?.figure;
    if (!decided) return defaultHandlers.paragraph(state, node);
    const { number, id } = decided;
    const caption: Element = {
      type: "element",
      tagName: "figcaption",
      properties: number === undefined ? { ariaHidden: "true" } : {},
      children: [
        ...(number === undefined ? [] : captionLabelElement(captionLabel("fig", number, ctx.model.labels))),
        { type: "text", value: decided.caption },
      ],
    };
    // A chart (src/model/charts): its SVG goes in after sanitising, the data behind it follows.
    const chart = decided.image.data?.chart;
    const figure: Element = {
      type: "element",
      tagName: "figure",
      properties: { className: chart ? ["figure", "chart"] : ["figure"], ...(id ? { id } : {}) },
      children: [
        ...(chart
          ? [chartPlaceholder(chart)]
          : (state.all(node) as ElementContent[]).filter((c) => c.type !== "text" || c.value.trim())),
        caption,
      ],
    };
    state.patch(node, figure);
    if (chart) return [state.applyData(node, figure), chartData(chart, state, ctx.model.labels, number)];
    return state.applyData(node, figure);
  };

/** "Figure 2:" in a span of its own (styled apart), then a space. */
function captionLabelElement(label: string): ElementContent[] {
  return [
    {
      type: "element",
      tagName: "span",
      properties: { className: ["caption-label"] },
      children: [{ type: "text", value: label }],
    },
    { type: "text", value: " " },
  ];
}

/** A table; one with a caption (pandoc's `Table: …`) gets it as `<caption>`, numbered when labelled. */
const table =
  (ctx: HtmlContext): Handler =>
  (state, node: MdTable) => {
    const result = defaultHandlers.table(state, node) as Element;
    const decided = node.data?.tableCaption;
    if (!decided) return result;
    const { number, id } = decided;
    result.children.unshift({
      type: "element",
      tagName: "caption",
      properties: {},
      children: [
        ...(number === undefined ? [] : captionLabelElement(captionLabel("tbl", number, ctx.model.labels))),
        ...(state.all({ type: "paragraph", children: decided.children }) as ElementContent[]),
      ],
    });
    if (id) result.properties = { ...result.properties, id };
    return result;
  };

/** A cross-reference: a link to its figure, table or section, with the text the model decided. */
const crossReference: Handler = (state, node: CrossReference) => {
  const link: Element = {
    type: "element",
    tagName: "a",
    properties: { href: `#${node.id}` },
    children: [{ type: "text", value: node.text }],
  };
  state.patch(node, link);
  return link;
};

/**
 * `<sup>`, `<sub>`, `<u>` or `<mark>` from the model's superscript, subscript, underline or highlight
 * (src/model/inline-html-formatting.ts); the node's own element name (`<ins>`) wins.
 */
const formatted =
  (tagName: "sup" | "sub" | "u" | "mark"): Handler =>
  (state, node: Superscript | Subscript | Underline | Highlight) => {
    const element: Element = { type: "element", tagName, properties: {}, children: state.all(node) };
    state.patch(node, element);
    return state.applyData(node, element);
  };

/** What the handlers of one render share: the document and where problems are reported. */
export interface HtmlContext {
  model: ReportModel;
  file: VFile;
  /** The element the `::toc` places (a book's contents, src/render/html/book.ts); the report's contents by default. */
  contents?: () => Element;
  /** Where each link of the page goes (a book split into pages points `#id` at the page that holds it). */
  href?: (href: string) => string;
  /** The theme charts are drawn in (src/render/chart-svg.ts): without it a chart shows its alt text. */
  theme?: Theme;
}

/**
 * One handler per mdast node type: mdast-util-to-hast's own (which lists the nodes it skips, such
 * as `yaml` and `definition`, by name) plus Folio's directives. `satisfies` makes a node type
 * with no handler a compile error.
 */
function htmlHandlers(ctx: HtmlContext) {
  // The key check is what matters: mdast-util-to-hast types its root handler differently.
  const cite: Handler = (_state, node: Cite) => unresolvedCite(node, ctx.file, "HTML");
  return {
    ...defaultHandlers,
    paragraph: paragraph(ctx),
    table: table(ctx),
    abbr,
    cite,
    crossReference,
    superscript: formatted("sup"),
    subscript: formatted("sub"),
    underline: formatted("u"),
    highlight: formatted("mark"),
    bibliography,
    bibEntry,
    critic: critic(ctx.model.labels),
    ...directiveHandlers(ctx.model),
  } satisfies Record<NodeType, unknown> as Handlers;
}

/**
 * Renders an mdast tree (the body or a shared part) to sanitised HTML. Raw HTML in the source is
 * parsed, then everything passes GitHub's sanitising rules: no script, handler or unsafe URL survives.
 * Local images are inlined as data URLs after sanitising; remote ones are never requested.
 */
export function renderHtmlFragment(tree: Root, ctx: HtmlContext): string {
  const { model } = ctx;
  const hast = toHast(tree, {
    allowDangerousHtml: true,
    handlers: htmlHandlers(ctx),
    clobberPrefix: "",
    footnoteLabel: model.labels.text("notes"),
    footnoteLabelProperties: { className: ["notes-label"] },
    footnoteBackLabel: (index) => model.labels.text("backToReference", { n: index + 1 }),
    unknownHandler: (_state, node: Nodes) =>
      ctx.file.fail(`The HTML renderer has no handler for \`${node.type}\` nodes`, {
        place: node.position,
        ruleId: "unknown-node",
        source: "folio",
      }),
  }) as HastRoot;
  const clean = sanitizedHast(hast);
  inlineImages(clean, model);
  if (ctx.theme) inlineCharts(clean, model, ctx.theme);
  tableRegions(clean, model.labels);
  // The contents where the `::toc` stands: Folio's own markup, not the source's, so not sanitised.
  visit(clean, "element", (node: Element, index, parent) => {
    if (node.tagName !== "nav" || node.properties.id !== contentsMarker || !parent || index === undefined)
      return;
    parent.children[index] = ctx.contents?.() ?? tocElement(model);
    return SKIP;
  });
  const { href } = ctx;
  if (href)
    visit(clean, "element", (node: Element) => {
      if (node.tagName === "a" && typeof node.properties.href === "string")
        node.properties.href = href(node.properties.href);
    });
  return toHtml(clean);
}

function inlineImages(tree: HastRoot, model: ReportModel): void {
  visit(tree, "element", (node: Element, index, parent) => {
    if (node.tagName !== "img" || !parent || index === undefined) return;
    const src = String(node.properties.src ?? "");
    if (src === logoSource && model.logo) {
      // The brand's logo, at its width on the cover (points as CSS pixels: 96 per 72).
      const width = Math.round((model.logo.coverWidth * 96) / 72);
      node.properties.src = `data:${model.logo.mime};base64,${Buffer.from(model.logo.bytes).toString("base64")}`;
      node.properties.width = width;
      node.properties.height = Math.round((width * model.logo.height) / model.logo.width);
      return;
    }
    const asset = model.images.get(src) ?? model.images.get(decodeURI(src));
    if (asset) {
      node.properties.src = `data:${asset.mime};base64,${Buffer.from(asset.bytes).toString("base64")}`;
      node.properties.width = asset.width;
      node.properties.height = asset.height;
      node.properties.alt ??= "";
      return;
    }
    // Not a local image we read: never let the page request it; show its alt text (and link) instead.
    const alt = String(node.properties.alt ?? "");
    const words = alt ? model.labels.text("imageAlt", { alt }) : model.labels.text("imageNoAlt");
    const label: ElementContent = { type: "text", value: words };
    const replacement: RootContent = /^https?:\/\//i.test(src)
      ? {
          type: "element",
          tagName: "a",
          properties: { href: src, className: ["image-link"] },
          children: [label],
        }
      : { type: "element", tagName: "span", properties: { className: ["image-missing"] }, children: [label] };
    parent.children[index] = replacement as Element;
  });
}
