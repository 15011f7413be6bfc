/** A block of the fact sheet that may be left out when the page is full. */
export interface SheetBlock {
  key: string;
  /** 1 = most important … 9 = least; 0 = never left out (title band, sources). */
  priority: number;
  /** How the warning names it: `key figure “30 terrorism cases…”`. */
  label: string;
  /** Front matter line of the fact, when it has one (for the warning's place). */
  line?: number;
}

/** Blocks in the order they are given up: least important first, later ones before earlier ones. */
export function dropOrder(blocks: readonly SheetBlock[]): SheetBlock[] {
  return blocks
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => block.priority > 0)
    .sort((a, b) => b.block.priority - a.block.priority || b.index - a.index)
    .map(({ block }) => block);
}

/**
 * Fits the sheet to one page: asks `fits` with nothing left out, then leaves out the least
 * important block after block until it fits. Returns the keys left out, in the order they went;
 * `fitted` is false when even the essential blocks overflow.
 */
export async function fitByPriority(
  blocks: readonly SheetBlock[],
  fits: (omit: ReadonlySet<string>) => Promise<boolean>,
): Promise<{ omitted: SheetBlock[]; fitted: boolean }> {
  const omitted: SheetBlock[] = [];
  const keys = new Set<string>();
  if (await fits(keys)) return { omitted, fitted: true };
  for (const block of dropOrder(blocks)) {
    omitted.push(block);
    keys.add(block.key);
    if (await fits(keys)) return { omitted, fitted: true };
  }
  return { omitted, fitted: false };
}
