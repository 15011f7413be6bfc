import type { Element, ElementContent } from "hast";
import type { State } from "mdast-util-to-hast";
import type { Abbr } from "../../model/abbreviations-html.ts";

/**
 * An abbreviation: `<abbr title="expansion">` (the title is what browsers and screen readers offer),
 * followed by its expansion in parentheses where the model spells it out in every format.
 */
export function abbr(state: State, node: Abbr): Element | ElementContent[] {
  const result: Element = {
    type: "element",
    tagName: "abbr",
    properties: node.expansion ? { title: node.expansion } : {},
    children: state.all(node) as ElementContent[],
  };
  state.patch(node, result);
  return node.inText && node.expansion ? [result, { type: "text", value: ` (${node.expansion})` }] : result;
}
