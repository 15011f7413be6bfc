import type { VFile } from "vfile";
import type { BrandLogo, FontRole } from "../../assets/types.ts";
import type { PdfResources } from "../../engine/pdfmake/printer.ts";
import type { BookStart } from "../../model/book/types.ts";
import type { Labels } from "../../model/labels.ts";
import type { Footnote } from "../../model/references.ts";
import type { ImageAsset } from "../../model/types.ts";
import type { Theme } from "../../theme/theme.ts";
import type { LaidOut, PdfText } from "./content-types.ts";
import type { PdfFonts } from "./fonts.ts";

export type { PdfBlock, PdfInline } from "./content-types.ts";

/**
 * State passed down through the handlers, a plain object: read-only inputs, the settings of the
 * block being rendered (a child block gets a copy with some changed, see {@link nested}), and
 * `collected`, the one accumulator every copy shares.
 */
export interface PdfContext {
  theme: Theme;
  /** The theme's faces: which can draw a character, their metrics. */
  fonts: PdfFonts;
  /** Folio's own words in the report's language. */
  labels: Labels;
  /** Where problems are reported (file:line:column). */
  file: VFile;
  images: ReadonlyMap<string, ImageAsset>;
  footnotes: ReadonlyMap<string, Footnote>;
  /** Heading ids that exist, so `#id` links become internal links only when they can land. */
  anchors: ReadonlySet<string>;
  /** Font role of the text being set: decides which faces fallback characters come from. */
  role: FontRole;
  /** Width available to the current block, in points (images are scaled to it). */
  width: number;
  /** Height of the text block of a page, in points (no figure takes more than part of it). */
  height: number;
  /** True for blocks directly in the body: only those take part in widow/orphan control. */
  topLevel: boolean;
  /** How many lists enclose the current block (bullets change shape with depth). */
  listDepth: number;
  /** Inside a tight list: paragraphs get no space after. */
  tight: boolean;
  /** Inside the shared title block: the level-1 heading is the title, not a section. */
  inTitleBlock: boolean;
  /**
   * Prepended to every destination id (headings, notes), so several documents' bodies can share
   * one PDF without their ids clashing. Empty for a report.
   */
  idPrefix: string;
  /** The headings the contents list (by id), each with its level in the contents (1 = top). */
  tocLevels: ReadonlyMap<string, number>;
  /** What the document's rendering collects as it goes: one object, shared by every child context. */
  readonly collected: PdfCollected;
  /** Where the contents go (`::toc`), if anywhere in the body; rendered there when `show`. */
  contents?: { at?: unknown; show: boolean };
  /** The model's structure level of each heading id (1 = a top section, tagged H2: the cover's title is the H1). */
  structureLevels: ReadonlyMap<string, number>;
  /** A book's part and chapter headings, which start pages (src/render/pdf/book.ts); undefined for a report. */
  pageStarts?: PageStarts;
  /** The brand's logo (the title block's `::logo`, the running header), when it has one. */
  logo?: BrandLogo;
}

/**
 * What rendering a document collects, owned by the render that made the root context
 * ({@link createPdfContext}) and filled in document order by the handlers. An accumulator rather
 * than returned values because every handler returns its pdfmake nodes (the handler tables' one
 * result type) and these are facts about the whole document that the caller reads once the body is
 * built: the images the definition names, which characters were reported, which headings exist
 * in the PDF, and where a book's parts and chapters start.
 */
export interface PdfCollected {
  /** Image files the definition names, by virtual file name (handed to the printer). */
  readonly resources: PdfResources;
  /** Each image's virtual file name, by its URL: the same image is embedded once. */
  readonly imageNames: Map<string, string>;
  /** Characters no embedded face could draw (reported once each). */
  readonly missingGlyphs: Set<string>;
  /** Ids of the headings actually placed (the outline links only to those). */
  readonly placedIds: Set<string>;
  /**
   * A book's start headings, in order, each with its block: pdfmake records the block's pages on it
   * in every layout pass, and the running header reads them (src/render/pdf/book.ts).
   */
  readonly startBlocks: Array<{ start: BookStart; block: PdfText & LaidOut }>;
}

/** The headings of a book that start a page. */
export interface PageStarts {
  /** By heading id: its part or chapter, and the page break before it (none: it opens the body). */
  byId: ReadonlyMap<string, { start: BookStart; pageBreak?: "before" | "beforeEven" }>;
}

/** Inputs for {@link createPdfContext}; the collections have defaults. */
export interface PdfContextInput {
  theme: Theme;
  fonts: PdfFonts;
  labels: Labels;
  contents?: { at?: unknown; show: boolean };
  file: VFile;
  width: number;
  height: number;
  images?: ReadonlyMap<string, ImageAsset>;
  footnotes?: ReadonlyMap<string, Footnote>;
  anchors?: ReadonlySet<string>;
  tocLevels?: ReadonlyMap<string, number>;
  structureLevels?: ReadonlyMap<string, number>;
  idPrefix?: string;
  logo?: BrandLogo;
  pageStarts?: PageStarts;
}

/** Creates the rendering context for a document (or for a fact sheet that reuses the handlers). */
export function createPdfContext(input: PdfContextInput): PdfContext {
  return {
    theme: input.theme,
    fonts: input.fonts,
    labels: input.labels,
    contents: input.contents,
    file: input.file,
    images: input.images ?? new Map(),
    ...(input.logo ? { logo: input.logo } : {}),
    footnotes: input.footnotes ?? new Map(),
    anchors: input.anchors ?? new Set(),
    role: "body",
    width: input.width,
    height: input.height,
    topLevel: true,
    listDepth: 0,
    tight: false,
    inTitleBlock: false,
    tocLevels: input.tocLevels ?? new Map(),
    idPrefix: input.idPrefix ?? "",
    collected: {
      resources: new Map(),
      imageNames: new Map(),
      missingGlyphs: new Set(),
      placedIds: new Set(),
      startBlocks: [],
    },
    structureLevels: input.structureLevels ?? new Map(),
    pageStarts: input.pageStarts,
  };
}

/** The settings a child block may change; the inputs and the accumulator stay the document's. */
export type PdfSettings = Pick<
  PdfContext,
  "role" | "width" | "tight" | "listDepth" | "inTitleBlock" | "topLevel"
>;

/** The context of a child block: a copy with some settings changed, no longer at the top level. */
export function nested(ctx: PdfContext, changes: Partial<PdfSettings>): PdfContext {
  return { ...ctx, topLevel: false, ...changes };
}
