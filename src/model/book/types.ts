import type { RunningText } from "../running-text.ts";

/**
 * A part or a chapter of a book: its heading starts a new page in every paged format (a
 * right-hand one when the book is two-sided) and changes the running header from there on.
 */
export interface BookStart {
  kind: "part" | "chapter";
  /** Id of its heading in the book's tree (also in the outline). */
  id: string;
  title: string;
  /** The running header of its pages (`templates/partials/running-header.txt.hbs`: book · title). */
  header: RunningText;
}

/** One chapter of a book, as the formats need it after assembly (the chapter's own model is not kept). */
export interface BookChapter {
  /** Base name of the chapter's source (`mali-2021`): the prefix of its ids, the name of its web page. */
  name: string;
  /** The chapter's source path, as the build names it (relative to the working folder). */
  path: string;
  title: string;
  /** The chapter's own description (its web page's `<meta name="description">`). */
  description: string;
  /** Id of the chapter's heading in the book's tree. */
  id: string;
  /** Index in {@link BookPlan.parts}, when the book has parts. */
  part?: number;
  /**
   * The top-level nodes of the book's tree that hold the chapter, `[from, to)`: its heading first,
   * then its body (the page break before the next part or chapter is not in it).
   */
  nodes: [number, number];
}

export interface BookPart {
  title: string;
  /** Id of the part's heading in the book's tree. */
  id: string;
  /** Index of the part's heading in the book's tree's top-level nodes. */
  node: number;
  /** Indexes in {@link BookPlan.chapters}. */
  chapters: number[];
}

/**
 * What a book adds to the document model (`ReportModel.book`). The model's `tree` is the whole
 * volume (front text, then each part's heading and each chapter's heading and body, a `::pagebreak`
 * before every part and chapter); this plan is for what a format does beyond rendering the tree.
 */
export interface BookPlan {
  /** `two-sided: true`: parts and chapters start on right-hand (odd) pages. */
  twoSided: boolean;
  /** The web edition: an index page and a page per chapter, or the whole book on one page. */
  html: "pages" | "single";
  parts: BookPart[];
  chapters: BookChapter[];
  /** Every part and chapter heading, in the tree's order. */
  starts: BookStart[];
  /** The book's own front text: top-level nodes `[0, front)` of the tree (the contents' `::toc` among them). */
  front: number;
  /**
   * The source a node of the tree comes from, by its `position` (the object a message's `place` is):
   * a chapter's path for the chapters' nodes, undefined for the book's own. Positions in a chapter's
   * nodes are lines of that chapter, so a message about one must name the chapter's file.
   */
  sourceOf(place: unknown): string | undefined;
}
