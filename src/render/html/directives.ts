import type { Element, ElementContent, Properties } from "hast";
import type { Handler, State } from "mdast-util-to-hast";
import { type AnyDirective, isKnownDirective } from "../../model/directives.ts";
import type { ReportModel } from "../../model/types.ts";
import { tocElement } from "./toc.ts";

type Shape = { tag: string; properties: Properties };

/** How each known directive appears in HTML; unknown ones become a plain block with their content. */
const shapes: Record<string, Shape> = {
  "title-block": { tag: "header", properties: { className: ["title-block"] } },
  colophon: { tag: "div", properties: { className: ["colophon"] } },
  note: { tag: "aside", properties: { className: ["note"] } },
  "keep-together": { tag: "div", properties: { className: ["keep-together"] } },
  pagebreak: { tag: "div", properties: { className: ["page-break"], ariaHidden: "true" } },
  eyebrow: { tag: "p", properties: { className: ["eyebrow"] } },
  subtitle: { tag: "p", properties: { className: ["subtitle"] } },
  byline: { tag: "p", properties: { className: ["byline"] } },
};

/** Turns a directive node into an element, keeping its children whatever its name. */
const directive = (state: State, node: AnyDirective, model: ReportModel): Element | undefined => {
  if (node.type === "leafDirective" && node.name === "toc")
    return node === model.contents.at && model.contents.show ? tocElement(model) : undefined;
  const known = isKnownDirective(node) ? shapes[node.name] : undefined;
  const fallback: Shape = {
    tag: node.type === "textDirective" ? "span" : node.type === "leafDirective" ? "p" : "div",
    properties: { className: [`directive-${node.name}`] },
  };
  const { tag, properties } = known ?? fallback;
  const element: Element = {
    type: "element",
    tagName: tag,
    properties:
      node.name === "note" && known
        ? { ...properties, ariaLabel: model.labels.text("note") }
        : { ...properties },
    children: state.all(node) as ElementContent[],
  };
  state.patch(node, element);
  return state.applyData(node, element);
};

/** Handlers for the three directive node types; `::toc` needs the outline to place the contents. */
export function directiveHandlers(model: ReportModel) {
  const handler = ((state: State, node: AnyDirective) => directive(state, node, model)) as Handler;
  return { containerDirective: handler, leafDirective: handler, textDirective: handler };
}
