import type { Nodes, Root } from "mdast";
import { type BodyText, bodyText } from "../provenance.ts";

/** A section of the body: the blocks under one heading (the lead before the first heading is one too). */
export interface DraftSection {
  index: number;
  heading?: string;
  /** The lead, or a heading such as “Overview”, “Summary”: its figures come first on the sheet. */
  overview: boolean;
  /** A heading such as “2021 Terrorist Incidents”: every dated sentence under it is an incident. */
  incidents: boolean;
  /** The one year the heading states (“The North Sea flood of 1953”), for dates without their own. */
  year?: number;
  /** The heading's level (1 to 6); absent for the lead. */
  depth?: number;
  /** The headings of the sections it stands in, outermost first (`Summary` over `Results in Brief`). */
  within: string[];
}

/** One sentence of the body, exactly as the provenance check reads it (whitespace folded). */
export interface DraftSentence {
  text: string;
  /** Index of the block (paragraph, list item's paragraph, cell) it stands in. */
  block: number;
  /** Offsets in the block's text, so two neighbouring sentences quote as one. */
  start: number;
  end: number;
  blockText: string;
  section: DraftSection;
  /** Reading order over the whole body. */
  order: number;
  /** What the block's anchor is: a `paragraph`, a `listItem` (a list's item), a `tableCell`. */
  blockType: string;
  /** Line of the block in the source file. */
  line: number;
  /** Hard line breaks in the block: an address or a field list (`label: value` a line) has several. */
  hardBreaks: number;
}

const overviewHeading =
  /\b(?:overview|summary|introduction|at a glance|key (?:points|findings)|highlights)\b/i;
const incidentsHeading = /\b(?:incidents?|attacks?|timeline|chronology)\b/i;
const yearIn = /(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)/g;

/** Splits the body into sections and sentences, reading the same text the provenance check does. */
export function bodySentences(tree: Root, body: BodyText = bodyText(tree)): DraftSentence[] {
  const sentences: DraftSentence[] = [];
  let section: DraftSection = { index: 0, overview: true, incidents: false, within: [] };
  // The open headings by level, so a subsection knows the sections it stands in.
  const open: Array<{ depth: number; text: string }> = [];
  let order = 0;
  body.segments.forEach((segment, block) => {
    const text = body.text.slice(segment.start, segment.end);
    if (segment.anchor.type === "heading") {
      const years = [...new Set([...text.matchAll(yearIn)].map((m) => Number(m[1])))];
      const depth = segment.anchor.depth;
      while ((open.at(-1)?.depth ?? 0) >= depth) open.pop();
      const within = open.map((h) => h.text);
      open.push({ depth, text });
      section = {
        index: section.index + 1,
        heading: text,
        overview: overviewHeading.test(text),
        incidents: incidentsHeading.test(text),
        year: years.length === 1 ? years[0] : undefined,
        depth,
        within,
      };
      return;
    }
    if (segment.anchor.type === "code" || segment.anchor.type === "html") return;
    const hardBreaks = hardBreaksIn(segment.anchor);
    for (const { start, end } of sentenceSpans(text))
      sentences.push({
        text: text.slice(start, end),
        block,
        start,
        end,
        blockText: text,
        section,
        order: order++,
        blockType: segment.anchor.type,
        line: segment.anchor.position?.start.line ?? 0,
        hardBreaks,
      });
  });
  return sentences;
}

/** The hard line breaks in a block: Markdown's (a trailing backslash or two spaces) and `<br>`. */
function hardBreaksIn(node: Nodes): number {
  if (node.type === "break") return 1;
  if (node.type === "html") return /^<br\s*\/?>$/i.test(node.value.trim()) ? 1 : 0;
  if (!("children" in node)) return 0;
  return (node.children as Nodes[]).reduce((sum, child) => sum + hardBreaksIn(child), 0);
}

/** Abbreviations whose period does not end a sentence (`Gen. Smith`, `No. 12`). */
const abbreviations = new Set([
  "Mr",
  "Mrs",
  "Ms",
  "Dr",
  "Prof",
  "Gen",
  "Lt",
  "Col",
  "Maj",
  "Capt",
  "Sgt",
  "Gov",
  "Sen",
  "Rep",
  "Rev",
  "St",
  "No",
  "Nos",
  "Art",
  "Sec",
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Sept",
  "Oct",
  "Nov",
  "Dec",
  "vs",
]);

/**
 * Sentence spans of one block's text: after `.`, `!` or `?` (and a closing quote or bracket)
 * followed by a space and a capital, digit or opening quote, but not after an abbreviation
 * (`U.S. Embassy`, `Gen. Smith`); a bullet written inside the text (`… stores. • On March 21`)
 * starts a sentence too.
 */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  const boundary = /([.!?])[”’"')\]]*(\s+)(?=[\p{Lu}“‘"(\d•])|\s+•\s+/gu;
  for (const m of text.matchAll(boundary)) {
    const at = m.index;
    if (m[1]) {
      const word = /([\p{L}.]+)$/u.exec(text.slice(start, at))?.[1] ?? "";
      if (m[1] === "." && (abbreviations.has(word) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(word))) continue;
      push(spans, text, start, at + m[0].length - (m[2]?.length ?? 0));
    } else push(spans, text, start, at);
    start = at + m[0].length;
  }
  push(spans, text, start, text.length);
  return spans;
}

function push(spans: Array<{ start: number; end: number }>, text: string, start: number, end: number) {
  let s = start;
  let e = end;
  while (s < e && /[\s•]/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  if (e > s) spans.push({ start: s, end: e });
}
