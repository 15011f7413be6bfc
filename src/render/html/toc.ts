import type { Element } from "hast";
import { h } from "hastscript";
import type { OutlineEntry, ReportModel } from "../../model/types.ts";

export interface TocNode {
  entry: OutlineEntry;
  children: TocNode[];
}

/** Nests the flat outline by heading depth (a level skipped in the source nests under the nearest parent). */
export function nestOutline(outline: readonly OutlineEntry[]): TocNode[] {
  const roots: TocNode[] = [];
  const stack: TocNode[] = [];
  for (const entry of outline) {
    const node: TocNode = { entry, children: [] };
    while (stack.length > 0 && (stack.at(-1)?.entry.depth ?? 0) >= entry.depth) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

/**
 * A level of the contents as a plain list, as pandoc writes it: an unordered `ul` shown without
 * markers, so a list never numbers headings that number themselves ("I. Definitions", "3.2 Methods")
 * and screen readers announce no order the headings do not state. Inside the `nav` landmark WebKit
 * keeps the list's semantics although its markers are hidden.
 */
function list(nodes: TocNode[]): Element {
  return h(
    "ul",
    nodes.map((n) =>
      h("li", [
        h("a", { href: `#${n.entry.id}` }, n.entry.text),
        ...(n.children.length ? [list(n.children)] : []),
      ]),
    ),
  );
}

/** The report's contents (its plan's entries) as a labelled navigation landmark. */
export function tocElement(model: ReportModel): Element {
  return h("nav", { className: ["toc"], ariaLabelledBy: "contents" }, [
    h("h2", { id: "contents", className: ["toc-title"] }, model.labels.text("contents")),
    list(nestOutline(model.contents.entries)),
  ]);
}
