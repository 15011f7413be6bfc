import type { StyleReference } from "pdfmake/interfaces.js";
import { decidesOnWindows } from "../../engine/pdfmake/windowed-layout.ts";
import type { Theme } from "../../theme/theme.ts";
import { bodyParagraphStyle } from "./blocks.ts";
import { bodyLine, runningStyle, tableHeaderStyle } from "./styles.ts";

/** What pdfmake tells `pageBreakBefore` about a laid-out node (the fields Folio reads). */
interface NodeInfo {
  headlineLevel?: number;
  columns?: unknown;
  table?: unknown;
  pageBreak?: string;
  style?: StyleReference;
  pageNumbers: number[];
  startPosition: { pageNumber: number; verticalRatio: number; pageInnerHeight: number; left?: number };
}
interface NodeQueries {
  getFollowingNodesOnPage(): NodeInfo[];
}

/** Running headers and footers are laid out as nodes too, but outside the text block. */
const inFlow = (node: NodeInfo) => node.style !== runningStyle;

/** Space already used on the node's first page, and space left below its start, in points. */
function place(node: NodeInfo): { used: number; left: number } {
  const { verticalRatio, pageInnerHeight } = node.startPosition;
  const used = verticalRatio * pageInnerHeight;
  return { used, left: pageInnerHeight - used };
}

/**
 * Whether a row of columns (a numbered list's item, a note: the number beside the text) that runs
 * onto the next page shows only its first column on this one: its text went overleaf (the layout
 * sends a paragraph over whole rather than leave one line, keep-lines.ts), so the number goes too.
 * What follows the row's start on its page is the row's own content, since the row runs on.
 */
function firstColumnAlone(node: NodeInfo, following: NodeInfo[]): boolean {
  if (node.pageNumbers.length < 2) return false;
  const left = node.startPosition.left;
  return following.every((n) => n.startPosition.left === left);
}

/**
 * pdfmake's `pageBreakBefore` callback: keeps a heading with what follows it, and a list item's or
 * a note's number with its text. A heading moves to
 * the next page when it would end its page, alone or with the headings right under it, or when the
 * block it introduces starts on its page with less room than `orphans` body lines (a table, list,
 * quote or code block). A body paragraph needs no room check: the layout keeps `orphans` of its
 * lines at a page's foot or moves it whole (src/engine/pdfmake/keep-lines.ts), so one that starts
 * on the heading's page shows enough of itself there. Every decision sees real positions: the
 * layout is redone after each break (src/engine/pdfmake/windowed-layout.ts), and the callback keeps
 * the contract that lets it decide on windows (relative page numbers only, running headers and
 * footers skipped, no look back).
 */
export function pageBreakBefore(theme: Theme) {
  const room = theme.pagination.orphans * bodyLine(theme) + 1;
  return decidesOnWindows((node: NodeInfo, queries: NodeQueries): boolean => {
    // A node that breaks the page itself (a book's part or chapter, to a right-hand page) stays.
    if (node.pageBreak || (!node.headlineLevel && !node.columns)) return false;
    if (place(node).used < 1) return false; // already at the top of a page: a break would only add a blank page
    if (node.columns) return firstColumnAlone(node, queries.getFollowingNodesOnPage().filter(inFlow));
    if (node.pageNumbers.length > 1) return true;
    // The block this heading introduces: the first in-flow node after it and the headings under it.
    const following = queries.getFollowingNodesOnPage().filter(inFlow);
    for (const [i, next] of following.entries()) {
      if (next.headlineLevel) {
        if (next.pageNumbers.length > 1) return true;
        continue;
      }
      if (next.style === bodyParagraphStyle) return false;
      // A table whose header row is all it has here: pdfmake keeps the header with the first row
      // and sets both overleaf, yet reports the header's cells on this page.
      if (next.table && following.slice(i + 1).every((n) => n.style === tableHeaderStyle)) return true;
      // A numbered list whose first item will go overleaf, its number with its text.
      const row = [next, following[i + 1]].findIndex((n) => n?.columns);
      if (row >= 0 && firstColumnAlone(following[i + row] as NodeInfo, following.slice(i + row + 1)))
        return true;
      return place(next).left < room;
    }
    return true;
  });
}
