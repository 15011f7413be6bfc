import type { DraftSentence } from "./sentences.ts";

/**
 * A brief sheet's words: the summary (the abstract, the summary section's first paragraph, else
 * the body's first paragraph) and three to five findings (the items of a findings, summary or
 * recommendations section, else the first sentence of each top-level section). Read in any
 * language: headings are known in English, French and Spanish; the rest is the report's own text.
 */

/** A drafted finding or summary: its text is its quote, word for word from the body. */
export interface DraftPassage {
  text: string;
  quote: string;
  /** Line of its block in the source file. */
  line: number;
}

/** Headings of a section that lists findings, best first (`Key findings` before `Recommendations`). */
const findingsHeadings: RegExp[] = [
  /\b(?:key|main|major|principal)\s+(?:findings|points|takeaways|results)\b|\bhighlights\b|\bat a glance\b|\bprincipa(?:ux|les)\s+(?:constats|résultats|enseignements|conclusions)\b|\bpoints?\s+clés?\b|\bà retenir\b|\bl[’']essentiel\b|\b(?:hallazgos|resultados|conclusiones)\s+(?:principales|clave)\b|\bprincipales\s+(?:hallazgos|conclusiones|resultados)\b|\bpuntos\s+clave\b/i,
  /^(?:\d+[.)]?\s*)?(?:findings|conclusions?|constats|résultats|hallazgos|conclusiones)\b/i,
  /^(?:\d+[.)]?\s*)?(?:executive\s+summary|summary|in brief|résumé|synthèse|en bref|resumen(?:\s+ejecutivo)?|síntesis)\b/i,
  /^(?:\d+[.)]?\s*)?(?:recommendations?|recommandations|recomendaciones|what (?:we|you) recommend)\b/i,
];
/** Headings of a section whose first paragraph is the report's summary. */
const summaryHeading =
  /^(?:\d+[.)]?\s*)?(?:executive\s+summary|summary|abstract|overview|in brief|at a glance|résumé|synthèse|en bref|resumen(?:\s+ejecutivo)?|síntesis|sumario)\b/i;
/** Headings of back matter, whose first sentence is no finding. */
const backMatter =
  /^(?:\d+[.)]?\s*)?(?:notes?|endnotes|footnotes|references|bibliography|sources?|appendix|appendices|annex|acknowledg(?:e)?ments|about|author|contact|disclaimer|table of contents|contents|glossary|methodology|method|data|notes et références|références|remerciements|sommaire|annexes?|notas|referencias|fuentes|anexo)\b/i;

const maxFindings = 5;
const minFindings = 3;
/** A finding longer than this is cut to its first sentence. */
const maxFindingLength = 320;
/** The summary keeps its paragraph's sentences up to this length (at least its first). */
const maxSummaryLength = 700;

/** Whether a heading names a summary section (`Summary`, `Résumé`, `Resumen ejecutivo`). */
export function isSummaryHeading(heading: string): boolean {
  return summaryHeading.test(heading.trim());
}

/** Whether a heading names a section of findings, summary or recommendations (figures there rank first). */
export function isFindingsHeading(heading: string): boolean {
  return findingsHeadings.some((pattern) => pattern.test(heading.trim()));
}

/** A block of the body: its sentences, in order. */
interface Block {
  sentences: DraftSentence[];
  text: string;
  blockType: string;
  line: number;
  hardBreaks: number;
}

function blocksOf(sentences: readonly DraftSentence[]): Block[] {
  const blocks: Block[] = [];
  let last: Block | undefined;
  let lastIndex = -1;
  for (const s of sentences) {
    if (s.block !== lastIndex) {
      last = {
        sentences: [],
        text: s.blockText,
        blockType: s.blockType,
        line: s.line,
        hardBreaks: s.hardBreaks,
      };
      blocks.push(last);
      lastIndex = s.block;
    }
    last?.sentences.push(s);
  }
  return blocks;
}

const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * A paragraph a reader takes for prose (not a byline, a caption, a lone label), with a sentence
 * that ends: an address block or a letterhead (`State Capitol Sacramento, California 95814`) has none,
 * and is not broken into lines (a field list, `chief of mission: …<br>chancery: …`, reads as no
 * sentence, though its lines end in periods).
 */
