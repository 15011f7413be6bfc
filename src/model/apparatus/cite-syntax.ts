import type { Data, Node, Parent, PhrasingContent, Root, RootContent, Text } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import type { VFile } from "vfile";

// pandoc's citation syntax, read once here so no renderer ever sees `[@key]` as text:
//   [@key]  [@key, p. 12]  [see @a, pp. 3-4; also @b]  [-@key]  @key  @key [p. 33]  @key [-@other]
// The reading follows pandoc's Markdown reader (Text.Pandoc.Readers.Markdown, `citeKey`) and its
// citeproc locator parser: the keys, prefixes and suffixes a source written for pandoc or Quarto has
// come out the same. It runs on the parsed tree, before typographic quotes, so the text is as typed.

/**
 * One citation or cross-reference as written, pandoc's `Cite`:
 *
 * - `mode`: `"parenthetical"` for a bracketed list (`[see @a, p. 3; @b]`, `[-@a]`), `"narrative"`
 *   for a key in running text (`@a says`, `@a [p. 33]`, `@a [-@b]`: its first item is the narrative one).
 * - `items`, in source order, each:
 *   - `key`: the key without `@` or braces (`smith04`, `fig-advisories`, `tbl:size`,
 *     `https://x.org/a?b=c` for `@{https://x.org/a?b=c}`);
 *   - `prefix`: the text before the key inside the brackets, trimmed (`"see"`), else `""`;
 *   - `suffix`: the text after the key, after the locator when one was read, trimmed and as
 *     written (`", emphasis added"`, `"and elsewhere"`), else `""`;
 *   - `locator`, `label`: the locator read from the start of the suffix as citeproc does
 *     (`, p. 12` → `"12"`, `"page"`; `, chap. 3` → `"3"`, `"chapter"`; a bare `, 33` is a page;
 *     `{…}` braces take their content whole), `label` one of CSL's locator types;
 *   - `suppressAuthor`: written `-@key` (only the year, or for a cross-reference only the number).
 *
 * Prefixes and suffixes are plain text: formatting inside them (`[*see* @a]`) is read as its text,
 * with a warning. Keys with a cross-reference prefix (see {@link isCrossReferenceKey}) are
 * resolved against the document's labels; every other key is a bibliography citation.
 */
export interface Cite extends Node {
  type: "cite";
  mode: "parenthetical" | "narrative";
  items: CiteItem[];
  data?: Data;
}

/** One key of a {@link Cite}, with what surrounds it. */
export interface CiteItem {
  key: string;
  prefix: string;
  suffix: string;
  locator?: string;
  label?: LocatorLabel;
  suppressAuthor: boolean;
}

/** CSL's locator types, the values of {@link CiteItem.label}. */
export type LocatorLabel =
  | "book"
  | "chapter"
  | "column"
  | "figure"
  | "folio"
  | "issue"
  | "line"
  | "note"
  | "opus"
  | "page"
  | "paragraph"
  | "part"
  | "section"
  | "sub verbo"
  | "verse"
  | "volume";

/** Quarto's (`fig-`) and pandoc-crossref's (`fig:`) prefixes: such a key names a label in the document. */
const crossReferencePrefix = /^(?:fig|tbl|sec)[-:]/;

/** Whether a key names a figure, table or section of the document rather than a bibliography entry. */
export function isCrossReferenceKey(key: string): boolean {
  return crossReferencePrefix.test(key);
}

/** Stands for a child that is not text (emphasis, code, a link…) in the text a parent is scanned as. */
const object = "\ufffc";
const regChar = /[\p{L}\p{N}_]/u;
const internalPunctuation = ":.#$%&-+?<>~/";

/**
 * Replaces every citation written with pandoc's syntax in the tree with a `cite` node. Text in
 * links, code and raw HTML is never read (an e-mail address is an autolink, `a@b` is not a key);
 * `\@` is a literal at sign. `source` is the text the tree was parsed from (to see escapes and
 * place nodes).
 */
