// src/engine/pdfmake/break-scan.ts against pdfmake 0.3.11's own `addPageBreaksIfNecessary` (the
// loop inside LayoutBuilder.layoutDocument, from an unpatched copy, its layout passes stood in by
// one laid-out node list): the same nodes are shown to `pageBreakBefore`, with the same nodeInfo
// and the same answers to its three page queries, and the same nodes are moved, in the same
// order; Folio's scan can also stop before a node its caller cannot decide yet.
import { describe, expect, it } from "vitest";
import {
  type LaidNode,
  type NodeInfo,
  type NodeQueries,
  scanForBreak,
} from "../../src/engine/pdfmake/break-scan.ts";
import { pristineModule } from "../support/pristine.ts";

type LayoutDocument = (this: object, ...args: unknown[]) => unknown;
const pdfmakeLayoutDocument = pristineModule<{ default: { prototype: { layoutDocument: LayoutDocument } } }>(
  "pdfmake/js/LayoutBuilder.js",
).default.prototype.layoutDocument;

/**
 * A laid-out document: on each page, a heading and paragraphs (one spanning pages 2 and 3), an
 * empty text (never shown to the callback), and headings at the foot of pages 1 and 3.
 */
function laidOut(): LaidNode[] {
  const node = (id: string, pages: number[], extra: Record<string, unknown> = {}): LaidNode => ({
    id,
    text: id,
    positions: pages.map((pageNumber, i) => ({ pageNumber, verticalRatio: i === 0 ? 0.1 * id.length : 0 })),
    resetXY: () => {},
    ...extra,
  });
  return [
    node("h1", [1], { headlineLevel: 1, style: "h1" }),
    node("p1", [1, 1]),
    node("", [1], { text: "" }),
    node("h2", [1], { headlineLevel: 2, style: "h2" }),
    node("p2", [2, 2, 3]),
    node("list", [3], { ul: [], text: undefined, listMarker: {} }),
    node("h3", [3], { headlineLevel: 2, style: "h2" }),
    node("p3", [4]),
    node("h4", [4], { headlineLevel: 2, pageBreak: "before" }),
    node("p4", [4, 5]),
  ];
}

/** A keep-with-next callback recording what it was shown: a heading with nothing after it on its page moves. */
function recorder() {
  const seen: unknown[] = [];
  const ids = (infos: NodeInfo[]) => infos.map((info) => info.id);
  const callback = (info: NodeInfo, queries: NodeQueries) => {
    const following = ids(queries.getFollowingNodesOnPage());
    seen.push({
      info,
      following,
      next: ids(queries.getNodesOnNextPage()),
      previous: ids(queries.getPreviousNodesOnPage()),
    });
    return info.headlineLevel !== undefined && following.length === 0;
  };
  return { seen, callback };
}

/** pdfmake's loop on the list: it lays out again (here: the same list) after each node it moves. */
function pdfmakeScan(list: LaidNode[], pages: number) {
  const { seen, callback } = recorder();
  let passes = 0;
  const builder = {
    tryLayoutDocument: () => {
      passes++;
      return { linearNodeList: list, pages: Array.from({ length: pages }) };
    },
  };
  const args = [{}, {}, {}, {}, null, null, null, null, callback];
  pdfmakeLayoutDocument.call(builder, ...args);
  return { seen, passes, moved: list.filter((n) => n.pageBreak === "before").map((n) => n.id) };
}

/** Folio's scan called as the windowed layout calls it: once per pass, until nothing moves. */
function folioScan(list: LaidNode[], pages: number) {
  const { seen, callback } = recorder();
  let passes = 1;
  while (scanForBreak(list, pages, callback) !== "none") passes++;
  return { seen, passes, moved: list.filter((n) => n.pageBreak === "before").map((n) => n.id) };
}

describe("break-scan: scanForBreak against pdfmake's addPageBreaksIfNecessary", { timeout: 5000 }, () => {
  it("shows the callback the same nodes, nodeInfo and queries, and moves the same nodes", () => {
    const theirs = pdfmakeScan(laidOut(), 5);
    const ours = folioScan(laidOut(), 5);
    expect(theirs.moved).toEqual(["h2", "h3", "h4"]); // h4 came with its own break
    expect(theirs.passes).toBe(3);
    expect(ours).toEqual(theirs);
    expect(theirs.seen.length).toBe(8); // every renderable node but h4, once
  });

  it("differs as documented: stops, marking nothing, at the first node the caller cannot decide yet", () => {
    const list = laidOut();
    const { seen, callback } = recorder();
    const outcome = scanForBreak(list, 5, callback, (info) => (info.pageNumbers[0] as number) < 3);
    expect(outcome).toEqual({ moved: list[3] }); // h2, at the foot of page 1
    const next = scanForBreak(list, 5, callback, (info) => (info.pageNumbers[0] as number) < 3);
    expect(next).toEqual({ stopped: list[5] }); // the list, on page 3
    expect(list[5]?.pageBreakCalculated).toBeUndefined();
    expect(seen.map((s) => (s as { info: NodeInfo }).info.id)).toEqual(["h1", "p1", "h2", "p2"]);
  });
});
