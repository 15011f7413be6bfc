// src/engine/micromark/edit-map.ts replaces micromark's EditMap.consume (linear in the document per
// call) with one that rebuilds only from the first edit: the same events must come out.
import fc from "fast-check";
import { EditMap } from "micromark-util-edit-map";
import { describe, expect, it } from "vitest";
import { installEditMap } from "../../src/engine/micromark/edit-map.ts";

installEditMap();

type Change = [number, number, unknown[]];
type Events = Parameters<EditMap["consume"]>[0];

/** micromark-util-edit-map 1.0's own `consume`, for comparison. */
function micromarkConsume(map: Change[], events: unknown[]): void {
  map.sort((a, b) => a[0] - b[0]);
  if (map.length === 0) return;
  let index = map.length;
  const vecs: unknown[][] = [];
  while (index > 0) {
    index -= 1;
    const [at, remove, add] = map[index] as Change;
    vecs.push(events.slice(at + remove), add);
    events.length = at;
  }
  vecs.push(events.slice());
  events.length = 0;
  let slice = vecs.pop();
  while (slice) {
    for (const element of slice) events.push(element);
    slice = vecs.pop();
  }
}

describe("micromark's EditMap.consume, rebuilt from the first edit", () => {
  it("gives the same events as micromark's for any edits", () => {
    const edit = fc.tuple(fc.nat(60), fc.nat(5), fc.array(fc.string({ maxLength: 2 }), { maxLength: 4 }));
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.array(edit, { maxLength: 6 }),
        (events, edits) => {
          const ours = new EditMap();
          const theirs: Change[] = [];
          const seen = new Set<number>();
          for (const [at, remove, add] of edits) {
            const i = Math.min(at, events.length);
            ours.add(i, remove, [...add] as unknown as Events);
            // EditMap merges edits at the same index; the reference gets the merged list.
            if (seen.has(i)) {
              const change = theirs.find((c) => c[0] === i) as Change;
              change[1] += remove;
              change[2].push(...add);
            } else if (remove !== 0 || add.length !== 0) {
              seen.add(i);
              theirs.push([i, remove, [...add]]);
            }
          }
          const a = [...events];
          const b = [...events];
          ours.consume(a as unknown as Events);
          micromarkConsume(theirs, b);
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });

  it("is the consume micromark uses", () => {
    expect(EditMap.prototype.consume.toString()).toContain("rebuilt");
  });
});
