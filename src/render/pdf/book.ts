import type { RootContent } from "mdast";
import type { BookStart } from "../../model/book/types.ts";
import type { ReportModel, RunningText } from "../../model/types.ts";
import type { PageStarts, PdfCollected } from "./context.ts";

/**
 * pdfmake's break to the next odd-numbered page, a right-hand one (page 1, the cover, is a right-hand
 * page): pdfmake counts its parity from 0, so its `beforeEven` is the one that lands on pages 3, 5 …
 */
export const rightHandPageBreak = "beforeEven";

const isPageBreak = (node: RootContent | undefined) =>
  node?.type === "leafDirective" && node.name === "pagebreak";

/**
 * A book's body for the PDF, and its page starts. Every part and chapter heading starts a page
 * (a right-hand one in a two-sided book): the `::pagebreak` the model puts before each, which is
 * how every format gets the new page, becomes the heading's own `pageBreak` here, so the keep-with-
 * next rule never moves that heading and the layout may decide later breaks from it onwards
 * (src/engine/pdfmake/windowed-layout.ts). A start with no break before it opens the body, right
 * after the cover: in a two-sided book it still moves on to page 3. Undefined for a report.
 */
export function bookBody(model: ReportModel): { children: RootContent[]; starts: PageStarts } | undefined {
  const book = model.book;
  if (!book) return undefined;
  const byHeading = new Map<string, BookStart>(book.starts.map((start) => [start.id, start]));
  const startOf = (node: RootContent | undefined) =>
    node?.type === "heading" && node.data?.id ? byHeading.get(node.data.id) : undefined;
  const byId = new Map<string, { start: BookStart; pageBreak?: "before" | "beforeEven" }>();
  const children: RootContent[] = [];
  const nodes = model.tree.children;
  nodes.forEach((node, i) => {
    const next = startOf(nodes[i + 1]);
    if (isPageBreak(node) && next) {
      byId.set(next.id, { start: next, pageBreak: book.twoSided ? rightHandPageBreak : "before" });
      return;
    }
    const start = startOf(node);
    if (start && !byId.has(start.id))
      byId.set(start.id, { start, pageBreak: book.twoSided ? "before" : undefined });
    children.push(node);
  });
  return { children, starts: { byId } };
}

/**
 * The running header of a page of a book: that of the last part or chapter that starts on it or
 * before it, in the layout pass being finished (pdfmake lays out the running heads after the body,
 * so the start headings' blocks hold this pass's pages). Undefined before the first start.
 */
export function bookHeader(startBlocks: PdfCollected["startBlocks"], page: number): RunningText | undefined {
  let header: RunningText | undefined;
  for (const { start, block } of startBlocks) {
    const first = block.positions?.[0]?.pageNumber;
    if (first === undefined || first > page) break;
    header = start.header;
  }
  return header;
}
