import type { Heading, List, Nodes, Paragraph, RootContent } from "mdast";
import { blockId } from "../../model/anchors.ts";
import type { Finding, ReportFacts, SheetKind } from "../../model/facts/types.ts";
import { splitSentences, textBlocks } from "../../model/sentences.ts";
import type { ReportModel } from "../../model/types.ts";

// STOPGAP until the facts lane's drafting (src/model/facts/**) fills `kind`, `summary` and
// `findings`: the smallest reading that lets the brief sheet be built and tested on real reports.
// Whatever the facts give wins, field by field; delete this file once drafting fills all three.

/** `facts` with `kind`, `summary` and `findings` filled where drafting left them out. */
export function withBriefFallback(
  facts: ReportFacts,
  model: ReportModel,
  hasMap: boolean,
): ReportFacts & { kind: SheetKind } {
  const kind =
    facts.kind ??
    (hasMap && facts.incidents.length + facts.groups.length + facts.places.length > 0 ? "country" : "brief");
  return {
    ...facts,
    kind,
    summary: facts.summary ?? firstParagraph(model),
    findings: facts.findings ?? sectionFindings(model),
  };
}

/** A paragraph shorter than this is a label (`**From:**`), not the report's opening. */
const shortestSummary = 120;

function firstParagraph(model: ReportModel): ReportFacts["summary"] {
  for (const node of topBlocks(model)) {
    if (node.type !== "paragraph") continue;
    const text = textBlocks(node).join(" ");
    const anchor = blockId(node);
    if (text.length >= shortestSummary && anchor) return { text, quote: text, anchor, line: 0 };
  }
  return undefined;
}

const findingsHeading =
  /^(key findings|findings|summary|recommendations|principaux constats|synthèse|recommandations|conclusiones|resumen|recomendaciones)\b/i;

/** The items of a "Key findings" section, else the first sentence of each top section (three to five). */
function sectionFindings(model: ReportModel): Finding[] {
  const blocks = topBlocks(model);
  const depths = blocks.filter((n): n is Heading => n.type === "heading").map((h) => h.depth);
  const top = depths.length > 0 ? Math.min(...depths.filter((d) => d > 1), 6) : 0;
  const named = blocks.findIndex(
    (n) => n.type === "heading" && findingsHeading.test(textBlocks(n).join(" ")),
  );
  if (named >= 0) {
    const list = blocks.slice(named + 1).find((n): n is List => n.type === "list" || n.type === "heading");
    if (list?.type === "list") {
      const items = list.children.map((item) => finding(item, textBlocks(item).join(" ")));
      const found = items.filter((f): f is Finding => f !== undefined).slice(0, 5);
      if (found.length >= 3) return found;
    }
  }
  const found: Finding[] = [];
  blocks.forEach((node, i) => {
    if (node.type !== "heading" || node.depth !== top || found.length >= 5) return;
    const next = blocks
      .slice(i + 1)
      .find((n): n is Paragraph => n.type === "paragraph" || n.type === "heading");
    if (next?.type !== "paragraph") return;
    const sentence = splitSentences(textBlocks(next).join(" "))[0];
    const item = sentence && sentence.length >= 40 ? finding(next, sentence) : undefined;
    if (item) found.push(item);
  });
  return found.length >= 3 ? found : [];
}

function finding(node: Nodes, text: string): Finding | undefined {
  const anchor = blockId(node) ?? blockId((node as List).children?.[0] as Nodes);
  return anchor && text ? { text, quote: text, anchor, line: 0, priority: 3 } : undefined;
}

/** The body's blocks with the sections' blocks flattened (a `section` wrapper, if any, opened). */
function topBlocks(model: ReportModel): RootContent[] {
  return model.tree.children.flatMap((node) =>
    "children" in node &&
    node.type !== "list" &&
    node.type !== "paragraph" &&
    node.type !== "heading" &&
    node.type !== "table"
      ? ((node.children as RootContent[]) ?? [])
      : [node],
  );
}
