import type { Root } from "mdast";
import type { VFile } from "vfile";
import { linesAround } from "./source-place.ts";
import { visit } from "./visit.ts";

/** A line's opening or closing fence, after any block quote markers: `` ``` ``, `~~~` or `:::`. */
const fenceOf = (line: string | undefined) => /^(?:\s*>)*\s*(`{3,}|~{3,}|:{3,})/.exec(line ?? "")?.[1];

/** A line that is a fence and nothing else: what closes a block. */
const closingFenceOf = (line: string | undefined) =>
  /^(?:\s*>)*\s*(`{3,}|~{3,}|:{3,})\s*$/.exec(line ?? "")?.[1];

/**
 * Warns at a fenced code block or a `:::` block whose closing fence never comes: Markdown runs it
 * to the end of what holds it (the document, most often), so every heading and paragraph after
 * it is printed as code, or inside the callout, without a word. Read from the source: a block that
 * was closed ends on a line of its opening fence's character, at least as long, and nothing else.
 */
export function checkUnclosedBlocks(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type !== "code" && node.type !== "containerDirective") return undefined;
    const start = node.position?.start;
    const end = node.position?.end;
    if (start?.offset === undefined || end?.offset === undefined) return undefined;
    // The block's lines, from its opening fence's to its last.
    const lines = linesAround(source, start.offset, end.offset);
    const opening = unclosedFence(lines);
    if (opening === undefined) return undefined;
    const after = linesAfter(lines);
    file.message(
      node.type === "code"
        ? `This code block (opened with ${opening}) is never closed: ${after} printed as code, headings and all (end it with a line of ${opening})`
        : `This \`${opening}${node.name}\` block is never closed: ${after} inside it, headings and all (end it with a line of \`${opening}\`)`,
      {
        place: start,
        ruleId: node.type === "code" ? "unclosed-code-fence" : "unclosed-directive",
        source: "folio",
      },
    );
    return undefined;
  });
}

/** The fence a block's lines were opened with when no closing fence ends them; undefined for one closed, or not fenced (indented code). */
function unclosedFence(lines: readonly string[]): string | undefined {
  const opening = fenceOf(lines[0]);
  if (!opening) return undefined;
  const closing = lines.length > 1 ? closingFenceOf(lines.at(-1)) : undefined;
  const closes = closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length;
  return closes ? undefined : opening;
}

/** “the 13 lines after it are”, for the lines a block runs over past its opening line (blank ones at its end not counted). */
function linesAfter(lines: readonly string[]): string {
  let count = lines.length - 1;
  while (count > 0 && !lines[count]?.trim()) count--;
  if (count === 0) return "it is";
  return count === 1 ? "the line after it is" : `the ${count} lines after it are`;
}
