import type { Root } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { didYouMean } from "./suggest.ts";
import { decodeOrAsTyped } from "./url-decode.ts";
import { visit } from "./visit.ts";

/** An `id` or `name` given in raw HTML (`<a id="annex">`): a target the HTML edition has. */
const htmlId = /\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/**
 * Warns at a link with no address (`[the plan]()`, a reader's click goes nowhere) and at a link to
 * `#id` that no heading, figure, table, bibliography entry or raw HTML element of the report has:
 * the HTML edition's link goes nowhere, and the PDF keeps its text without a link. Not in a book's
 * chapters, which link to each other's ids (the book checks those).
 */
export function checkLinkTargets(tree: Root, file: VFile, targets: Iterable<string>): void {
  const known = new Set(targets);
  const headingIds = [...known];
  visit(tree, "html", (node) => {
    for (const match of node.value.matchAll(htmlId)) known.add(match[1] ?? match[2] ?? match[3] ?? "");
  });
  // Each unknown id once, at its first link, with how many links go to it.
  const unknown = new Map<string, { url: string; place: Point | undefined; links: number }>();
  visit(tree, "link", (node) => {
    if (node.url.trim() === "") {
      file.message(
        "A link with no address (`[…]()`): a reader's click goes nowhere; write its address between the parentheses",
        { place: node.position?.start, ruleId: "link-target", source: "folio" },
      );
      return;
    }
    if (!node.url.startsWith("#") || node.url === "#") return;
    const id = decodeOrAsTyped(node.url.slice(1));
    if (known.has(id) || /^(?:fn|fnref)-/.test(id)) return;
    const seen = unknown.get(id);
    if (seen) seen.links++;
    else unknown.set(id, { url: node.url, place: node.position?.start, links: 1 });
  });
  for (const [id, { url, place, links }] of unknown) {
    const near = didYouMean(id, headingIds);
    file.message(
      `Link \`${url}\`${links > 1 ? ` (${links} links)` : ""} goes to no heading, figure, table or element of this report: the web page's link goes nowhere and the PDF prints its text without one${near ? `; did you mean \`#${near}\`?` : ""}`,
      { place, ruleId: "link-target", source: "folio" },
    );
  }
}
