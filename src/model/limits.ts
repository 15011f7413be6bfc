import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";

/**
 * Largest source accepted, in bytes: 200 times the Mali report (10 KB). Build time grows linearly
 * with size, also within one paragraph (src/engine: PDF page breaks decided on windows, lines
 * built without copying the rest of the paragraph, parser edits rebuilt from the first edit):
 * 1.9 MB of GFM examples makes its 52 MB PDF in 45 s at 1.9 GB peak memory, a 280 KB paragraph
 * its 72 pages in 2 s, so 2 MB keeps a build near a minute. No limit per block is needed.
 */
export const maxSourceBytes = 2_000_000;

/**
 * Deepest nesting of containers (block quotes, list items, directives, footnotes). Word's lists
 * stop at 9 levels and the PDF's text column vanishes past about 35 indented levels (measured:
 * 40 nested quotes lose their text); 20 is twice what any report uses.
 */
export const maxNestingDepth = 20;

/**
 * Deepest tree, in nodes from the root (nested emphasis and links count too): every renderer walks
 * the tree recursively, and a bounded depth keeps each far from the call-stack limit.
 */
export const maxTreeDepth = 64;

/** Widest table, in columns: Word refuses a table of more than 63 columns, and no page holds more. */
export const maxTableColumns = 63;

const containers = new Set(["blockquote", "listItem", "containerDirective", "footnoteDefinition"]);

type Place = { line: number; column: number };

function fail(file: VFile, reason: string, place: Place | undefined): never {
  return file.fail(reason, { place, ruleId: "limit", source: "folio" });
}

/** Fails when the source is over `maxSourceBytes`, at the line where the limit is crossed. */
export function checkSourceSize(bytes: Uint8Array, file: VFile): void {
  if (bytes.byteLength <= maxSourceBytes) return;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < maxSourceBytes; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  fail(
    file,
    `The source is ${(bytes.byteLength / 1e6).toFixed(1)} MB: over the ${maxSourceBytes / 1e6} MB limit (split the report)`,
    { line, column: maxSourceBytes - lineStart + 1 },
  );
}

/**
 * Before parsing: the parser's time grows with nesting depth times size (a 700-deep staircase of
 * list items: 17 s; 5,000 `- ` on one line overflow its stack), so a line whose container prefix
 * could be far deeper than the limit is refused at once. The estimate counts `>` and list markers
 * and half the indentation before a marker; it is an upper bound, hence the generous factor.
 */
export function checkNestingBeforeParse(text: string, file: VFile): void {
  const prefix = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?)+/;
  const hardLimit = 4 * maxNestingDepth;
  let fence: string | undefined;
  let line = 0;
  for (const raw of text.split("\n")) {
    line++;
    const fenceMark = /^[ \t>]*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) fence = fence ? undefined : fenceMark;
    if (fence && !fenceMark) continue;
    const match = prefix.exec(raw);
    if (!match) continue;
    // A thematic break (`- - -`) is not a list.
    if (/^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/.test(raw)) continue;
    const markers = (match[0].match(/>|[-+*]|\d{1,9}[.)]/g) ?? []).length;
    const indent = (/^[ \t]*/.exec(raw)?.[0].length ?? 0) / 2;
    if (markers + indent > hardLimit)
      fail(file, nestingReason(`about ${Math.floor(markers + indent)}`), { line, column: 1 });
  }
}

function nestingReason(depth: number | string): string {
  return `Nested ${depth} levels deep: over the limit of ${maxNestingDepth} nested quotes, lists and notes`;
}

/**
 * After parsing, before any renderer sees the tree: nesting, tree depth, block size and table width
 * within their limits, each error at the node where the limit is exceeded. Iterative, so the check
 * itself cannot overflow the stack.
 */
export function checkTreeLimits(tree: Root, file: VFile): void {
  const stack: Array<{ node: Nodes; depth: number; nesting: number }> = [
    { node: tree, depth: 0, nesting: 0 },
  ];
  while (stack.length > 0) {
    const { node, depth, nesting } = stack.pop() as { node: Nodes; depth: number; nesting: number };
    const place = node.position?.start;
    const level = containers.has(node.type) ? nesting + 1 : nesting;
    if (level > maxNestingDepth) fail(file, nestingReason(level), place);
    if (depth > maxTreeDepth)
      fail(file, `Markup nested ${depth} levels deep: over the limit of ${maxTreeDepth}`, place);
    if (node.type === "table") {
      const columns = Math.max(...node.children.map((row) => row.children.length));
      if (columns > maxTableColumns)
        fail(file, `Table of ${columns} columns: over the limit of ${maxTableColumns} (split it)`, place);
    }
    if ("children" in node) {
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i] as Nodes, depth: depth + 1, nesting: level });
    }
  }
}
