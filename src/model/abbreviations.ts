import type { Nodes, Parent, PhrasingContent, Root, RootContent, Table, TableRow, Text } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { VFile } from "vfile";
import type { Abbr } from "./abbreviations-html.ts";
import { frontMatterPlace } from "./frontmatter.ts";
import { collator } from "./intl-formats.ts";
import type { Labels } from "./labels.ts";
import type { ReportMeta } from "./schema.ts";

// Abbreviations declared once (the front matter's `abbreviations:` map, or PHP Markdown Extra's
// `*[CDC]: Centers for …` lines) become, at every use in the text, the same `abbr` node an inline
// `<abbr title>` makes: every format then draws the one decision (HTML `<abbr title>`, the PDF's
// Span with /E, Word's spelling out at first use).

/** One declared abbreviation and where it was declared (a line of the source's front matter or body). */
export interface AbbreviationDefinition {
  term: string;
  expansion: string;
  /** The source that declares it (a chapter's, in a book). */
  path: string;
  place?: { line: number; column: number };
}

const definitionLine = /^\*\[([^\]\n]*)\]:[ \t]*(.*?)[ \t]*$/;
/** `*[CDC] Centers for …`: a short term in brackets, then words, with no colon between. */
const missingColon = /^\*\[[^\]\n\s*]{1,20}\][ \t]+[^\s(:[]/;

/**
 * Removes PHP Markdown Extra's abbreviation definitions (`*[CDC]: Centers for …`, a paragraph of
 * such lines) from the body and returns them. A paragraph that starts as one but has a line that is
 * not a definition, or a definition without a term or an expansion, is an error at that line.
 */
export function takeDefinitionLines(tree: Root, file: VFile, source: string): AbbreviationDefinition[] {
  const found: AbbreviationDefinition[] = [];
  const walk = (parent: Parent): void => {
    const children = parent.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as RootContent;
      if (child.type !== "paragraph") {
        if ("children" in child && child.type !== "heading") walk(child as Parent);
        continue;
      }
      const start = child.position?.start;
      const end = child.position?.end;
      if (start?.offset === undefined || end?.offset === undefined) continue;
      const raw = source.slice(start.offset, end.offset);
      // Only a paragraph that opens with `*[X]:` declares; `*[text*](/url)` is emphasis and a link.
      if (!/^\*\[[^\]\n]+\]:/.test(raw)) {
        // `*[CDC] Centers for …`, the colon forgotten, would print as typed, asterisk and brackets.
        if (missingColon.test(raw) && start)
          file.message(
            "This looks like an abbreviation definition without its colon: write `*[ABBR]: what it stands for` (as typed, it prints with its asterisk and brackets)",
            { place: start, ruleId: "abbreviation-definition", source: "folio" },
          );
        continue;
      }
      raw.split("\n").forEach((line, n) => {
        const match = definitionLine.exec(line.trim());
        const term = match?.[1]?.trim();
        const expansion = match?.[2]?.trim();
        const place = { line: start.line + n, column: n === 0 ? start.column : 1 };
        if (term && expansion && !/\s{2,}/.test(term))
          found.push({ term, expansion, path: file.path, place });
        else {
          const message = file.message(
            "Malformed abbreviation definition: write `*[ABBR]: what it stands for`, one a line, with a blank line before the text that follows",
            { place, ruleId: "abbreviation-definition", source: "folio" },
          );
          message.fatal = true;
        }
      });
      children.splice(i, 1);
      i--;
    }
  };
  walk(tree);
  return found;
}

/** The front matter's `abbreviations:` map as definitions, each at its line. */
export function frontMatterDefinitions(meta: ReportMeta, path: string): AbbreviationDefinition[] {
  return Object.entries(meta.abbreviations ?? {}).map(([term, expansion]) => ({
    term,
    expansion,
    path,
    place: frontMatterPlace(meta, ["abbreviations", term]),
  }));
}

/**
 * One definition per term, the first given kept; a term given two different expansions is a warning
 * at both places (the second names the first's, and the first the second's).
 */
export function mergeDefinitions(
  definitions: readonly AbbreviationDefinition[],
  warn: (definition: AbbreviationDefinition, reason: string) => void,
): AbbreviationDefinition[] {
  const byTerm = new Map<string, AbbreviationDefinition>();
  for (const definition of definitions) {
    const first = byTerm.get(definition.term);
    if (!first) {
      byTerm.set(definition.term, definition);
      continue;
    }
    if (first.expansion === definition.expansion) continue;
    const where = (d: AbbreviationDefinition) => `${d.path}:${d.place?.line ?? 1}`;
    warn(
      first,
      `\`${first.term}\` is defined twice with different expansions: “${first.expansion}” here and “${definition.expansion}” at ${where(definition)} (the first is used)`,
    );
    warn(
      definition,
      `\`${definition.term}\` is defined twice with different expansions: “${definition.expansion}” here and “${first.expansion}” at ${where(first)} (the first is used)`,
    );
  }
  return [...byTerm.values()];
}

