import type { Nodes, Root, RootContent } from "mdast";

// A watch rebuild parses a text that differs from the last one by an edit inside one block: the
// whole document was parsed again for it (25 of the 27-page factbook's ~200 ms rebuild). This keeps
// the last tree of a source and parses again only the top-level block the edit falls in, when that
// block is one whose parse cannot depend on, or change, the rest of the document:
// - a paragraph, heading or table (a leaf: no container whose continuation the next block's
//   indentation decides), with a blank line or the start of the text before it and a blank line or
//   the end of the text after it, starting at column 1 with a character the edit leaves alone (so
//   the blocks before it end as they did, and it cannot become a list item or a lazy continuation);
// - parsed alone, its new text is again one node of the same kind spanning all of it (an edit that
//   opens a fence, makes a heading or splits the block fails this, and the document is parsed whole);
// - the definitions the whole document declares, the only state a block's inline parse reads from
//   elsewhere (link references and footnote calls resolve only to defined labels), are declared
//   after it, as stand-ins, so its references resolve as they did in the whole.
// Every other edit parses the whole text. The kept tree is never handed out: the caller gets a
// copy it may change (the load transforms the tree in place).

/** A parse of a whole text into a tree (the one parser of parse.ts). */
export type WholeParse = (text: string) => Root;

interface Kept {
  text: string;
  /** The tree of `text`, unchanged since parsed; kept from a source's second parse on. */
  tree?: Root;
  /** The definitions' stand-ins, appended to a block parsed alone. */
  definitions?: string;
}

/** Sources kept at most: a watch session's one source, a book's chapters, a daemon's few reports. */
const maxKept = 8;
const kept = new Map<string, Kept>();

/** How the last `parseKept` call parsed (for tests): the whole text, or one block of it. */
export let lastParse: "whole" | "block" = "whole";

/**
 * Parses `text`, the current text of the source `slot` (its path): from the last tree of that
 * source where the edit since allows it, whole otherwise. A source's first parse keeps only its
 * text, so a build that parses each source once (a corpus, a daemon's cold builds) pays no copy.
 */
export function parseKept(text: string, slot: string, parseWhole: WholeParse): Root {
  const before = kept.get(slot);
  kept.delete(slot); // re-inserted last: the map's order is the order of use
  if (kept.size >= maxKept) kept.delete(kept.keys().next().value as string);
  lastParse = "whole";
  if (before === undefined) {
    kept.set(slot, { text });
    return parseWhole(text);
  }
  const edited = before.tree && before.text !== text ? reparsed(before, text, parseWhole) : undefined;
  if (edited) lastParse = "block";
  const tree = edited ?? (before.text === text && before.tree ? before.tree : parseWhole(text));
  kept.set(slot, { text, tree, definitions: edited ? before.definitions : undefined });
  return copyOf(tree);
}

/** Forgets every kept tree (tests). */
export function forgetKeptParses(): void {
  kept.clear();
}

const leafBlocks = new Set(["paragraph", "heading", "table"]);

/**
 * The tree of `text` made from the kept tree of `before.text` and a parse of the one block the
 * edit falls in, or undefined where that is not certain to equal a parse of the whole. Reuses the
 * kept tree's nodes (nothing else holds them).
 */
function reparsed(before: Kept, text: string, parseWhole: WholeParse): Root | undefined {
  const old = before.text;
  const tree = before.tree as Root;
  // The edit: the text between the longest common start and the longest common end.
  const limit = Math.min(old.length, text.length);
  let start = 0;
  while (start < limit && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < limit - start &&
    old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)
  )
    end++;
  const oldEnd = old.length - end;
  const delta = text.length - old.length;

  const index = tree.children.findIndex(
    (node) => (node.position?.start.offset ?? 0) < start && (node.position?.end.offset ?? 0) >= oldEnd,
  );
  const block = tree.children[index];
  const from = block?.position?.start;
  const to = block?.position?.end;
  if (!block || !from || !to || from.offset === undefined || to.offset === undefined) return undefined;
  if (!leafBlocks.has(block.type) || from.column !== 1) return undefined;
  if (!blankBefore(old, from.offset) || !blankAfter(old, to.offset)) return undefined;

  const blockText = text.slice(from.offset, to.offset + delta);
  if (/^[ \t]/.test(blockText)) return undefined;
  before.definitions ??= definitionStandIns(tree);
  const alone = parseWhole(`${blockText}\n\n${before.definitions}`);
  const fresh = alone.children[0];
  if (!fresh || fresh.type !== block.type || fresh.position?.end.offset !== blockText.length)
    return undefined;

  const lineDelta = countLines(blockText) - countLines(old.slice(from.offset, to.offset));
  shift(fresh, from.line - 1, from.offset);
  for (let i = index + 1; i < tree.children.length; i++)
    shift(tree.children[i] as RootContent, lineDelta, delta);
  tree.children[index] = fresh;
  if (tree.position) tree.position.end = endOf(text);
  return tree;
}

/** Whether the line before `offset` (a line's start) is blank, or there is none. */
function blankBefore(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const previousStart = text.lastIndexOf("\n", offset - 2) + 1;
  return /^[ \t]*\n$/.test(text.slice(previousStart, offset));
}

/** Whether the line after the one `offset` ends is blank, or there is none. */
function blankAfter(text: string, offset: number): boolean {
  if (offset >= text.length) return true;
  if (text[offset] !== "\n") return false;
  const next = text.indexOf("\n", offset + 1);
  // The next line is blank, or is the text's end (a final line break).
  return /^[ \t]*$/.test(text.slice(offset + 1, next === -1 ? text.length : next));
}

/** The point after a text's last character, as the parser gives the root's end. */
function endOf(text: string): { line: number; column: number; offset: number } {
  return { line: countLines(text) + 1, column: text.length - text.lastIndexOf("\n"), offset: text.length };
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  return lines;
}

/** Stand-ins for every link and footnote definition of a tree: the same labels, defined. */
function definitionStandIns(tree: Root): string {
  const lines: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === "definition") lines.push(`[${node.label ?? node.identifier}]: #`);
    else if (node.type === "footnoteDefinition") lines.push(`[^${node.label ?? node.identifier}]: -`);
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return lines.join("\n\n");
}

/** Moves a node and its descendants by `lines` lines and `offset` characters (columns unchanged). */
function shift(node: Nodes, lines: number, offset: number): void {
  const position = node.position;
  if (position) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ("children" in node) for (const child of node.children) shift(child as Nodes, lines, offset);
}

/** A deep copy of plain data (a tree's nodes, positions and `data`). */
function copyOf<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy as T;
}
