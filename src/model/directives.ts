import type { Root, Text } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import type { VFile } from "vfile";
import { SKIP, visit } from "./visit.ts";

/**
 * The layout blocks Folio knows, by kind. Every renderer handles each of these by name in a
 * {@link DirectiveTable} (a name no renderer handles is a compile error); any other directive gets a
 * warning at load and is rendered as a plain block with its content kept.
 */
export const knownDirectives = {
  containerDirective: ["note", "title-block", "colophon", "keep-together", "abstract"],
  leafDirective: [
    "pagebreak",
    "eyebrow",
    "subtitle",
    "authors",
    "byline",
    "dateline",
    "toc",
    "abstract-title",
    "logo",
    // Where the lists of numbered figures and tables stand (src/model/apparatus/lists.ts).
    "list-of-figures",
    "list-of-tables",
  ],
  textDirective: [],
} as const;

/**
 * Directives the model replaces with content before any renderer sees them (`::abbreviations`
 * becomes the list of abbreviations): known, so never warned about, but in no renderer's table.
 */
export const modelDirectives: readonly string[] = [
  "abbreviations",
  "bibliography",
  // Data tables and charts (src/model/charts/read-charts.ts): a table and a figure by then.
  "chart",
  "table",
];

export type AnyDirective = ContainerDirective | LeafDirective | TextDirective;
export type ContainerName = (typeof knownDirectives.containerDirective)[number];
export type LeafName = (typeof knownDirectives.leafDirective)[number];
export type TextName = (typeof knownDirectives.textDirective)[number];

/**
 * A renderer's handlers for directives, one per known name and kind, plus one for a directive no
 * entry names (its content as a plain block). Declared with `satisfies DirectiveTable<…>`.
 */
export interface DirectiveTable<Context, Output> {
  containerDirective: Record<ContainerName, (node: ContainerDirective, context: Context) => Output>;
  leafDirective: Record<LeafName, (node: LeafDirective, context: Context) => Output>;
  textDirective: Record<TextName, (node: TextDirective, context: Context) => Output>;
  unknown: (node: AnyDirective, context: Context) => Output;
}

export function isKnownDirective(node: AnyDirective): boolean {
  return (knownDirectives[node.type] as readonly string[]).includes(node.name);
}

/** Calls the table's handler for a directive by its kind and name (`unknown` for any other). */
export function dispatchDirective<Context, Output>(
  table: DirectiveTable<Context, Output>,
  node: AnyDirective,
  context: Context,
): Output {
  const byName = table[node.type] as Record<
    string,
    ((node: AnyDirective, context: Context) => Output) | undefined
  >;
  const handler = Object.hasOwn(byName, node.name) ? byName[node.name] : undefined;
  return (handler ?? table.unknown)(node, context);
}

/**
 * Warns about unknown directives. An unknown text directive (`:name[…]` or `:name{…}`: a bare
 * `:name` is never one, see text-directives.ts) goes back to its literal source text.
 */
export function checkDirectives(tree: Root, file: VFile, source: string): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== "containerDirective" && node.type !== "leafDirective" && node.type !== "textDirective")
      return;
    if (isKnownDirective(node)) return;
    if (node.type === "leafDirective" && modelDirectives.includes(node.name)) return;
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