export function parseCitations(tree: Root, source: string, file: VFile): void {
  const lines = lineStarts(source);
  const walk = (node: Parent): void => {
    for (const child of node.children) {
      if ("children" in child && child.type !== "link" && child.type !== "linkReference") walk(child);
    }
    if (node.children.some((child) => child.type === "text" && child.value.includes("@")))
      node.children = citeChildren(node.children as RootContent[], {
        source,
        lines,
        file,
      }) as typeof node.children;
  };
  walk(tree);
}

interface Scan {
  source: string;
  lines: number[];
  file: VFile;
}

/** One parent's children as one string: text as itself, any other child as one object character. */
interface Flat {
  text: string;
  /** Per character: whether a backslash escaped it in the source. */
  escaped: boolean[];
  /** Per character: its offset in the source, or -1 where unknown. */
  offsets: number[];
  /** Per character: the index of the child it comes from. */
  child: number[];
  /** Per character: its index in that child's value. */
  inChild: number[];
}

function flatten(children: RootContent[], source: string): Flat {
  const flat: Flat = { text: "", escaped: [], offsets: [], child: [], inChild: [] };
  children.forEach((child, index) => {
    if (child.type !== "text") {
      flat.text += object;
      flat.escaped.push(false);
      flat.offsets.push(child.position?.start.offset ?? -1);
      flat.child.push(index);
      flat.inChild.push(0);
      return;
    }
    const offsets = alignToSource(child, source);
    for (let i = 0; i < child.value.length; i++) {
      const at = offsets[i] ?? -1;
      flat.text += child.value[i];
      flat.offsets.push(at);
      flat.escaped.push(at > 0 && source[at - 1] === "\\");
      flat.child.push(index);
      flat.inChild.push(i);
    }
  });
  return flat;
}

/**
 * The source offset of each character of a text node's value. The value is the source less
 * escapes, entity spellings and container markers (`> ` in a quote), so each character is found by
 * walking forward in the node's slice of the source; -1 where the walk runs out.
 */
function alignToSource(node: Text, source: string): number[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const offsets: number[] = [];
  let at = start;
  for (const ch of node.value) {
    while (at < end && source[at] !== ch) at++;
    if (at >= end) break;
    offsets.push(at);
    at++;
  }
  return offsets;
}

/** A citation found in a flattened parent: where it starts and ends, and the node. */
interface Found {
  start: number;
  end: number;
  cite: Cite;
}

function citeChildren(children: RootContent[], scan: Scan): RootContent[] {
  const flat = flatten(children, scan.source);
  const found: Found[] = [];
  let i = 0;
  while (i < flat.text.length) {
    const ch = flat.text[i];
    const hit =
      ch === "["
        ? bracketed(flat, i, children, scan)
        : ch === "@"
          ? narrative(flat, i, children, scan)
          : undefined;
    if (hit) {
      found.push(hit);
      i = hit.end;
    } else i++;
  }
  if (found.length === 0) return children;
  for (const hit of found) hit.cite.position = placeOf(flat, hit.start, hit.end, scan);
  return splice(children, flat, found);
}

/** `[prefix @key suffix; …]` at `start`, every `;`-separated part holding a key; else undefined. */
function bracketed(flat: Flat, start: number, children: RootContent[], scan: Scan): Found | undefined {
  if (flat.escaped[start]) return undefined;
  const close = matchingBracket(flat, start);
  if (close === undefined) return undefined;
  const items = citationList(flat, start + 1, close, children, scan);
  if (!items) return undefined;
  return { start, end: close + 1, cite: { type: "cite", mode: "parenthetical", items } };
}

