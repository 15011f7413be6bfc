import type { Assets } from "../assets/types.ts";
import type { BookCitations } from "../model/apparatus/citations.ts";
import { type LoadedSource, loadAlone } from "../model/book/load.ts";
import { bookChapterPaths, sourceKey } from "../model/book/paths.ts";

/**
 * The models of one build, by source file (its real path): each source is loaded once by
 * `loadReport`, whether it is built on its own, as a chapter of a book, or both. A model is kept
 * only while a later source of the build still needs it, counted from the sources and the chapters
 * their front matter names, so a build holds at most a book's chapters at a time, not every report.
 * A failed load is kept too: its vfile holds the messages, reported once.
 */
export class ModelStore {
  /**
   * Each kept model with the assets it was loaded with (a chapter in a book has the book's): only
   * what a load of the source on its own gives (not a chapter loaded with its book's citations, or
   * leaving a label to its book).
   */
  private readonly kept = new Map<string, { assets: Assets; loaded: LoadedSource }>();
  private readonly uses = new Map<string, number>();

  /** `factSheet`: the build makes fact sheets (a failed load then reports the facts' errors too). */
  constructor(
    sources: readonly string[] = [],
    private readonly factSheet = false,
  ) {
    for (const source of sources) {
      this.expect(source);
      for (const chapter of bookChapterPaths(source) ?? []) this.expect(chapter);
    }
  }

  private expect(path: string): void {
    const key = sourceKey(path);
    this.uses.set(key, (this.uses.get(key) ?? 0) + 1);
  }

  /**
   * The model of `path` (or the vfile of its failed load): loaded on its first use, then shared.
   * `assets` are the source's own (its brand's, chosen once by the build step) or, for a chapter, its
   * book's (the book's brand dresses them all). A model loaded with other assets is loaded again,
   * and so is a chapter given its book's citation fields (its citations may differ on its own). A
   * chapter (`inBook`) may leave a cross-reference to its book: such a load is never given to the
   * source built on its own, which reports the label; a load on its own serves the book when it
   * succeeded (every label was its own).
   */
  readonly load = (
    path: string,
    own: Assets,
    bookCitations?: BookCitations,
    inBook = false,
  ): LoadedSource => {
    const key = sourceKey(path);
    const kept = this.kept.get(key);
    const reusable =
      kept !== undefined &&
      kept.assets === own &&
      bookCitations === undefined &&
      (!inBook || kept.loaded.model !== undefined);
    const loaded =
      reusable && kept
        ? kept.loaded
        : loadAlone(path, own, this.factSheet, { ...(bookCitations ? { bookCitations } : {}), inBook });
    const alone =
      reusable ||
      (bookCitations === undefined &&
        (!inBook || (loaded.model !== undefined && loaded.model.pendingCrossReferences === undefined)));
    const left = (this.uses.get(key) ?? 0) - 1;
    this.uses.set(key, left);
    if (left <= 0) this.kept.delete(key);
    // Only a load of the source on its own is kept: another serves only the book that asked for it.
    else if (alone) this.kept.set(key, { assets: own, loaded });
    return loaded;
  };
}
