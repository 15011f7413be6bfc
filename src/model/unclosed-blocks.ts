import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";
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
  const lines = source.split("\n");
  visit(tree, (node) => {
    if (node.type !== "code" && node.type !== "containerDirective") return undefined;
    const opening = unclosedFence(node, lines);
    if (opening === undefined) return undefined;
    const start = node.position?.start;
    const after = linesAfter(start?.line ?? 0, node.position?.end.line ?? 0, lines);
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

/** The fence a block was opened with when no closing fence ends it; undefined for one closed, or not fenced (indented code). */
function unclosedFence(node: Nodes, lines: readonly string[]): string | undefined {
  const start = node.position?.start.line;
  const end = node.position?.end.line;
  if (start === undefined || end === undefined) return undefined;
  const opening = fenceOf(lines[start - 1]);
  if (!opening) return undefined;
  const closing = end > start ? closingFenceOf(lines[end - 1]) : undefined;
  const closes = closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length;
  return closes ? undefined : opening;
}

/** “the 13 lines after it are”, for the lines a block runs over past its opening line (blank ones at its end not counted). */
function linesAfter(first: number, end: number, lines: readonly string[]): string {
  let last = end;
  while (last > first && !lines[last - 1]?.trim()) last--;
  const count = last - first;
  if (count === 0) return "it is";
  return count === 1 ? "the line after it is" : `the ${count} lines after it are`;
}