/** `@key`, then optionally ` [locator]` or ` [-@other; …]`, at `start`; else undefined. */
function narrative(flat: Flat, start: number, children: RootContent[], scan: Scan): Found | undefined {
  if (flat.escaped[start]) return undefined;
  const before = flat.text[start - 1];
  // An e-mail address (`someone@agency.gov`) or any word running into the at sign is no citation.
  if (before !== undefined && (regChar.test(before) || before === "@")) return undefined;
  const key = readKey(flat.text, start + 1);
  if (!key) return undefined;
  const item: CiteItem = { key: key.key, prefix: "", suffix: "", suppressAuthor: false };
  const cite: Cite = { type: "cite", mode: "narrative", items: [item] };
  // pandoc's `@smith04 [p. 33]`: a bracket after the key (spaces, at most one line break between).
  const gap = /^[ \t]*\n?[ \t]*/.exec(flat.text.slice(key.end))?.[0] ?? "";
  const open = key.end + gap.length;
  const close = flat.text[open] === "[" && !flat.escaped[open] ? matchingBracket(flat, open) : undefined;
  if (close === undefined) return { start, end: key.end, cite };
  const more = citationList(flat, open + 1, close, children, scan);
  if (more) {
    cite.items.push(...more);
    return { start, end: close + 1, cite };
  }
  const inside = flat.text.slice(open + 1, close);
  // A bracket holding an at sign that is no list of keys is left alone, for its own reading.
  if (inside.includes("@") || inside.includes(object)) return { start, end: key.end, cite };
  Object.assign(item, suffixParts(inside));
  return { start, end: close + 1, cite };
}

/** The `]` closing the `[` at `open`, brackets nested inside counted; undefined if none. */
function matchingBracket(flat: Flat, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < flat.text.length; i++) {
    const ch = flat.text[i];
    if (flat.escaped[i]) continue;
    if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i;
  }
  return undefined;
}

/** The items of a bracket's inside (`from` to `to`), or undefined unless every part has a key. */
function citationList(
  flat: Flat,
  from: number,
  to: number,
  children: RootContent[],
  scan: Scan,
): CiteItem[] | undefined {
  const parts: Array<[number, number]> = [];
  let partStart = from;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const ch = flat.text[i];
    if (flat.escaped[i]) continue;
    if (ch === "[" || ch === "{") depth++;
    else if (ch === "]" || ch === "}") depth--;
    else if (ch === ";" && depth === 0) {
      parts.push([partStart, i]);
      partStart = i + 1;
    }
  }
  parts.push([partStart, to]);
  const items: CiteItem[] = [];
  for (const [partFrom, partTo] of parts) {
    const item = citationItem(flat, partFrom, partTo, children, scan);
    if (!item) return undefined;
    items.push(item);
  }
  return items;
}

/** `prefix -@key suffix` between `from` and `to`: the first key that starts a word. */
function citationItem(
  flat: Flat,
  from: number,
  to: number,
  children: RootContent[],
  scan: Scan,
): CiteItem | undefined {
  for (let at = from; at < to; at++) {
    if (flat.text[at] !== "@" || flat.escaped[at]) continue;
    const suppressAuthor = flat.text[at - 1] === "-" && at - 1 >= from;
    const keyStart = suppressAuthor ? at - 1 : at;
    const before = flat.text[keyStart - 1];
    if (keyStart > from && before !== undefined && !/\s/u.test(before)) continue;
    const key = readKey(flat.text.slice(0, to), at + 1);
    if (!key) continue;
    const prefix = readable(flat, from, keyStart, children, scan).trim();
    const suffix = readable(flat, key.end, to, children, scan);
    strayKey(`${prefix} ${suffix}`, flat, from, to, scan);
    return { key: key.key, prefix, suppressAuthor, ...suffixParts(suffix) };
  }
  return undefined;
}

/**
 * A key in a prefix or suffix (`[see @a, and @b]`) would print as typed: an error, asking for the
 * `;` that makes it an item of its own.
 */
