import type { Element, Nodes as HastNodes } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Link, PhrasingContent } from "mdast";

// citeproc writes its output as a small HTML (`<i>`, `<b>`, small capitals, links): here it becomes
// mdast phrasing content (text, emphasis, strong, links), which every renderer already draws.

/** A stretch of text with its formatting. */
interface Run {
  text: string;
  emphasis: boolean;
  strong: boolean;
  href?: string;
}

/** Runs of an HTML fragment, formatting resolved (citeproc's `font-style:normal` undoes italics). */
function runsOf(html: string): Run[] {
  const runs: Run[] = [];
  const walk = (node: HastNodes, mark: Omit<Run, "text">): void => {
    if (node.type === "text") {
      // A non-breaking hyphen (French page ranges) is a hyphen: the faces Folio embeds have no U+2011.
      runs.push({ text: node.value.replaceAll("\u2011", "-"), ...mark });
      return;
    }
    if (node.type !== "element" && node.type !== "root") return;
    let next = mark;
    if (node.type === "element") next = marksOf(node, mark);
    for (const child of node.children) walk(child as HastNodes, next);
  };
  walk(fromHtml(html, { fragment: true }), { emphasis: false, strong: false });
  return runs;
}

function marksOf(element: Element, mark: Omit<Run, "text">): Omit<Run, "text"> {
  const style = String(element.properties?.style ?? "");
  const next = { ...mark };
  if (element.tagName === "i" || element.tagName === "em" || /font-style:\s*italic/.test(style))
    next.emphasis = true;
  if (/font-style:\s*normal/.test(style)) next.emphasis = false;
  if (element.tagName === "b" || element.tagName === "strong" || /font-weight:\s*bold/.test(style))
    next.strong = true;
  if (/font-weight:\s*normal/.test(style)) next.strong = false;
  if (element.tagName === "a" && typeof element.properties?.href === "string")
    next.href = element.properties.href;
  return next;
}

/** Runs as mdast: neighbouring runs of one formatting merged, wrapped in emphasis, strong or a link. */
function phrasing(runs: readonly Run[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let i = 0;
  while (i < runs.length) {
    const first = runs[i] as Run;
    let text = "";
    for (; i < runs.length; i++) {
      const run = runs[i] as Run;
      if (run.emphasis !== first.emphasis || run.strong !== first.strong || run.href !== first.href) break;
      text += run.text;
    }
    if (!text) continue;
    let node: PhrasingContent = { type: "text", value: text };
    if (first.emphasis) node = { type: "emphasis", children: [node] };
    if (first.strong) node = { type: "strong", children: [node] };
    if (first.href) node = { type: "link", url: first.href, children: [node] };
    out.push(node);
  }
  return out;
}

/** The opening and closing marks Folio puts around each cited item (its prefix and suffix) to find it in the output. */
export const itemMark = (index: number) => `\u27e6${index}\u27e7`;
export const itemEnd = "\u27e6/\u27e7";
const marks = /\u27e6(\d+)\u27e7|\u27e6\/\u27e7/g;

/**
 * A citation's HTML as mdast: each cited item's text (between its marks) a link to its entry
 * (`targets[i]`, the item's index in the citation), the rest (parentheses, separators) plain.
 */
export function citationPhrasing(html: string, targets: readonly string[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let current: { item: number; runs: Run[] } | undefined;
  let plain: Run[] = [];
  const flushPlain = () => {
    out.push(...phrasing(plain));
    plain = [];
  };
  for (const run of runsOf(html)) {
    let last = 0;
    for (const m of run.text.matchAll(marks)) {
      const before = { ...run, text: run.text.slice(last, m.index) };
      (current ? current.runs : plain).push(before);
      last = m.index + m[0].length;
      if (m[1] !== undefined) {
        flushPlain();
        current = { item: Number(m[1]), runs: [] };
      } else if (current) {
        const link: Link = {
          type: "link",
          url: `#${targets[current.item] ?? ""}`,
          children: phrasing(current.runs),
          data: { hProperties: { role: "doc-biblioref" } },
        };
        out.push(link);
        current = undefined;
      }
    }
    (current ? current.runs : plain).push({ ...run, text: run.text.slice(last) });
  }
  if (current) plain.push(...current.runs);
  flushPlain();
  return out;
}

/** A bibliography entry's HTML (citeproc's `<div class="csl-entry">…</div>`) as mdast phrasing content. */
export function entryPhrasing(html: string): PhrasingContent[] {
  const content = phrasing(runsOf(html.trim()));
  // citeproc ends each entry with a newline inside its div: trim the ends.
  const first = content[0];
  if (first?.type === "text") first.value = first.value.trimStart();
  const last = content.at(-1);
  if (last?.type === "text") last.value = last.value.trimEnd();
  return content;
}
