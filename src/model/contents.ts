import type { Root } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { VFile } from "vfile";
import type { ReportMeta } from "./schema.ts";
import type { ContentsPlan, OutlineEntry } from "./types.ts";
import { visit } from "./visit.ts";

/** Headings from which a report gets a contents list unless its front matter says `toc`. */
const minEntries = 3;

/**
 * Each heading's nesting level in the outline (1 for a heading with no heading above it of a
 * smaller `#` count): `##`, `##`, `#`, `###` → 1, 1, 1, 2. Levels follow the nesting, not the
 * `#` count, so a skipped level changes nothing in the contents.
 */
function nestingLevels(outline: readonly OutlineEntry[]): number[] {
  const open: number[] = [];
  return outline.map((entry) => {
    while (open.length > 0 && (open.at(-1) as number) >= entry.depth) open.pop();
    open.push(entry.depth);
    return open.length;
  });
}

/**
 * Decides the contents: `toc` in the front matter wins; otherwise a report with a `::toc`, or with
 * at least three headings to list, has one. It lists two levels of the outline's nesting (so a
 * skipped level drops nothing: `#` then `###` lists both) unless `toc-depth` says how many. A
 * second `::toc` (or any, with `toc: false`) is a warning and places nothing. Every format lists an
 * entry by its heading's own text and adds no number ("I. Definitions" numbers itself; "Summary" has none).
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
  const levels = nestingLevels(outline);
  const maxLevel = meta["toc-depth"] ?? 2;
  const entries = outline
    .map((entry, i) => ({ ...entry, level: levels[i] as number }))
    .filter((entry) => entry.level <= maxLevel);
  // The `#` count the deepest listed heading has (Word's TOC field lists heading styles to it).
  const depth = Math.max(
    Math.min(6, Math.min(...outline.map((e) => e.depth)) + 1),
    ...entries.map((e) => e.depth),
  );
  const show = meta.toc ?? (at !== undefined || entries.length >= minEntries);
  return { show: show && entries.length > 0, at, depth, entries };
}
