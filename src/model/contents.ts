import type { Root } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { ReportMeta } from "./schema.ts";
import type { ContentsPlan, OutlineEntry } from "./types.ts";

/** Top-level sections from which a report gets a contents list unless its front matter says `toc`. */
const minSections = 3;

/**
 * Decides the contents: `toc` in the front matter wins; otherwise a report with a `::toc` or at
 * least three top-level sections has one. It lists the top level and the one below it unless
 * `toc-depth` says otherwise. A second `::toc` (or any, with `toc: false`) is a warning and places nothing.
 */
export function planContents(
  tree: Root,
  outline: readonly OutlineEntry[],
  meta: ReportMeta,
  file: VFile,
): ContentsPlan {
  const directives: LeafDirective[] = [];
  visit(tree, "leafDirective", (node: LeafDirective) => {
    if (node.name === "toc") directives.push(node);
  });
  const at = meta.toc === false ? undefined : directives[0];
  for (const node of directives) {
    if (node === at) continue;
    const reason =
      meta.toc === false
        ? "`toc: false` in the front matter: this `::toc` places no contents"
        : `A report has one contents list: this \`::toc\` is ignored (the first is at line ${at?.position?.start.line})`;
    file.message(reason, { place: node.position, ruleId: "toc", source: "folio" });
  }
  const topDepth = Math.min(6, ...outline.map((entry) => entry.depth));
  const sections = outline.filter((entry) => entry.depth === topDepth).length;
  const show = meta.toc ?? (at !== undefined || sections >= minSections);
  const depth = meta["toc-depth"] ?? Math.min(6, topDepth + 1);
  return { show: show && outline.length > 0, at, depth, entries: outline.filter((e) => e.depth <= depth) };
}
