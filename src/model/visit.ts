// unist-util-visit's `visit`, for Folio's walks of its trees (the model's transforms, the HTML
// renderer's hast). The library names a fresh closure per node it visits (`Object.defineProperty`
// with a coloured label, for stack traces), copies the ancestors into a new array per parent and
// allocates a result per visitor call: its walking, not the visitors, was a quarter of loading a
// report in a profile, and without it a warm load takes a fifth less CPU (docs/performance.md). This walk calls the same visitors in the same order, with the same
// index and parent, and obeys the same answers (EXIT, SKIP, CONTINUE, an index to go on at, or a
// pair of them); test/unit/visit.test.ts holds it to the library on generated trees. A test is
// read by unist-util-is's `convert`, as the library reads it; a visitors object ({ enter, exit })
// goes to the library itself.
import { convert } from "unist-util-is";
import { CONTINUE, EXIT, visit as libraryVisit, SKIP } from "unist-util-visit";

export { CONTINUE, EXIT, SKIP };

interface Walked {
  type: string;
  children?: Walked[];
}
type Visitor = (node: Walked, index: number | undefined, parent: Walked | undefined) => unknown;

/** What a child's visit tells its parent's loop: stop everything, or where to go on (undefined: the next). */
const stop = Symbol("exit");

function walkTree(tree: Walked, test: unknown, visitor: Visitor, reverse: boolean | null | undefined): void {
  const is = convert(test as Parameters<typeof convert>[0]) as (
    node: unknown,
    index: number | undefined,
    parent: unknown,
  ) => boolean;
  // The library skips the test when it is falsy (`!check || is(…)`), whatever `convert` makes of it.
  const checks = Boolean(test);
  const step = reverse ? -1 : 1;

  function walk(
    node: Walked,
    index: number | undefined,
    parent: Walked | undefined,
  ): number | undefined | typeof stop {
    let action: unknown;
    let next: number | undefined;
    if (!checks || is(node, index, parent)) {
      const answer = visitor(node, index, parent);
      if (Array.isArray(answer)) {
        action = answer[0];
        if (typeof answer[1] === "number") next = answer[1];
      } else if (typeof answer === "number") {
        action = CONTINUE;
        next = answer;
      } else action = answer;
      if (action === EXIT) return stop;
    }
    // The children as they are after the visitor, read again at every step, as the library does
    // (a visitor may replace or splice its parent's children).
    if (node.children && action !== SKIP) {
      let offset = (reverse ? node.children.length : -1) + step;
      while (node.children && offset > -1 && offset < node.children.length) {
        const went = walk(node.children[offset] as Walked, offset, node);
        if (went === stop) return stop;
        offset = went === undefined ? offset + step : went;
      }
    }
    return next;
  }

  walk(tree, undefined, undefined);
}

/** `visit(tree, [test], visitor, [reverse])`, as unist-util-visit's, with its types. */
export const visit = ((
  tree: Walked,
  testOrVisitor: unknown,
  visitorOrReverse?: unknown,
  maybeReverse?: unknown,
) => {
  if (typeof visitorOrReverse === "function")
    return walkTree(tree, testOrVisitor, visitorOrReverse as Visitor, maybeReverse as boolean | undefined);
  if (
    typeof testOrVisitor === "function" &&
    (visitorOrReverse === undefined || typeof visitorOrReverse === "boolean")
  )
    return walkTree(tree, undefined, testOrVisitor as Visitor, visitorOrReverse);
  return (libraryVisit as (...args: unknown[]) => void)(tree, testOrVisitor, visitorOrReverse, maybeReverse);
}) as typeof libraryVisit;
