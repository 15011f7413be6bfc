import { decidesOnWindows } from "../../engine/pdfmake/windowed-layout.ts";
import type { Theme } from "../../theme/theme.ts";
import { bodyParagraphStyle } from "./blocks.ts";
import { bodyLine, runningStyle } from "./styles.ts";

/** What pdfmake tells `pageBreakBefore` about a laid-out node (the fields Folio reads). */
interface NodeInfo {
  headlineLevel?: number;
  pageBreak?: string;
  style?: string | string[];
  pageNumbers: number[];
  startPosition: { pageNumber: number; verticalRatio: number; pageInnerHeight: number };
}
interface NodeQueries {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
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
 * pdfmake's `pageBreakBefore` callback: moves a heading to the next page when fewer than two lines
 * of what follows it fit below it, and a body paragraph when it would leave a single line at the
 * foot of a page (orphan) or, for a short paragraph, a single line at the head of the next (widow).
 * Every decision sees real positions: the layout is redone after each break (src/engine/pdfmake/windowed-layout.ts), and the
 * callback keeps the contract that lets it decide on windows (relative page numbers only, running
 * headers and footers skipped, no look back).
 */
export function pageBreakBefore(theme: Theme) {
  const line = bodyLine(theme);
  const { paragraphAfter, headingBefore } = theme.spacing;
  return decidesOnWindows((node: NodeInfo, queries: NodeQueries): boolean => {
    // A node that breaks the page itself (a book's part or chapter, to a right-hand page) stays.
    if (node.pageBreak) return false;
    const { used, left } = place(node);
    if (used < 1) return false; // already at the top of a page: a break would only add a blank page
    if (node.headlineLevel) {
      if (node.pageNumbers.length > 1) return true;
      const next = queries.getFollowingNodesOnPage().find(inFlow);
      if (!next) return true;
      return place(next).left < 2 * line + 1;
    }
    if (node.style !== bodyParagraphStyle || node.pageNumbers.length !== 2) return false;
    if (left < 2 * line - 0.5) return true; // orphan: one line here, the rest overleaf
    const next = queries.getNodesOnNextPage().find(inFlow);
    if (!next || next.startPosition.pageNumber !== node.startPosition.pageNumber + 1) return false;
    const before = next.headlineLevel ? (next.headlineLevel <= 2 ? headingBefore : headingBefore * 0.75) : 0;
    const tail = place(next).used - paragraphAfter - before;
    // widow: one line overleaf; moving the paragraph is worth it only when it leaves a small gap
    return tail < 1.5 * line && left < 4 * line;
  });
}
