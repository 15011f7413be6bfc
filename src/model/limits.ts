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

/**
 * Most keys in one front matter mapping. The schema has 32 fields and a fact or incident a handful;
 * each key is also checked against the known fields and, when unknown, reported: 40,000 keys took
 * 117 s (the YAML parser's own duplicate check is quadratic, so Folio checks duplicates itself).
 */
export const maxFrontMatterKeys = 1_000;

/**
 * Longest title or subtitle, in characters: a title is set on the cover, in every running header
 * and in the fact sheet's masthead, each laid out again per page (a 100 KB title used 1.7 GB).
 * 300 is three times the longest title of the reference reports.
 */
export const maxTitleLength = 300;

/**
 * Longest run of opening brackets (`[`, `![`) or of emphasis delimiters (`*`, `_`) in a row. Such a
 * run is one unbreakable word that the PDF splits letter by letter, and the parser keeps every
 * unclosed bracket open to the paragraph's end: 50,000 `[` grew past 4 GB in 147 s, 10,000 took 8 s.
 * No prose or link text needs more than a few; 1,000 keeps such a run under a second.
 */
export const maxDelimiterRun = 1_000;

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
 * list items: 17 s; 5,000 `- ` on one line overflow its stack; 3,000 nested directives: 64 s and
 * 1 GB), so a line whose container prefix could be far deeper than the limit is refused at once, as
 * is a directive fence opened inside too many open ones. The estimate counts `>` and list markers
 * and half the indentation before a marker; it is an upper bound, hence the generous factor. Runs of
 * brackets and emphasis delimiters past {@link maxDelimiterRun} are refused here too.
 */
export function checkNestingBeforeParse(text: string, file: VFile): void {
  const prefix = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?)+/;
  const hardLimit = 4 * maxNestingDepth;
  // The lengths of the directive fences open at this line (`:::name` opens, `:::` closes).
  const directives: number[] = [];
  let fence: string | undefined;
  let line = 0;
  for (const raw of text.split("\n")) {
    line++;
    const fenceMark = /^[ \t>]*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) fence = fence ? undefined : fenceMark;
    if (fence && !fenceMark) continue;
    checkDelimiterRuns(raw, line, file);
    const directive = /^[ \t>]*(:{3,})[ \t]*([^\s:]?)/.exec(raw);
    if (directive?.[1]) {
      const length = directive[1].length;
      if (directive[2]) directives.push(length);
      else if ((directives.at(-1) ?? Infinity) <= length) directives.pop();
      if (directives.length > hardLimit)
        fail(file, nestingReason(`about ${directives.length}`), { line, column: 1 });
    }
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

/** Fails at the character where a run of brackets or emphasis delimiters passes {@link maxDelimiterRun}. */
function checkDelimiterRuns(line: string, lineNumber: number, file: VFile): void {
  if (line.length <= maxDelimiterRun) return;
  const run = new RegExp(`(?:!?\\[){${maxDelimiterRun + 1}}|[*_]{${maxDelimiterRun + 1}}`).exec(line);
  if (!run) return;
  const what = run[0].startsWith("[") || run[0].startsWith("![") ? "opening brackets" : "emphasis marks";
  const crossing = run.index + run[0].length - (run[0].startsWith("!") ? 2 : 1);
  fail(
    file,
    `More than ${maxDelimiterRun} ${what} in a row: over the limit (a run this long is no markup a reader can see)`,
    { line: lineNumber, column: [...line.slice(0, crossing)].length + 1 },
  );
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

/**
 * Largest bibliography or citation style file (`bibliography:`, `csl:`), in bytes. citation-js
 * reads BibTeX linearly: 1 MB (5,000 entries) in 2 s at 130 MB, 10 MB (50,000 entries) in 20 s at
 * 280 MB, so 10 MB keeps the read inside a build's minute and memory; no library export needs more.
 */
export const maxBibliographyBytes = 10_000_000;
