import type { Heading, Root, Yaml } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { VFile } from "vfile";
import type { BrandLogo } from "../assets/types.ts";
import type { AbbreviationDefinition } from "./abbreviations.ts";
import type { Cite } from "./apparatus/cite-syntax.ts";
import type { Apparatus } from "./apparatus/numbering.ts";
import type { BookPlan } from "./book/types.ts";
import type { Credits } from "./credits.ts";
import type { ReportFacts } from "./facts/types.ts";
import type { Labels } from "./labels.ts";
import type { Footnote } from "./references.ts";
import type { RunningText } from "./running-text.ts";
import type { ReportMeta } from "./schema.ts";

export type { RunningText } from "./running-text.ts";

declare module "mdast" {
  interface Data {
    /** Unique anchor id of a heading (set by `buildOutline`). */
    id?: string;
  }
  // pandoc's citations and cross-references (`[@key]`, `@fig-x`), read by `parseCitations`: a node
  // of phrasing content that every renderer's handler table must handle.
  interface PhrasingContentMap {
    cite: Cite;
  }
  interface RootContentMap {
    cite: Cite;
  }
}

/** One entry of the document outline: every heading of the body, in order. */
export interface OutlineEntry {
  depth: Heading["depth"];
  text: string;
  /** Unique, GitHub-style slug; also stored on the heading as `data.id`. */
  id: string;
}

/** Whether, where and how deep the report lists its contents: decided once, for every format. */
export interface ContentsPlan {
  show: boolean;
  /**
   * The `::toc` directive the contents stand at (the body's first one); undefined: each format's
   * usual place (the cover of the PDF and DOCX, after the title block in HTML).
   */
  at?: LeafDirective;
  /** The deepest heading level (`#` count) listed. */
  depth: number;
  /** The headings listed, in order, each with its nesting level in the contents (1 = top). */
  entries: Array<OutlineEntry & { level: number }>;
}

/** A local image the source refers to, read and checked at load time so renderers never touch the disk. */
export interface ImageAsset {
  /** The URL exactly as written in the source (the key renderers look up). */
  url: string;
  /** Path relative to the source folder. */
  path: string;
  mime: "image/png" | "image/jpeg" | "image/gif" | "image/svg+xml" | "image/webp";
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** The shared, format-neutral parts rendered once from the Handlebars partials in `templates/`. */
export interface TemplateParts {
  /** Title block (cover) as mdast, built from `templates/partials/title-block.md.hbs`. */
  titleBlock: Root;
  /** Colophon as mdast, from `templates/partials/colophon.md.hbs`. */
  colophon: Root;
  /** One-line metadata (publisher · date …), plain text. */
  metaLine: string;
  header: RunningText;
  footer: RunningText;
}

/** The one document model every renderer reads. Built by `loadReport`; never changed by a renderer. */
export interface ReportModel {
  /** Source path as given (used in messages). */
  path: string;
  /** Base name without extension: `source/mali-2021.md` → `mali-2021`. */
  name: string;
  /**
   * The body as mdast: front matter removed, headings carrying `data.id`, link and image
   * references already resolved to links and images.
   */
  tree: Root;
  meta: ReportMeta;
  /** Derived: series + title when both exist, for document properties and `<title>`. */
  fullTitle: string;
  /** Derived: `meta.description`, else `meta.abstract`, else the body's first sentence. */
  description: string;
  outline: OutlineEntry[];
  /**
   * Each heading's structure level by id (1 = the body's top sections, never more than one below
   * the heading before it): the PDF's H2… (its cover title is the H1) and Word's Heading 1….
   */
  headingLevels: ReadonlyMap<string, number>;
  images: Map<string, ImageAsset>;
  /** Referenced footnotes by identifier, numbered in order of first reference. Unreferenced ones are absent. */
  footnotes: Map<string, Footnote>;
  /**
   * Fact sheet data (figures, groups, incidents, places), each checked against the body and
   * anchored in it: derived on first read (`reportFacts`, which a renderer calls with its own
   * assets), never by the load, so a build without the fact sheet drafts nothing.
   */
  readonly facts: ReportFacts;
  /**
   * The YAML front matter as parsed, for a transform run after load (`reportFacts`, for the fact
   * sheet only) that places its messages at the front matter's lines.
   */
  frontMatter?: Yaml;
  parts: TemplateParts;
  /** Whether, where and how deep every format lists the contents. */
  contents: ContentsPlan;
  /** Folio's own words in the report's language. */
  labels: Labels;
  /** Figures, captioned tables and labels, numbered once for every format (src/model/apparatus). */
  apparatus: Apparatus;
  /** Authors and date as the title block and document properties show them. */
  credits: Credits;
  /** The brand's logo (brands/NAME/brand.yaml): the title block's `::logo`, optionally the running header. */
  logo?: BrandLogo;
  /** Messages (warnings) gathered while loading; a renderer returns its own, never adds here. */
  file: VFile;
  /**
   * Set when the source is a book (`chapters:` or `parts:`): the tree above is then the whole
   * volume, assembled from its chapters' models by `loadBook`; this says where each part and
   * chapter starts, for what a format does beyond rendering the tree (page starts, running heads,
   * a page per chapter).
   */
  book?: BookPlan;
  /** The abbreviations declared (front matter, `*[ABBR]:` lines), one per term; a book's merge its chapters'. */
  abbreviations?: AbbreviationDefinition[];
  /** The bibliography entries' anchors (`ref-epa2023`), which citations link to: destinations every format places. */
  bibliographyIds?: string[];
  /**
   * Cross-references to labels this source does not define, left for its book to resolve (a
   * chapter loaded with `inBook`, or a book's own front text); the book reports those it cannot.
   */
  pendingCrossReferences?: number;
}
