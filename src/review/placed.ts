import type { Change, ReviewBlock } from "./changes.ts";

/** A change placed in the source: offsets there, or none for a change in text Folio generated. */
export interface PlacedChange {
  change: Change;
  block: ReviewBlock;
  /** Source offsets of the changed text (start = end for an insertion); absent when it cannot be placed. */
  start?: number;
  end?: number;
  /** Why it cannot be placed. */
  unplaced?: string;
  /** In a front matter field (YAML: CriticMarkup there would be printed as typed). */
  field?: boolean;
  /** Every character of the block's text was deleted: the block goes. */
  wholeBlock?: { start: number; end: number };
}
