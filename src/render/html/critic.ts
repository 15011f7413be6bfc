import type { Element, ElementContent } from "hast";
import type { State } from "mdast-util-to-hast";
import type { Critic } from "../../model/critic-markup.ts";
import type { Labels } from "../../model/labels.ts";

const tags = { insert: "ins", delete: "del", highlight: "mark" } as const;

/**
 * A CriticMarkup mark (src/model/critic-markup.ts): `<ins>`, `<del>` and `<mark>`, which browsers
 * and screen readers announce, titled with who made the change; a comment is a visible note in
 * brackets, named as one in the report's language (the `reviewComment` label).
 */
export const critic = (labels: Labels) =>
  function critic(state: State, node: Critic): Element {
    const children = state.all(node) as ElementContent[];
    const result: Element =
      node.kind === "comment"
        ? {
            type: "element",
            tagName: "span",
            properties: { className: ["critic-comment"], role: "note" },
            children: [
              { type: "text", value: ` [${labels.text("reviewComment")}: ` },
              ...children,
              { type: "text", value: "]" },
            ],
          }
        : {
            type: "element",
            tagName: tags[node.kind],
            // Who made the change, and when: the title browsers show on hover and screen readers offer.
            properties: {
              // The parity check reads the page as accepted: it leaves a deleted mark out.
              ...(node.kind === "delete" ? { className: ["critic-delete"] } : {}),
              ...(node.attribution ? { title: node.attribution } : {}),
            },
            children,
          };
    state.patch(node, result);
    return result;
  };
