import type { Root } from "mdast";
import type { VFile } from "vfile";
import { resolveCrossReferences } from "../apparatus/cross-references.ts";
import { labelKind } from "../apparatus/figures.ts";
import type { LabelTarget } from "../apparatus/numbering.ts";
import type { Labels } from "../labels.ts";
import type { OutlineEntry } from "../types.ts";
import { visit } from "../visit.ts";

// Each chapter resolves the labels it defines when it loads; a reference to another chapter's
// figure, table or section is left in its tree (`inBook`) and resolved here, over the assembled
// book, where every label has its book id. The numbers are then the book's (numberBook).

/**
 * Every label the assembled book defines (the front text's and each chapter's), by label, with its
 * id in the book. A label defined in two sources is an error at each definition, naming its file.
 */
export function bookLabelTargets(
  tree: Root,
  outline: readonly OutlineEntry[],
  file: VFile,
  sourceOf: (place: unknown) => string | undefined,
): Map<string, LabelTarget> {
  const titles = new Map(outline.map((entry) => [entry.id, entry.text]));
  // Each definition with its source file, read from its node (a caption's own place is not recorded).
  const seen = new Map<string, Array<{ target: LabelTarget; origin: string | undefined }>>();
  visit(tree, (node) => {
    let target: LabelTarget | undefined;
    if (node.type === "paragraph" && node.data?.figure?.label && node.data.figure.id) {
      const { label, id, number } = node.data.figure;
      target = { kind: "fig", label, id, ...(number ? { number } : {}), position: node.position };
    } else if (node.type === "table" && node.data?.tableCaption?.label && node.data.tableCaption.id) {
      const { label, id, number, position } = node.data.tableCaption;
      target = { kind: "tbl", label, id, ...(number ? { number } : {}), position: position ?? node.position };
    } else if (node.type === "heading" && node.data?.label && node.data.id) {
      const { label, id } = node.data;
      const kind = labelKind(label) ?? "sec";
      target = { kind, label, id, title: titles.get(id) ?? "", position: node.position };
    }
    if (target)
      seen.set(target.label, [
        ...(seen.get(target.label) ?? []),
        { target, origin: sourceOf(node.position) },
      ]);
  });
  const targets = new Map<string, LabelTarget>();
  for (const [label, list] of seen) {
    const [first] = list;
    if (first) targets.set(label, first.target);
    if (list.length === 1) continue;
    const where = list.map(
      ({ target, origin }) => `${origin ?? file.path}:${target.position?.start.line ?? "?"}`,
    );
    for (const { target, origin } of list) {
      const message = file.message(
        `Label \`#${label}\` is defined ${list.length} times in the book (${where.join(", ")}): each label names one thing in a book`,
        { place: target.position, ruleId: "crossref-duplicate", source: "folio" },
      );
      message.fatal = true;
      if (origin) message.file = origin;
    }
  }
  return targets;
}

/**
 * Resolves the cross-references the chapters (and the book's front text) left to the book: each
 * becomes a link to its target anywhere in the book; a label no source of the book defines is an
 * error at its line, in its chapter's file, with the nearest label of the whole book.
 */
export function resolveBookCrossReferences(
  tree: Root,
  outline: readonly OutlineEntry[],
  labels: Labels,
  file: VFile,
  sourceOf: (place: unknown) => string | undefined,
): void {
  const targets = bookLabelTargets(tree, outline, file, sourceOf);
  resolveCrossReferences(tree, targets, labels, file, { sourceOf });
}
