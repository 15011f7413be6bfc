import fc from "fast-check";
import { CONTINUE, EXIT, visit as libraryVisit, SKIP } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { visit } from "../../src/model/visit.ts";

// Folio's walk (src/model/visit.ts) must do what unist-util-visit does: the same visitor calls, in
// the same order, with the same index and parent, obeying every answer a visitor can give, on a
// tree its visitors change as they go.

interface TestNode {
  type: string;
  id: number;
  children?: TestNode[];
}

/** A tree grown from `seeds`: nodes of types a–c, up to five levels deep, up to five children each. */
function treeOf(seeds: number[]): TestNode {
  let next = 0;
  let at = 0;
  const seed = () => seeds[at++ % seeds.length] as number;
  const grow = (depth: number): TestNode => {
    const node: TestNode = { type: "abc"[seed() % 3] as string, id: next++ };
    if (depth < 4 && seed() % 3 !== 0) {
      const count = seed() % 6;
      node.children = Array.from({ length: count }, () => grow(depth + 1));
    }
    return node;
  };
  return grow(0);
}

const answers = [
  undefined,
  CONTINUE,
  SKIP,
  EXIT,
  0,
  2,
  [SKIP, 1],
  [CONTINUE],
  [CONTINUE, 3],
  "keep",
] as const;

/**
 * A visitor that records each call and answers from `plan` by the node's id and how often it was
 * visited; some calls change the tree (add a child, remove the next sibling, replace the children).
 */
function plannedVisitor(plan: number[], log: string[]) {
  const seen = new Map<number, number>();
  let made = 10_000;
  return (node: TestNode, index: number | undefined, parent: TestNode | undefined) => {
    const times = (seen.get(node.id) ?? 0) + 1;
    seen.set(node.id, times);
    log.push(`${node.id}@${index}^${parent?.id}`);
    // Bounded: a revisited node (an index answer pointing back) goes on.
    if (times > 2) return undefined;
    const pick = (plan[(node.id * 7 + times) % plan.length] as number) % (answers.length + 3);
    if (pick === answers.length && node.children) node.children.push({ type: "a", id: made++ });
    if (pick === answers.length + 1 && parent?.children && index !== undefined)
      parent.children.splice(index + 1, 1);
    if (pick === answers.length + 2 && node.children) node.children = [{ type: "b", id: made++ }];
    return pick < answers.length ? answers[pick] : undefined;
  };
}

describe("Folio's visit", () => {
  it("calls the visitors unist-util-visit calls, in its order, and obeys the same answers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(undefined, null, "", "a", "b", ["a", "c"], { type: "c" }),
        fc.boolean(),
        (seeds, plan, test, reverse) => {
          const run = (walk: typeof libraryVisit) => {
            const tree = treeOf(seeds);
            const log: string[] = [];
            const visitor = plannedVisitor(plan, log);
            if (test === undefined) walk(tree, visitor as never, reverse);
            else walk(tree, test as never, visitor as never, reverse);
            return { log, tree: JSON.stringify(tree) };
          };
          expect(run(visit)).toEqual(run(libraryVisit));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
