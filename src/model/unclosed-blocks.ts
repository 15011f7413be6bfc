import type { Code, Root } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/**
 * Warns at a fenced code block or a `:::` block whose closing fence never comes: Markdown runs it
 * to the end of what holds it (the document, most often), so every heading and paragraph after
 * it is printed as code, or inside the callout, without a word. Read from the source: a block that
 * was closed ends on its closing fence's line.
 */
export function checkUnclosedBlocks(tree: Root, file: VFile, source: string): void {
  const lines = source.split("\n");
  visit(tree, (node) => {
    if (node.type === "code") checkFence(node, lines, file);
    else if (node.type === "containerDirective") checkDirective(node, lines, file);
    return undefined;
  });
}

function checkFence(node: Code, lines: readonly string[], file: VFile): void {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return;
  const opening = /^(?:\s*>)*\s*(`{3,}|~{3,})/.exec(lines[start.line - 1] ?? "")?.[1];
  if (!opening) return; // an indented code block has no fence to close
  const closing = lines[end.line - 1] ?? "";
  const mark = opening[0] as string;
  if (end.line > start.line && new RegExp(`^(?:\\s*>)*\\s*\\${mark}{${opening.length},}\\s*$`).test(closing))
    return;
  file.message(
    `This code block (opened with ${opening}) is never closed: ${linesAfter(start.line, end.line, lines)} printed as code, headings and all (end it with a line of ${opening})`,
    { place: start, ruleId: "unclosed-code-fence", source: "folio" },
  );
}

function checkDirective(node: ContainerDirective, lines: readonly string[], file: VFile): void {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return;
  const opening = /^(?:\s*>)*\s*(:{3,})/.exec(lines[start.line - 1] ?? "")?.[1];
  if (!opening) return;
  if (
    end.line > start.line &&
    new RegExp(`^(?:\\s*>)*\\s*:{${opening.length},}\\s*$`).test(lines[end.line - 1] ?? "")
  )
    return;
  file.message(
    `This \`${opening}${node.name}\` block is never closed: ${linesAfter(start.line, end.line, lines)} inside it, headings and all (end it with a line of \`${opening}\`)`,
    { place: start, ruleId: "unclosed-directive", source: "folio" },
  );
}

/** “the 13 lines after it are”, for the lines a block runs over past its opening line (blank ones at its end not counted). */
function linesAfter(first: number, end: number, lines: readonly string[]): string {
  let last = end;
  while (last > first && !lines[last - 1]?.trim()) last--;
  const count = last - first;
  if (count === 0) return "it is";
  return count === 1 ? "the line after it is" : `the ${count} lines after it are`;
}
