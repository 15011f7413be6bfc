import type { Definition, FootnoteDefinition, Image, Link, Root } from "mdast";
import { visit } from "./visit.ts";

/** A footnote as renderers need it: its number (order of first reference, as on GitHub) and its content. */
export interface Footnote {
  number: number;
  identifier: string;
  node: FootnoteDefinition;
}

/**
 * Replaces link and image references with plain links and images (so no renderer needs the
 * definitions), and numbers the footnotes that are referenced, in order of first reference.
 * Definitions stay in the tree; every renderer ignores them by name.
 */
export function resolveReferences(tree: Root): Map<string, Footnote> {
  const definitions = new Map<string, Definition>();
  const footnoteDefinitions = new Map<string, FootnoteDefinition>();
  visit(tree, (node) => {
    if (node.type === "definition" && !definitions.has(node.identifier))
      definitions.set(node.identifier, node);
    if (node.type === "footnoteDefinition" && !footnoteDefinitions.has(node.identifier)) {
      footnoteDefinitions.set(node.identifier, node);
    }
  });

  const footnotes = new Map<string, Footnote>();
  visit(tree, (node, index, parent) => {
    if (node.type === "footnoteReference") {
      const definition = footnoteDefinitions.get(node.identifier);
      if (definition && !footnotes.has(node.identifier)) {
        footnotes.set(node.identifier, {
          number: footnotes.size + 1,
          identifier: node.identifier,
          node: definition,
        });
      }
      return;
    }
    if (!parent || index === undefined) return;
    if (node.type === "linkReference") {
      const definition = definitions.get(node.identifier);
      const link: Link = {
        type: "link",
        url: definition?.url ?? "",
        title: definition?.title ?? null,
        children: node.children,
        position: node.position,
      };
      parent.children[index] = link;
    } else if (node.type === "imageReference") {
      const definition = definitions.get(node.identifier);
      const image: Image = {
        type: "image",
        url: definition?.url ?? "",
        title: definition?.title ?? null,
        alt: node.alt ?? "",
        position: node.position,
      };
      parent.children[index] = image;
    }
  });
  return footnotes;
}