const isProse = (b: Block) =>
  b.blockType === "paragraph" &&
  words(b.text) >= 12 &&
  b.hardBreaks < 2 &&
  b.sentences.some((s) => /[.!?…]["”’)]*$/.test(s.text));

/** Whether a sentence stands in a summary section or one of its subsections (`Summary › Results in Brief`). */
export function inSummarySection(section: DraftSentence["section"]): boolean {
  return [...section.within, ...(section.heading === undefined ? [] : [section.heading])].some(
    isSummaryHeading,
  );
}

/** The summary: the summary section's first paragraph, else the body's first paragraph of prose. */
export function draftSummary(sentences: readonly DraftSentence[]): DraftPassage | undefined {
  const blocks = blocksOf(sentences);
  const inSummary = blocks.find(
    (b) => b.sentences[0] !== undefined && inSummarySection(b.sentences[0].section) && isProse(b),
  );
  const block = inSummary ?? blocks.find(isProse);
  if (!block) return undefined;
  // Whole sentences from the paragraph's start, as long as they fit: the quote stays word for word.
  const first = block.sentences[0] as DraftSentence;
  let end = first.end;
  for (const s of block.sentences.slice(1)) {
    if (s.end - first.start > maxSummaryLength) break;
    end = s.end;
  }
  const quote = block.text.slice(first.start, end);
  return { text: quote, quote, line: block.line };
}

/**
 * Three to five findings: the items (or paragraphs' first sentences) of the best findings section
 * that has at least three, else the first sentence of each top-level section but back matter; when
 * those are fewer than three (a short release, a report of one section), the body's next statements
 * in reading order. None repeats the summary.
 */
export function draftFindings(sentences: readonly DraftSentence[], summary?: DraftPassage): DraftPassage[] {
  const notSummary = (f: DraftPassage) => !summary?.quote.includes(f.quote);
  const blocks = blocksOf(sentences).filter((b) => b.blockType !== "tableCell");
  const sections = new Map<number, { heading?: string; blocks: Block[] }>();
  for (const b of blocks) {
    const section = (b.sentences[0] as DraftSentence).section;
    const entry = sections.get(section.index) ?? { heading: section.heading, blocks: [] };
    entry.blocks.push(b);
    sections.set(section.index, entry);
  }
  for (const pattern of findingsHeadings)
    for (const { heading, blocks: own } of sections.values()) {
      if (heading === undefined || !pattern.test(heading.trim())) continue;
      const items = own.filter((b) => b.blockType === "listItem");
      const chosen = (items.length >= minFindings ? items : own.filter(isProse))
        .map(finding)
        .filter(notSummary);
      if (chosen.length >= minFindings) return chosen.slice(0, maxFindings);
    }
  const firsts = topSectionFirsts(sentences).filter(notSummary);
  return firsts.length >= minFindings ? firsts : fillFindings(blocks, firsts, notSummary);
}

/** Up to three findings: those found, then the body's further statements of prose in reading order. */
function fillFindings(
  blocks: readonly Block[],
  found: readonly DraftPassage[],
  keep: (f: DraftPassage) => boolean,
): DraftPassage[] {
  const chosen = new Set(found.map((f) => f.quote));
  const more: Array<DraftPassage & { order: number }> = found.map((f) => ({ ...f, order: -1 }));
  for (const b of blocks) {
    const heading = b.sentences[0]?.section.heading;
    if (!isProse(b) || (heading !== undefined && backMatter.test(heading))) continue;
    for (const s of b.sentences) {
      const passage = { text: s.text, quote: s.text, line: s.line };
      if (more.length >= minFindings) break;
      if (chosen.has(s.text) || !findingLike(s.text) || !keep(passage)) continue;
      chosen.add(s.text);
      more.push({ ...passage, order: s.order });
    }
  }
  // In the order a reader meets them: the found ones keep their places, the added ones follow theirs.
  const order = (f: { quote: string; order: number }) =>
    f.order >= 0 ? f.order : (blocks.flatMap((b) => b.sentences).find((s) => s.text === f.quote)?.order ?? 0);
  return more.sort((a, b) => order(a) - order(b)).map(({ order: _order, ...passage }) => passage);
}

/** A sentence that states something: long enough, ended, not a question, not a pointer to a table or figure. */
function findingLike(text: string): boolean {
  return (
    words(text) >= 6 &&
    /[.!…]$/.test(text) &&
    !/^(?:Table|Figure|Chart|Exhibit|Tableau|Graphique|Cuadro|Gráfico)\s+\d/i.test(text)
  );
}

/** A block as a finding: the whole of a short item, else its first sentence. */
function finding(b: Block): DraftPassage {
  const first = b.sentences[0] as DraftSentence;
  const last = b.sentences.at(-1) as DraftSentence;
  const whole = b.text.slice(first.start, last.end);
  const quote = whole.length <= maxFindingLength ? whole : first.text;
  return { text: quote, quote, line: b.line };
}

/** The first sentence of prose of each top-level section (its shallowest heading level but a lone title). */
export function topSectionFirsts(sentences: readonly DraftSentence[]): DraftPassage[] {
  const depths = sentences.map((s) => s.section.depth).filter((d): d is number => d !== undefined);
  const counts = new Map<number, Set<number>>();
  for (const s of sentences)
    if (s.section.depth !== undefined)
      counts.set(s.section.depth, (counts.get(s.section.depth) ?? new Set()).add(s.section.index));
  let top = Math.min(...depths);
  // A lone top heading over deeper ones is the report's title, not a section; a lone heading with
  // none under it (a short release's one section) is a section.
  const deeper = Math.min(...depths.filter((d) => d > top));
  if ((counts.get(top)?.size ?? 0) <= 1 && Number.isFinite(deeper)) top = deeper;
  if (!Number.isFinite(top)) return [];
  const found: DraftPassage[] = [];
  const seen = new Set<number>();
  let current: number | undefined;
  for (const s of sentences) {
    const depth = s.section.depth;
    if (depth !== undefined && depth <= top) current = s.section.index;
    if (current === undefined || seen.has(current) || s.blockType === "tableCell") continue;
    const heading = s.section.index === current ? s.section.heading : undefined;
    if (heading !== undefined && (backMatter.test(heading) || isSummaryHeading(heading))) {
      seen.add(current);
      continue;
    }
    if (s.hardBreaks >= 2 || !findingLike(s.text)) continue;
    seen.add(current);
    found.push({ text: s.text, quote: s.text, line: s.line });
    if (found.length === maxFindings) break;
  }
  return found;
}
