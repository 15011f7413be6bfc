import type { Root, Text } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";

/**
 * The layout blocks Folio knows. Every renderer handles each of these by name; any other
 * directive gets a warning and is rendered as a plain block with its content kept.
 */
export const knownDirectives = {
  containerDirective: ["note", "title-block", "colophon", "keep-together"],
  leafDirective: ["pagebreak", "eyebrow", "subtitle", "byline", "toc"],
  textDirective: [] as string[],
} as const;

export type AnyDirective = ContainerDirective | LeafDirective | TextDirective;

export function isKnownDirective(node: AnyDirective): boolean {
  return (knownDirectives[node.type] as readonly string[]).includes(node.name);
}

/**
 * Warns about unknown directives. An unknown text directive is most likely prose that happens to
 * look like one (`ratio 3:a`), so it goes back to its literal source text.
 */
export function checkDirectives(tree: Root, file: VFile, source: string): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== "containerDirective" && node.type !== "leafDirective" && node.type !== "textDirective")
      return;
    if (isKnownDirective(node)) return;
    const kind = { containerDirective: ":::", leafDirective: "::", textDirective: ":" }[node.type];
    if (node.type === "textDirective" && parent && index !== undefined) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const literal: Text = {
        type: "text",
        value: start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`,
      };
      parent.children.splice(index, 1, literal);
      file.message(`Unknown directive \`${kind}${node.name}\`: kept as text`, {
        place: node.position,
        ruleId: "unknown-directive",
        source: "folio",
      });
      return [SKIP, index + 1];
    }
    file.message(`Unknown directive \`${kind}${node.name}\`: its content is rendered as a plain block`, {
      place: node.position,
      ruleId: "unknown-directive",
      source: "folio",
    });
    return undefined;
  });
}
