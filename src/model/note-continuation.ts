import type { FootnoteDefinition, Nodes, Parent, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/** What each kind of block is called in a message. */
const blockNames: Partial<Record<RootContent["type"], string>> = {
  paragraph: "paragraph",
  blockquote: "block quote",
  list: "list",
  code: "code block",
  table: "table",
  html: "block of HTML",
};

/**
 * Warns at blocks that sit among the notes but belong to none: a note's second paragraph typed
 * without its four spaces of indent, or a line of a note that starts with `>` (a scraped tag
 * broken across lines), which Markdown ends the note at. Such a block is printed in the body, at
 * the place it was typed, and the note loses it, without a word. Only blocks between two notes'
 * definitions are read, and only a run of them that refers to no note and holds no heading: a
 * source that defines each note after its paragraph has body text between definitions too, but
 * that text refers to the next note.
 */
export function checkNoteContinuations(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (!("children" in node)) return undefined;
    const children = (node as Parent).children as RootContent[];
    let note: FootnoteDefinition | undefined;
    let run: RootContent[] = [];
    for (const child of children) {
      if (child.type !== "footnoteDefinition") {
        if (note && printed(child)) run.push(child);
        continue;
      }
      if (note && run.length > 0 && run.every((block) => block.type !== "heading" && !refersToNote(block)))
        for (const block of run) warn(block, note, file);
      note = child;
      run = [];
    }
    return undefined;
  });
}

function warn(block: RootContent, note: FootnoteDefinition, file: VFile): void {
  const name = blockNames[block.type] ?? "block";
  // A scraped tag broken before its `>` starts a line with it: Markdown reads a block quote there.
  const why = block.type === "blockquote" ? ", since a line that starts with `>` begins a block quote" : "";
  file.message(
    `This ${name} sits between the notes' definitions but is not indented like note \`[^${note.label ?? note.identifier}]\` above it${why}: it is printed in the body, not in the note (indent each of its lines 4 spaces to continue the note)`,
    { place: block.position?.start, ruleId: "note-continuation", source: "folio" },
  );
}

/** Whether a block prints anything: a link's definition and an HTML comment among the notes do not. */
function printed(block: RootContent): boolean {
  if (block.type === "definition") return false;
  return !(block.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(block.value));
}

function refersToNote(block: Nodes): boolean {
  let found = false;
  visit(block, "footnoteReference", () => {
    found = true;
  });
  return found;
}
