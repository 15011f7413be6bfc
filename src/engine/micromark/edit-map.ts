import { EditMap } from "micromark-util-edit-map";
import { installedFolder } from "../versions.ts";

// micromark (4.0) moves a container's closing events into place with an EditMap each time a block
// quote or list ends or a lazy line continues one, and `EditMap.consume` rebuilt the WHOLE event
// list of the document to apply two edits at its end: parse time grew with containers × document
// (1 MB of GFM examples: 21 s parsing, 60% in `consume`; 4× smaller: 2.7 s). This `consume` keeps
// the events before the first edit where they are and rebuilds only from there: the same list,
// in time proportional to what follows the first edit.

type Change = [at: number, remove: number, add: unknown[]];
interface EditMapInternals {
  map: Change[];
  index: Map<number, Change>;
}
const installed = Symbol.for("folio.micromarkEditMap");
const proto = EditMap.prototype as unknown as EditMapInternals & {
  consume(events: unknown[]): void;
  [installed]?: true;
};

/** Applies the edits as micromark's `consume` does: sorted by index, each run between edits kept. */
function consume(this: EditMapInternals, events: unknown[]): void {
  this.map.sort((a, b) => a[0] - b[0]);
  const first = this.map[0];
  if (!first) return;
  const rebuilt: unknown[] = [];
  let cursor = first[0];
  for (const [at, remove, add] of this.map) {
    for (let i = cursor; i < at; i++) rebuilt.push(events[i]);
    for (const event of add) rebuilt.push(event);
    cursor = at + remove;
  }
  for (let i = cursor; i < events.length; i++) rebuilt.push(events[i]);
  events.length = first[0];
  for (const event of rebuilt) events.push(event);
  this.map.length = 0;
  this.index.clear();
}

/** How Folio's parser reaches micromark: remark-parse → mdast-util-from-markdown → micromark. */
export const micromarkChain = ["remark-parse", "mdast-util-from-markdown", "micromark"];

/** Replaces `EditMap.prototype.consume` (once; see src/engine/install.ts). */
export function installEditMap(): void {
  if (proto[installed]) return;
  // The copy patched here must be the one micromark loads, or the patch would change nothing.
  const ours = installedFolder({ name: "micromark-util-edit-map", via: [] });
  const micromarks = installedFolder({ name: "micromark-util-edit-map", via: micromarkChain });
  if (ours !== micromarks || !Array.isArray(new EditMap().map))
    throw new Error(
      `micromark loads micromark-util-edit-map from ${micromarks}, Folio patches ${ours}: run npm ci so there is one copy`,
    );
  proto[installed] = true;
  proto.consume = consume;
}
