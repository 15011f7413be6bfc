import type { Heading, Image, Paragraph, PhrasingContent, Root, Text } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import type { VFile } from "vfile";
import { SKIP, visit } from "../visit.ts";
import { takeCaptionRows } from "./table-caption-rows.ts";

// What a figure is, what captions a table, and which label each carries, decided once here for
// every format (pandoc 3's `Figure` block; Quarto's and pandoc-crossref's labels):
//   ![Caption](x.png){#fig-advisories}      an image alone in its paragraph, labelled
//   ![Caption](x.png)                       an implicit figure (alt text as caption), unnumbered
//   Table: Caption {#tbl-size}  /  : Caption   a paragraph just before or after a table
//   ## Title {#sec-method}                  a heading's own id
// Numbers come later (numberApparatus), once the whole tree is read.

/** A label's kind, from its prefix: `fig-`/`fig:`, `tbl-`/`tbl:`, `sec-`/`sec:`. */
export type LabelKind = "fig" | "tbl" | "sec";

/** A figure: the image, its caption (the alt text) and, when labelled, its label, anchor and number. */
export interface Figure {
  image: Image;
  /** The caption as written (the image's description). */
  caption: string;
  /** The text that describes the picture to who cannot see it (`fig-alt="…"`, else the caption). */
  alt: string;
  label?: string;
  /** Anchor id (HTML id, PDF destination, DOCX bookmark): the label. */
  id?: string;
  /** `"3"`, or `"2.3"` in a book numbered by chapter; only labelled figures are numbered. */
  number?: string;
}

/** A table's caption (pandoc's `Table: …` or `: …` paragraph), with its label and number. */
export interface TableCaption {
  children: PhrasingContent[];
  label?: string;
  id?: string;
  number?: string;
  /** Where the caption was written (for messages). */
  position?: Paragraph["position"];
}

declare module "mdast" {
  interface Data {
    /** Set on a paragraph that is a figure (by `readFigures`): every format renders this decision. */
    figure?: Figure;
    /** Set on a table that has a caption (by `readTableCaptions`). */
    tableCaption?: TableCaption;
    /** A heading's label from `{#…}` after its text: its id in every format. */
    label?: string;
  }
}

