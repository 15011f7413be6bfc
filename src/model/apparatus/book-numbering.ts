import type { Root } from "mdast";
import type { BookChapter } from "../book/types.ts";
import type { Labels } from "../labels.ts";
import { visit } from "../visit.ts";
import { referenceText } from "./cross-references.ts";
import type { Apparatus, LabelTarget } from "./numbering.ts";

/**
 * Numbers an assembled book's figures and tables again, per chapter ("Figure 2.3", the theme's
 * `captions.bookNumbering: "chapter"`) or through the book (`"book"`), and rewrites every
 * cross-reference's text to match. The chapters' own numbers (each from 1) were for their own
 * builds; ids are the book's (prefixed by adoptChapter). Returns the book's apparatus, by id.
 */
export function numberBook(
  tree: Root,
  chapters: readonly BookChapter[],
  mode: "chapter" | "book",
  labels: Labels,
): Apparatus {
  const apparatus: Apparatus = { figures: [], tables: [], targets: new Map() };
  const chapterOf = (top: number) => {
    const index = chapters.findIndex((chapter) => top >= chapter.nodes[0] && top < chapter.nodes[1]);
    return mode === "chapter" && index >= 0 ? index + 1 : undefined;
  };
  const counts = { fig: 0, tbl: 0 };
  let current: number | undefined;
  const next = (kind: "fig" | "tbl", top: number) => {
    const chapter = chapterOf(top);
    if (chapter !== current) {
      current = chapter;
      counts.fig = 0;
      counts.tbl = 0;
    }
    counts[kind]++;
    return chapter === undefined ? String(counts[kind]) : `${chapter}.${counts[kind]}`;
  };
  tree.children.forEach((top, index) => {
    visit(top, (node) => {
      if (node.type === "paragraph" && node.data?.figure) {
        const figure = node.data.figure;
        apparatus.figures.push(figure);
        if (!figure.label || !figure.id) return;
        figure.number = next("fig", index);
        apparatus.targets.set(figure.id, {
          kind: "fig",
          label: figure.label,
          id: figure.id,
          number: figure.number,
        });
      } else if (node.type === "table" && node.data?.tableCaption) {
        const caption = node.data.tableCaption;
        apparatus.tables.push({ table: node, caption });
        if (!caption.label || !caption.id) return;
        caption.number = next("tbl", index);
        apparatus.targets.set(caption.id, {
          kind: "tbl",
          label: caption.label,
          id: caption.id,
          number: caption.number,
        });
      } else if (node.type === "heading" && node.data?.label && node.data.id) {
        const target: LabelTarget = { kind: "sec", label: node.data.label, id: node.data.id };
        apparatus.targets.set(node.data.id, target);
      }
    });
  });
  visit(tree, "crossReference", (node) => {
    const target = apparatus.targets.get(node.id);
    if (!target || target.number === undefined) return;
    const text = referenceText(target, labels, node.numberOnly);
    node.text = text;
    node.value = text;
    node.data = { ...node.data, hChildren: [{ type: "text", value: text }] };
  });
  return apparatus;
}
