import type { Element, ElementContent } from "hast";
import type { State } from "mdast-util-to-hast";
import type { BibEntry, Bibliography } from "../../model/apparatus/bibliography-node.ts";

/** The bibliography: a `div.references` of entries (a hanging indent when the style sets one). */
export function bibliography(state: State, node: Bibliography): Element {
  const result: Element = {
    type: "element",
    tagName: "div",
    properties: { className: node.hangingIndent ? ["references", "hanging-indent"] : ["references"] },
    children: state.all(node) as ElementContent[],
  };
  state.patch(node, result);
  return result;
}

/** One entry: a paragraph whose id every citation of it links to. */
export function bibEntry(state: State, node: BibEntry): Element {
  const result: Element = {
    type: "element",
    tagName: "p",
    properties: { id: node.id, className: ["csl-entry"] },
    children: state.all(node) as ElementContent[],
  };
  state.patch(node, result);
  return result;
}