function strayKey(text: string, flat: Flat, from: number, to: number, scan: Scan): void {
  const stray = /(?:^|\s)-?@([\p{L}\p{N}_][^\s,;\]]*)/u.exec(text);
  if (!stray) return;
  scan.file.message(
    `\`@${stray[1]}\` is inside another citation's text: separate the keys of one citation with \`;\``,
    { place: placeOf(flat, from, to, scan), ruleId: "citation-syntax", source: "folio" },
  ).fatal = true;
}

/**
 * A citation key at `at` (just after the `@`), as pandoc reads it: a letter, digit or `_`, then
 * those and internal punctuation (`:.#$%&-+?<>~/`, each followed by a letter, digit or `_`); or
 * anything but spaces inside balanced braces.
 */
export function readKey(text: string, at: number): { key: string; end: number } | undefined {
  if (text[at] === "{") {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const ch = text[i] as string;
      if (/\s/u.test(ch) || ch === object) return undefined;
      if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) {
        const key = text.slice(at + 1, i);
        return key ? { key, end: i + 1 } : undefined;
      }
    }
    return undefined;
  }
  if (!regChar.test(text[at] ?? "")) return undefined;
  let end = at + 1;
  while (end < text.length) {
    const ch = text[end] as string;
    if (regChar.test(ch)) end++;
    else if (internalPunctuation.includes(ch) && regChar.test(text[end + 1] ?? "")) end += 2;
    else break;
  }
  return { key: text.slice(at, end), end };
}

/** Locator words and abbreviations (citeproc's English terms), longest first, to CSL's label. */
const locatorTerms: Array<[string, LocatorLabel]> = (
  [
    ["book", ["books", "book", "bks.", "bk."]],
    ["chapter", ["chapters", "chapter", "chaps.", "chap.", "chs.", "ch."]],
    ["column", ["columns", "column", "cols.", "col."]],
    ["figure", ["figures", "figure", "figs.", "fig."]],
    ["folio", ["folios", "folio", "fols.", "fol."]],
    ["issue", ["issues", "issue", "numbers", "number", "nos.", "no."]],
    ["line", ["lines", "line", "ll.", "l."]],
    ["note", ["notes", "note", "nn.", "n."]],
    ["opus", ["opera", "opus", "opp.", "op."]],
    ["page", ["pages", "page", "pp.", "p."]],
    ["paragraph", ["paragraphs", "paragraph", "paras.", "para.", "¶¶", "¶"]],
    ["part", ["parts", "part", "pts.", "pt."]],
    ["section", ["sections", "section", "secs.", "sec.", "§§", "§"]],
    ["sub verbo", ["sub verbis", "sub verbo", "s.vv.", "s.v."]],
    ["verse", ["verses", "verse", "vv.", "v."]],
    ["volume", ["volumes", "volume", "vols.", "vol."]],
  ] as Array<[LocatorLabel, string[]]>
)
  .flatMap(([label, terms]) => terms.map((term): [string, LocatorLabel] => [term, label]))
  .sort((a, b) => b[0].length - a[0].length);

/** One locator value: digits (with a letter after, `33a`) or a roman numeral. */
const locatorValue = String.raw`(?:\p{N}+\p{L}?|[ivxlcdm]+|[IVXLCDM]+)`;
/** Values joined by ranges and lists: `3-4`, `33–35, 38`, `iv, vi-xi`. */
const locatorPattern = new RegExp(
  String.raw`^${locatorValue}(?:\s*[-–—&]\s*${locatorValue}|,\s*${locatorValue})*(?![\p{L}\p{N}])`,
  "u",
);

/**
 * A suffix split as citeproc reads it: an optional comma, then a locator (`p. 12`, `chap. 3`, a
 * bare number for a page, or `{…}` taken whole), then the rest, trimmed.
 */