/** `{#id key="value" .class}` at the end of a text: the id and the attributes. */
const attributeBlock = /\s*\{\s*#([^\s}]+)((?:\s+[^}]*)?)\}\s*$/u;

/** The attributes of an attribute block's tail: `fig-alt="…"` and the like (straight or curly quotes). */
function attributes(tail: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tail.matchAll(/([\w-]+)\s*=\s*(?:["“”]([^"“”]*)["“”]|(\S+))/gu))
    found.set(match[1] as string, match[2] ?? match[3] ?? "");
  return found;
}

/** The kind a label names by its prefix, or undefined. */
export function labelKind(label: string): LabelKind | undefined {
  const kind = /^(fig|tbl|sec)[-:]/.exec(label)?.[1];
  return kind as LabelKind | undefined;
}

/**
 * Reads every figure (an image with alt text alone in its paragraph, or any image alone with a
 * `{#fig-…}` block after it) onto its paragraph's `data.figure`, and strips the block.
 */
export function readFigures(tree: Root, file: VFile): void {
  visit(tree, "paragraph", (paragraph) => {
    const content = paragraph.children.filter(
      (child) => !(child.type === "text" && child.value.trim() === ""),
    );
    const [image, after, ...rest] = content;
    if (image?.type !== "image" || rest.length > 0) return;
    let label: string | undefined;
    let alt: string | undefined;
    if (after) {
      const block = after.type === "text" ? attributeBlock.exec(after.value) : null;
      if (!block || after.type !== "text" || after.value.slice(0, block.index).trim() !== "") return;
      label = block[1] as string;
      alt = attributes(block[2] ?? "").get("fig-alt");
      if (labelKind(label) !== "fig") {
        file.message(`A figure's label starts with \`fig-\` (or \`fig:\`): \`#${label}\` is not one`, {
          place: after.position,
          ruleId: "crossref-label",
          source: "folio",
        }).fatal = true;
        label = undefined;
      }
      paragraph.children = [image];
    }
    const caption = image.alt?.trim() ?? "";
    if (!caption && !label) return;
    // `fig-alt` describes the picture; the caption stays what the source wrote under it.
    if (alt !== undefined) image.alt = alt;
    paragraph.data = {
      ...paragraph.data,
      figure: { image, caption, alt: alt ?? caption, ...(label ? { label, id: label } : {}) },
    };
    return SKIP;
  });
}

/** The first paragraph that is a table caption: `Table: …` or `: …`. */
const captionStart = /^(?:Table)?:[ \t]+/u;

/** Whether a node is a caption paragraph (`Table: Caption`, `: Caption`). */
function isCaption(node: unknown): node is Paragraph {
  const paragraph = node as Paragraph | undefined;
  const first = paragraph?.type === "paragraph" ? paragraph.children[0] : undefined;
  return first?.type === "text" && captionStart.test(first.value);
}

/**
 * Moves each table's caption paragraph (pandoc's, just before or just after it, or on the line
 * right under it; after wins when both look like one) onto the table as `data.tableCaption`, its
 * `{#tbl-…}` label read.
 */
export function readTableCaptions(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (!("children" in node)) return;
    const children = node.children as Array<Root["children"][number]>;
    for (let i = 0; i < children.length; i++) {
      const table = children[i];
      if (table?.type !== "table") continue;
      // A caption on the line right under the table, which GFM read as its last row.
      const swallowed = takeCaptionRows(table, file);
      if (swallowed) children.splice(i + 1, 0, swallowed);
      const after = children[i + 1];
      const before = children[i - 1];
      const at = isCaption(after) ? i + 1 : isCaption(before) && !tableBefore(children, i - 1) ? i - 1 : -1;
      if (at < 0) continue;
      const paragraph = children[at] as Paragraph;
      table.data = { ...table.data, tableCaption: captionOf(paragraph, file) };
      children.splice(at, 1);
      if (at < i) i--;
    }
  });
}

/** Whether the caption paragraph at `at` already belongs to the table before it. */
function tableBefore(children: ReadonlyArray<{ type: string }>, at: number): boolean {
  return children[at - 1]?.type === "table";
}

function captionOf(paragraph: Paragraph, file: VFile): TableCaption {
  const children = structuredClone(paragraph.children);
  const first = children[0] as Text;
  first.value = first.value.replace(captionStart, "");
  let label: string | undefined;
  const last = children.at(-1);
  const block = last?.type === "text" ? attributeBlock.exec(last.value) : null;
  if (last?.type === "text" && block) {
    label = block[1] as string;
    last.value = last.value.slice(0, block.index).trimEnd();
    if (labelKind(label) !== "tbl") {
      file.message(`A table's label starts with \`tbl-\` (or \`tbl:\`): \`#${label}\` is not one`, {
        place: paragraph.position,
        ruleId: "crossref-label",
        source: "folio",
      }).fatal = true;
      label = undefined;
    }
  }
  const kept = children.filter((child) => !(child.type === "text" && child.value === ""));
  return { children: kept, position: paragraph.position, ...(label ? { label, id: label } : {}) };
}

/** Reads `{#id}` at the end of each heading into `data.label` (the heading's id) and strips it. */
export function readHeadingLabels(tree: Root): void {
  visit(tree, "heading", (heading: Heading) => {
    const last = heading.children.at(-1);
    if (last?.type !== "text") return;
    const block = attributeBlock.exec(last.value);
    if (!block) return;
    last.value = last.value.slice(0, block.index).trimEnd();
    if (last.value === "") heading.children.pop();
    heading.data = { ...heading.data, label: block[1] as string };
  });
}

/** A table's caption as plain text (for lists, alt text and messages). */
export function captionText(caption: TableCaption): string {
  return caption.children.map((child) => nodeText(child)).join("");
}
