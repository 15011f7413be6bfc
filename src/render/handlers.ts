import type { Nodes } from "mdast";
import type { VFile } from "vfile";

/** Every mdast node type Folio's parser can produce (CommonMark, GFM, front matter, directives). */
export type NodeType = Nodes["type"];
export type NodeOf<T extends NodeType> = Extract<Nodes, { type: T }>;

/**
 * A renderer's table of handlers, one per node type. Declaring a table with
 * `satisfies HandlerTable<Context, Output>` makes a node type no handler knows a compile error.
 */
export type HandlerTable<Context, Output> = {
  [T in NodeType]: (node: NodeOf<T>, context: Context) => Output;
};

/**
 * Looks up the handler for a node at run time. A node outside the table (from a plugin the types
 * do not know) fails the build with its position instead of vanishing from the output.
 */
export function dispatch<Context, Output>(
  table: HandlerTable<Context, Output>,
  node: Nodes,
  context: Context,
  file: VFile,
  format: string,
): Output {
  const handler = (table as Record<string, ((node: Nodes, context: Context) => Output) | undefined>)[
    node.type
  ];
  if (!handler) {
    return file.fail(`The ${format} renderer has no handler for \`${node.type}\` nodes`, {
      place: node.position,
      ruleId: "unknown-node",
      source: "folio",
    });
  }
  return handler(node, context);
}