export function suffixParts(suffix: string): Pick<CiteItem, "suffix" | "locator" | "label"> {
  const lead = /^\s*,?\s*/.exec(suffix)?.[0] ?? "";
  const rest = suffix.slice(lead.length);
  if (rest.startsWith("{")) {
    const close = rest.indexOf("}");
    if (close > 1) {
      const { term, label } = leadingTerm(rest.slice(1, close));
      const locator = rest.slice(1 + term.length, close).trim();
      if (locator) return { locator, label, suffix: rest.slice(close + 1).trim() };
    }
  }
  const { term, label } = leadingTerm(rest);
  const value = locatorPattern.exec(rest.slice(term.length).trimStart());
  // A bare value is a page only when it is a number: "and elsewhere" is no locator, "iv" alone neither.
  if (value && (term || /^\p{N}/u.test(value[0]))) {
    const after = rest.slice(term.length).trimStart().slice(value[0].length);
    return { locator: value[0], label, suffix: after.trim() };
  }
  return { suffix: suffix.trim() };
}

/** The locator term a text starts with, with the spaces after it, and its label (page when none). */
function leadingTerm(text: string): { term: string; label: LocatorLabel } {
  const lower = text.toLowerCase();
  for (const [term, label] of locatorTerms) {
    if (!lower.startsWith(term)) continue;
    // A word term ends its word: "page 3" and "¶3", not "pageant".
    if (!term.endsWith(".") && /\p{L}/u.test(text[term.length] ?? "")) continue;
    const spaces = /^\s*/.exec(text.slice(term.length))?.[0] ?? "";
    return { term: text.slice(0, term.length + spaces.length), label };
  }
  return { term: "", label: "page" };
}

/** The text a reader sees between two places of a flattened parent (other children as their text). */
function readable(flat: Flat, from: number, to: number, children: RootContent[], scan: Scan): string {
  let text = "";
  let warned = false;
  for (let i = from; i < to; i++) {
    const ch = flat.text[i] as string;
    if (ch !== object) {
      text += ch;
      continue;
    }
    const child = children[flat.child[i] as number] as RootContent;
    text += child.type === "break" ? " " : nodeText(child);
    if (!warned && child.type !== "break") {
      warned = true;
      scan.file.message(
        "Formatting inside a citation's prefix or suffix is not kept: it is read as plain text",
        {
          place: child.position,
          ruleId: "citation-syntax",
          source: "folio",
        },
      );
    }
  }
  return text;
}

/** Offsets of each line's first character, to turn a source offset into a line and column. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return starts;
}

function pointAt(offset: number, lines: number[]): { line: number; column: number; offset: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lines[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lines[low] as number) + 1, offset };
}

/** The source span of flattened characters `start` to `end` (exclusive), else the parent's children's. */
function placeOf(flat: Flat, start: number, end: number, scan: Scan): Cite["position"] {
  const from = flat.offsets[start] ?? -1;
  const last = flat.offsets[end - 1] ?? -1;
  if (from < 0 || last < 0) return undefined;
  return { start: pointAt(from, scan.lines), end: pointAt(last + 1, scan.lines) };
}

/** The children with each found citation's characters replaced by its node. */
function splice(children: RootContent[], flat: Flat, found: Found[]): RootContent[] {
  const out: RootContent[] = [];
  let at = 0;
  const copy = (from: number, to: number) => {
    let i = from;
    while (i < to) {
      const index = flat.child[i] as number;
      const child = children[index] as RootContent;
      if (child.type !== "text") {
        out.push(child);
        i++;
        continue;
      }
      let j = i;
      while (j < to && flat.child[j] === index) j++;
      const value = child.value.slice(flat.inChild[i], (flat.inChild[j - 1] as number) + 1);
      const whole = value.length === child.value.length;
      // A piece of a split text node keeps the node's place: a message about it points at its line.
      out.push(whole ? child : { type: "text", value, position: child.position });
      i = j;
    }
  };
  for (const hit of found) {
    copy(at, hit.start);
    out.push(hit.cite as unknown as PhrasingContent);
    at = hit.end;
  }
  copy(at, flat.text.length);
  return out;
}