/** Warns at a definition's place in `file`, for definitions of that source. */
export function warnAt(file: VFile): (definition: AbbreviationDefinition, reason: string) => void {
  return (definition, reason) => {
    file.message(reason, { place: definition.place, ruleId: "abbreviation-twice", source: "folio" });
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Nodes whose text is never an abbreviation's use: code, raw HTML, and abbreviations already marked. */
const untouched = new Set(["code", "inlineCode", "html", "yaml", "abbr", "definition"]);

/**
 * Marks every whole-word use of a defined abbreviation in the body's text (headings too; not in code,
 * raw HTML, URLs, or an `<abbr>` the source wrote) as an `abbr` node with its expansion. Heading ids
 * were taken from the text before, so they do not change.
 */
export function markAbbreviations(tree: Root, definitions: readonly AbbreviationDefinition[]): void {
  if (definitions.length === 0) return;
  const expansions = new Map(definitions.map((d) => [d.term, d.expansion]));
  const terms = [...expansions.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${terms.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`,
    "gu",
  );
  const walk = (node: Nodes): void => {
    if (untouched.has(node.type) || !("children" in node)) return;
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Nodes;
      if (child.type !== "text") {
        walk(child);
        continue;
      }
      const pieces = splitUses(child, pattern, expansions);
      if (pieces.length === 1) continue;
      children.splice(i, 1, ...pieces);
      i += pieces.length - 1;
    }
  };
  walk(tree);
}

/** A text node cut at each use of an abbreviation: text, `abbr`, text …; positions kept on one line. */
function splitUses(node: Text, pattern: RegExp, expansions: ReadonlyMap<string, string>): Array<Text | Abbr> {
  const pieces: Array<Text | Abbr> = [];
  let last = 0;
  const start = node.position?.start;
  // A text node's position maps to its value only when the value is on one line as typed.
  const mappable =
    start?.offset !== undefined &&
    !node.value.includes("\n") &&
    node.position?.end.offset === start.offset + node.value.length;
  const at = (offset: number) =>
    mappable && start
      ? { line: start.line, column: start.column + offset, offset: (start.offset as number) + offset }
      : undefined;
  for (const match of node.value.matchAll(pattern)) {
    const term = match[0];
    const index = match.index;
    if (index > last) pieces.push({ type: "text", value: node.value.slice(last, index) });
    const abbr: Abbr = {
      type: "abbr",
      children: [{ type: "text", value: term }],
      expansion: expansions.get(term),
      data: { hName: "abbr" },
    };
    const from = at(index);
    const to = at(index + term.length);
    if (from && to) abbr.position = { start: from, end: to };
    pieces.push(abbr);
    last = index + term.length;
  }
  if (pieces.length === 0) return [node];
  if (last < node.value.length) pieces.push({ type: "text", value: node.value.slice(last) });
  return pieces;
}

/** Whether a node is the `::abbreviations` directive, which the model replaces with the list. */
const isListDirective = (node: RootContent): node is LeafDirective =>
  node.type === "leafDirective" && node.name === "abbreviations";

/**
 * Replaces each `::abbreviations` with the list of the document's abbreviations, sorted in its
 * language: a two-column table (abbreviation, what it stands for) under a header row from the
 * labels, which every format draws as its own table. No abbreviations: nothing stands there.
 */
export function placeAbbreviationList(
  tree: Root,
  definitions: readonly AbbreviationDefinition[],
  labels: Labels,
): void {
  // Sorted where a directive asks for the list: most reports have none, and the collator's first
  // use loads ICU's collation data (about 12 ms of a cold build's load).
  let sorted: AbbreviationDefinition[] | undefined;
  const sortedDefinitions = () => {
    if (!sorted) {
      const byTerm = collator(labels.lang, { sensitivity: "base", numeric: true });
      sorted = [...definitions].sort((a, b) => byTerm.compare(a.term, b.term) || (a.term < b.term ? -1 : 1));
    }
    return sorted;
  };
  const cell = (children: PhrasingContent[]) => ({ type: "tableCell" as const, children });
  const row = (cells: PhrasingContent[][]): TableRow => ({ type: "tableRow", children: cells.map(cell) });
  const list = (): Table => ({
    type: "table",
    align: [null, null],
    children: [
      row([
        [{ type: "text", value: labels.text("abbreviationTerm") }],
        [{ type: "text", value: labels.text("abbreviationMeaning") }],
      ]),
      ...sortedDefinitions().map((d) =>
        row([
          [
            {
              type: "abbr",
              expansion: d.expansion,
              children: [{ type: "text", value: d.term }],
              data: { hName: "abbr" },
            },
          ],
          [{ type: "text", value: d.expansion }],
        ]),
      ),
    ],
    data: { hProperties: { className: ["abbreviations"] } },
  });
  const walk = (parent: Parent): void => {
    const children = parent.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as RootContent;
      if (isListDirective(child)) {
        const replacement: RootContent[] =
          definitions.length > 0 ? [{ ...list(), position: child.position }] : [];
        children.splice(i, 1, ...replacement);
        i += replacement.length - 1;
      } else if ("children" in child) walk(child as Parent);
    }
  };
  walk(tree);
}
