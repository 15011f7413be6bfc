import type { Heading, Paragraph, Root, Table } from "mdast";
import type { VFile } from "vfile";
import { visit } from "../visit.ts";
import { type Figure, type LabelKind, labelKind, type TableCaption } from "./figures.ts";

/** What a label names: its kind, anchor, number (figures and tables) and the text to cite it by. */
export interface LabelTarget {
  kind: LabelKind;
  label: string;
  /** Anchor id in every format. */
  id: string;
  /** Figures' and tables' number (`"2"`, `"1.3"`); sections are unnumbered. */
  number?: string;
  /** A section's title (what a reference to it prints). */
  title?: string;
  position?: Paragraph["position"];
}

/** The numbered apparatus of a document, in order: what the lists of figures and tables show. */
export interface Apparatus {
  /** Every figure (labelled or not), in order. */
  figures: Figure[];
  /** Every captioned table, in order. */
  tables: Array<{ table: Table; caption: TableCaption }>;
  /** Every label defined once, by label. */
  targets: Map<string, LabelTarget>;
}

export interface NumberingOptions {
  /** A book numbered by chapter: the number of the chapter holding each top-level node, else through. */
  chapterOf?: (topLevelIndex: number) => number | undefined;
  /** Each heading's title by id (the outline). */
  titles: ReadonlyMap<string, string>;
}

/**
 * Numbers labelled figures and tables in document order (1, 2 …; `2.1` in a book numbered by
 * chapter) and collects every label. A label defined twice is an error at each definition.
 */
export function numberApparatus(tree: Root, file: VFile, options: NumberingOptions): Apparatus {
  const apparatus: Apparatus = { figures: [], tables: [], targets: new Map() };
  const seen = new Map<string, LabelTarget[]>();
  const counts = { fig: 0, tbl: 0 };
  let chapter: number | undefined;
  const next = (kind: "fig" | "tbl", topLevel: number): string => {
    const inChapter = options.chapterOf?.(topLevel);
    if (inChapter !== chapter) {
      chapter = inChapter;
      counts.fig = 0;
      counts.tbl = 0;
    }
    counts[kind]++;
    return chapter === undefined ? String(counts[kind]) : `${chapter}.${counts[kind]}`;
  };
  const define = (target: LabelTarget) => {
    const list = seen.get(target.label) ?? [];
    list.push(target);
    seen.set(target.label, list);
  };
  tree.children.forEach((top, topLevel) => {
    visit(top, (node) => {
      if (node.type === "paragraph" && node.data?.figure) {
        const figure = node.data.figure;
        apparatus.figures.push(figure);
        if (!figure.label) return;
        figure.number = next("fig", topLevel);
        define({
          kind: "fig",
          label: figure.label,
          id: figure.label,
          number: figure.number,
          position: node.position,
        });
      } else if (node.type === "table" && node.data?.tableCaption) {
        const caption = node.data.tableCaption;
        apparatus.tables.push({ table: node, caption });
        if (!caption.label) return;
        caption.number = next("tbl", topLevel);
        define({
          kind: "tbl",
          label: caption.label,
          id: caption.label,
          number: caption.number,
          position: caption.position ?? node.position,
        });
      } else if (node.type === "heading" && node.data?.label) {
        const heading = node as Heading;
        const label = heading.data?.label as string;
        const id = heading.data?.id ?? label;
        define({
          kind: labelKind(label) ?? "sec",
          label,
          id,
          title: options.titles.get(id) ?? "",
          position: heading.position,
        });
      }
    });
  });
  for (const [label, targets] of seen) {
    const [first] = targets;
    // The first definition still answers references: the error is the duplicate, not each use.
    if (first) apparatus.targets.set(label, first);
    if (targets.length === 1) continue;
    const lines = targets.map((target) => target.position?.start.line ?? "?").join(", ");
    for (const target of targets)
      file.message(
        `Label \`#${label}\` is defined ${targets.length} times (lines ${lines}): each label names one thing`,
        {
          place: target.position,
          ruleId: "crossref-duplicate",
          source: "folio",
        },
      ).fatal = true;
  }
  return apparatus;
}

/** Every label the tree defines (figures, captioned tables, headings), to keep heading slugs off them. */
export function definedLabels(tree: Root): string[] {
  const labels: string[] = [];
  visit(tree, (node) => {
    const label =
      node.type === "paragraph"
        ? node.data?.figure?.label
        : node.type === "table"
          ? node.data?.tableCaption?.label
          : node.type === "heading"
            ? node.data?.label
            : undefined;
    if (label) labels.push(label);
  });
  return labels;
}
