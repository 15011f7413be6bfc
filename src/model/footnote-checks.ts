import type { FootnoteDefinition, Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { didYouMean } from "./suggest.ts";
import { visit } from "./visit.ts";

/** `[^label]` as typed: GFM leaves it as text when no definition has that label, or the label has a space. */
const typedReference = /\[\^([^\]\n]+)\]/g;

/**
 * The footnote mistakes GFM passes silently: a reference with no definition (printed as typed:
 * an error, with the defined label nearest to it), a label defined twice (an error at the second),
 * a definition nothing refers to (never printed: a warning) and one with no text (printed empty).
 */
export function checkFootnotes(tree: Root, file: VFile, source: string): void {
  const definitions = new Map<string, FootnoteDefinition>();
  const referenced = new Set<string>();
  visit(tree, (node) => {
    if (node.type === "footnoteReference") referenced.add(node.identifier);
    if (node.type !== "footnoteDefinition") return;
    const first = definitions.get(node.identifier);
    if (!first) {
      definitions.set(node.identifier, node);
      return;
    }
    const message = file.message(
      `Footnote \`[^${node.label ?? node.identifier}]\` is defined twice (first at line ${first.position?.start.line}): give each note its own label`,
      { place: node.position, ruleId: "duplicate-footnote", source: "folio" },
    );
    message.fatal = true;
  });

  const labels = [...definitions.values()].map((d) => d.label ?? d.identifier);
  // Code and inline code are nodes of their own, so only prose is searched.
  visit(tree, "text", (node) => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (start?.offset === undefined || end?.offset === undefined) return;
    const typed = source.slice(start.offset, end.offset);
    for (const match of typed.matchAll(typedReference)) {
      const label = match[1] as string;
      if (typed[match.index - 1] === "\\") continue;
      // A space in the label (`[^ 1]`, a hurried `[^note 2]`): GFM reads no reference at all.
      const spaced = /\s/.test(label);
      if (!spaced && definitions.has(identifierOf(label))) continue;
      const near = didYouMean(label, labels);
      const joined = label.replace(/\s+/g, "");
      const message = file.message(
        spaced
          ? `Footnote \`[^${label}]\` has a space in its label, so it is printed as typed: write \`[^${definitions.has(identifierOf(joined)) ? joined : (near ?? joined)}]\``
          : near
            ? `Footnote \`[^${label}]\` has no definition: did you mean \`[^${near}]\`?`
            : `Footnote \`[^${label}]\` has no definition: add its text on a line \`[^${label}]: …\` (as written, it is printed as typed)`,
        {
          place: placeAfter(source, start, start.offset + match.index),
          ruleId: "undefined-footnote",
          source: "folio",
        },
      );
      message.fatal = true;
    }
  });

  for (const [identifier, definition] of definitions) {
    // `[^2]:` with its text forgotten: the note is printed empty, a number with nothing after it.
    if (referenced.has(identifier) && !hasText(definition))
      file.message(
        `Footnote \`[^${definition.label ?? identifier}]\` has no text: write it after the \`:\` (as it is, the note is printed empty)`,
        { place: definition.position?.start, ruleId: "empty-footnote", source: "folio" },
      );
    if (referenced.has(identifier)) continue;
    file.message(
      `Footnote \`[^${definition.label ?? identifier}]\` is defined but never referenced: it is not printed`,
      { place: definition.position?.start, ruleId: "unused-footnote", source: "folio" },
    );
  }
}

/** Whether a note holds anything to print: text, an image, a table, code. */
function hasText(definition: FootnoteDefinition): boolean {
  let found = false;
  visit(definition, (node) => {
    if (node === definition) return undefined;
    if (
      ("value" in node && String(node.value).trim() !== "") ||
      node.type === "image" ||
      node.type === "table"
    )
      found = true;
    return undefined;
  });
  return found;
}

/** A label as mdast identifies it (case and runs of white space do not matter). */
function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, " ")
    .trim()
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}
