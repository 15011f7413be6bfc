import type { Data, Node, Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import type { Labels } from "../labels.ts";
import { suggestion } from "../suggest.ts";
import { type Cite, isCrossReferenceKey } from "./cite-syntax.ts";
import type { LabelKind } from "./figures.ts";
import type { LabelTarget } from "./numbering.ts";

/**
 * A resolved cross-reference (`@fig-x`, `[@tbl-x]`, `[-@fig-x]`, `@sec-x`): what it prints and
 * where it points, decided once. Every format links `text` to the anchor `id`; Word writes a REF
 * field to the target's bookmark with `text` as its cached result.
 */
export interface CrossReference extends Node {
  type: "crossReference";
  kind: LabelKind;
  label: string;
  /** Anchor id of the figure, table or heading. */
  id: string;
  /** "Figure 2", "Table 1", a section's title; the number alone for `[-@fig-x]`. */
  text: string;
  /** `[-@fig-x]`: the number alone (Word refers to the number's own bookmark). */
  numberOnly: boolean;
  /** The same text, for what reads a tree's text (mdast-util-to-string, the parity check). */
  value: string;
  data?: Data;
}

declare module "mdast" {
  interface PhrasingContentMap {
    crossReference: CrossReference;
  }
  interface RootContentMap {
    crossReference: CrossReference;
  }
}

/** "Figure 2" / "Tableau 1" / the number alone, for a numbered target. */
export function referenceText(target: LabelTarget, labels: Labels, numberOnly: boolean): string {
  if (target.kind === "sec" || target.number === undefined) return target.title ?? target.label;
  if (numberOnly) return target.number;
  return labels.text(target.kind === "fig" ? "figureRef" : "tableRef", { n: target.number });
}

/** How `resolveCrossReferences` treats a label it does not know. */
export interface ResolveOptions {
  /**
   * Leave a cite naming an unknown label in the tree, unreported (a book's chapter or a book's own
   * front text: the book resolves it over every chapter once it is assembled).
   */
  keepUnknown?: boolean;
  /** The file a node's place belongs to (a book's chapter), named on the message. */
  sourceOf?: (place: unknown) => string | undefined;
}

/**
 * Replaces each cite whose keys are all cross-reference keys (`fig-`, `tbl-`, `sec-`, or with a
 * colon) with what it prints: its items' prefixes, references and suffixes, separated by `; `. An
 * unknown label is an error at its line with the nearest label (unless `keepUnknown`); a bracket
 * mixing cross-references and bibliography keys is an error too (each goes in brackets of its own).
 * `targets` are the labels known, by label. Returns how many cites were kept for lack of a target.
 */
export function resolveCrossReferences(
  tree: Root,
  targets: ReadonlyMap<string, LabelTarget>,
  labels: Labels,
  file: VFile,
  options: ResolveOptions = {},
): number {
  let kept = 0;
  const walk = (parent: Parent) => {
    parent.children = (parent.children as RootContent[]).flatMap((child): RootContent[] => {
      if (child.type === "cite") {
        const out = resolveCite(child, targets, labels, file, options);
        if (out.length === 1 && out[0] === child && isCrossCite(child)) kept++;
        return out;
      }
      if ("children" in child) walk(child);
      return [child];
    }) as typeof parent.children;
  };
  walk(tree);
  return kept;
}

const isCrossCite = (cite: Cite) => cite.items.every((item) => isCrossReferenceKey(item.key));

function resolveCite(
  cite: Cite,
  targets: ReadonlyMap<string, LabelTarget>,
  labels: Labels,
  file: VFile,
  options: ResolveOptions,
): PhrasingContent[] {
  const crossKeys = cite.items.filter((item) => isCrossReferenceKey(item.key));
  if (crossKeys.length === 0) return [cite];
  const error = (reason: string) => {
    const message = file.message(reason, { place: cite.position, ruleId: "crossref", source: "folio" });
    message.fatal = true;
    const origin = options.sourceOf?.(cite.position);
    if (origin) message.file = origin;
  };
  if (crossKeys.length < cite.items.length) {
    error("A cross-reference and a citation share one pair of brackets: put each in brackets of its own");
    return [cite];
  }
  if (options.keepUnknown && cite.items.some((item) => !targets.has(item.key))) return [cite];
  const out: PhrasingContent[] = [];
  cite.items.forEach((item, index) => {
    const target = targets.get(item.key);
    if (!target) {
      error(
        `Unknown label \`@${item.key}\`: no figure, table or section has it${suggestion(item.key, targets.keys())}`,
      );
      return;
    }
    if (index > 0) out.push({ type: "text", value: "; " });
    if (item.prefix) out.push({ type: "text", value: `${item.prefix} ` });
    const text = referenceText(target, labels, item.suppressAuthor);
    out.push({
      type: "crossReference",
      kind: target.kind,
      label: target.label,
      id: target.id,
      text,
      value: text,
      numberOnly: item.suppressAuthor && target.number !== undefined,
      position: cite.position,
      // What mdast-util-to-hast's own handlers make of it (the readers of a tree's text): a link.
      data: {
        hName: "a",
        hProperties: { href: `#${target.id}` },
        hChildren: [{ type: "text", value: text }],
      },
    });
    const suffix = [item.locator, item.suffix].filter(Boolean).join(" ");
    if (suffix) out.push({ type: "text", value: /^[,.;:]/.test(suffix) ? suffix : ` ${suffix}` });
  });
  return out.length > 0 ? out : [cite];
}

/** A caption's label: "Figure 2:", "Tableau 1 :" (the words and punctuation from the labels). */
export function captionLabel(kind: "fig" | "tbl", number: string, labels: Labels): string {
  const label = labels.text(kind === "fig" ? "figureRef" : "tableRef", { n: number });
  return labels.text("captionLabel", { label });
}
