import { blockId } from "../anchors.ts";
import type { ReportModel } from "../types.ts";
import { topSectionFirsts } from "./draft/brief.ts";
import { bodySentences } from "./draft/sentences.ts";
import { bodyText, findQuote } from "./provenance.ts";
import type { Finding, ReportFacts } from "./types.ts";

/**
 * What a fact sheet may add when its page has room, in the order it adds it: the sentences that
 * follow the summary, and findings beyond the drafted ones. Each is the report's own words, word
 * for word, and a finding is anchored in its block as the drafted ones are.
 */
export interface BriefReserve {
  /** The summary's next sentences: the rest of its paragraph, then the next paragraphs of its section. */
  summary: string[];
  /** The first sentence of each top-level section the summary and findings do not already quote, to five findings in all. */
  findings: Finding[];
}

/** The summary grows to at most this many characters (a third of a column of small type). */
const maxSummaryLength = 1600;
const maxFindings = 5;

/** A sentence of prose: six words or more, ended by a stop (not a label line such as “Area total: 923,768 sq km”). */
const prose = (text: string) => /[.!?…][”’"')\]]*$/u.test(text) && text.split(/\s+/).length >= 6;

/** The sheet's reserve of words for a page with room (none for a summary taken from the abstract). */
export function briefReserve(model: ReportModel, facts: ReportFacts): BriefReserve {
  const body = bodyText(model.tree);
  const sentences = bodySentences(model.tree, body);
  const summary: string[] = [];
  const quote = facts.summary?.anchor ? facts.summary.quote : undefined;
  const start = quote
    ? sentences.findIndex((s) => s.blockText.includes(quote) && quote.startsWith(s.text))
    : -1;
  if (quote && start >= 0) {
    const first = sentences[start];
    let length = quote.length;
    for (const s of sentences.slice(start + 1)) {
      if (s.section.index !== first?.section.index || s.blockType !== "paragraph") break;
      // Sentences the quote already holds (its own block's first ones).
      if (s.block === first.block && s.start < first.start + quote.length) continue;
      if (length + s.text.length + 1 > maxSummaryLength || !prose(s.text)) break;
      summary.push(s.text);
      length += s.text.length + 1;
    }
  }
  const quoted = [facts.summary?.quote ?? "", ...summary, ...facts.findings.map((f) => f.quote)].filter(
    Boolean,
  );
  const findings: Finding[] = [];
  for (const passage of topSectionFirsts(sentences)) {
    if (facts.findings.length + findings.length >= maxFindings) break;
    if (quoted.some((q) => q.includes(passage.quote) || passage.quote.includes(q))) continue;
    const segment = findQuote(body, passage.quote);
    const anchor = segment && blockId(segment.anchor);
    if (anchor === undefined) continue;
    findings.push({
      text: passage.text,
      quote: passage.quote,
      anchor,
      line: passage.line,
      priority: facts.findings.length + findings.length + 1,
    });
  }
  return { summary, findings };
}
