// pdfmake's `addPageBreaksIfNecessary` (LayoutBuilder.layoutDocument, pdfmake 0.3), rewritten so
// the windowed layout (windowed-layout.ts) can use it on part of a document. Two differences, neither
// visible to the callback: the page queries read an index of nodes by page instead of walking the
// whole list (pdfmake's walk made one scan O(nodes × headings)), and the scan can stop before a
// node the caller cannot decide yet. Same filter, same `nodeInfo`, same order, same
// `pageBreakCalculated` skipping, same `pageBreak = 'before'` on the first node the callback moves.

/** A position pdfmake records for a laid-out line or block. */
export interface LaidPosition {
  pageNumber: number;
  verticalRatio: number;
}

/** A node of pdfmake's `linearNodeList`, as the scan reads and marks it. */
export interface LaidNode {
  positions: LaidPosition[];
  text?: unknown;
  listMarker?: unknown;
  pageBreak?: string;
  pageBreakCalculated?: boolean;
  nodeInfo?: NodeInfo;
  stack?: unknown;
  resetXY?: () => void;
  [key: string]: unknown;
}

/** What pdfmake passes to `pageBreakBefore` about a node. */
export interface NodeInfo {
  pageNumbers: number[];
  startPosition: LaidPosition;
  pages: number;
  stack: boolean;
  [key: string]: unknown;
}

/** The queries pdfmake passes to `pageBreakBefore` beside the node. */
export interface NodeQueries {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
  getPreviousNodesOnPage(): NodeInfo[];
}

/** pdfmake's `pageBreakBefore` callback. */
export type PageBreakBefore = (node: NodeInfo, queries: NodeQueries) => boolean;

/** The fields pdfmake copies into `nodeInfo`, in its order. */
const infoKeys = [
  "id",
  "text",
  "ul",
  "ol",
  "table",
  "image",
  "qr",
  "canvas",
  "svg",
  "columns",
  "headlineLevel",
  "style",
  "pageBreak",
  "pageOrientation",
  "width",
  "height",
] as const;

function hasRenderableContent(node: LaidNode | undefined): node is LaidNode {
  if (!node || node.positions.length === 0) return false;
  return !(node.text === "" && !node.listMarker);
}

function describe(node: LaidNode, pages: number): NodeInfo {
  const info: Record<string, unknown> = {};
  for (const key of infoKeys) if (node[key] !== undefined) info[key] = node[key];
  info.startPosition = node.positions[0];
  info.pageNumbers = Array.from(new Set(node.positions.map((p) => p.pageNumber)));
  info.pages = pages;
  info.stack = Array.isArray(node.stack);
  return info as NodeInfo;
}

/** What one scan found: the node now marked `pageBreak: 'before'`, or why it stopped without one. */
export type ScanOutcome = { moved: LaidNode } | { stopped: LaidNode } | "none";

/**
 * Scans a laid-out node list as pdfmake does after a layout pass: evaluates `pageBreakBefore` on
 * each node not yet decided, in order, until one must move. Stops without marking anything at the
 * first undecided node for which `decidable` is false.
 */
export function scanForBreak(
  linearNodeList: readonly LaidNode[],
  pageCount: number,
  pageBreakBefore: PageBreakBefore,
  decidable: (info: NodeInfo) => boolean = () => true,
): ScanOutcome {
  const list = linearNodeList.filter(hasRenderableContent);
  for (const node of list) node.nodeInfo = describe(node, pageCount);
  let byPage: Map<number, number[]> | undefined;
  const onPage = (page: number): number[] => {
    if (!byPage) {
      byPage = new Map();
      list.forEach((node, i) => {
        for (const p of (node.nodeInfo as NodeInfo).pageNumbers) {
          const row = byPage?.get(p);
          if (row) row.push(i);
          else byPage?.set(p, [i]);
        }
      });
    }
    return byPage.get(page) ?? [];
  };
  const infos = (indices: number[]) => indices.map((i) => (list[i] as LaidNode).nodeInfo as NodeInfo);
  for (let index = 0; index < list.length; index++) {
    const node = list[index] as LaidNode;
    if (node.pageBreak === "before" || node.pageBreakCalculated) continue;
    const info = node.nodeInfo as NodeInfo;
    if (!decidable(info)) return { stopped: node };
    node.pageBreakCalculated = true;
    const pageNumber = info.pageNumbers[0] as number;
    const moves = pageBreakBefore(info, {
      getFollowingNodesOnPage: () => infos(onPage(pageNumber).filter((i) => i > index)),
      getNodesOnNextPage: () => infos(onPage(pageNumber + 1).filter((i) => i > index)),
      getPreviousNodesOnPage: () => infos(onPage(pageNumber).filter((i) => i < index)),
    });
    if (moves) {
      node.pageBreak = "before";
      return { moved: node };
    }
  }
  return "none";
}
