import type { VFile } from "vfile";
import type { BrandLogo, FontRole } from "../../assets/types.ts";
import type { PdfResources } from "../../engine/pdfmake/printer.ts";
import type { BookStart } from "../../model/book/types.ts";
import type { Labels } from "../../model/labels.ts";
import type { Footnote } from "../../model/references.ts";
import type { ImageAsset } from "../../model/types.ts";
import type { Theme } from "../../theme/theme.ts";
import type { PdfFonts } from "./fonts.ts";

/**
 * A pdfmake inline run: text plus every style property it needs (bold, italics, font, link …).
 * Runs are flat because pdfmake does not pass styles down to nested inlines.
 */
export interface PdfInline {
  text: string;
  [property: string]: unknown;
}

/** A pdfmake block node (text, stack, table, ul/ol, image, svg …). */
export type PdfBlock = Record<string, unknown>;

/** State threaded through the handlers: read-only inputs plus what rendering collects. */
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
  /** Collected while rendering: image files the definition names, and its `images` table. */
  resources: PdfResources;
  imageNames: Map<string, string>;
  /** Characters no embedded face could draw (reported once each). */
  missingGlyphs: Set<string>;
  /** Ids of the headings actually placed (the outline links only to those). */
  placedIds: Set<string>;
  /** Where the contents go (`::toc`), if anywhere in the body; rendered there when `show`. */
  contents?: { at?: unknown; show: boolean };
  /** The model's structure level of each heading id (1 = a top section, tagged H2: the cover's title is the H1). */
  structureLevels: ReadonlyMap<string, number>;
  /** A book's part and chapter headings, which start pages (src/render/pdf/book.ts); undefined for a report. */
  pageStarts?: PageStarts;
  /** The brand's logo (the title block's `::logo`, the running header), when it has one. */
  logo?: BrandLogo;
}

/** The headings of a book that start a page, and the blocks laid out for them. */
export interface PageStarts {
  /** By heading id: its part or chapter, and the page break before it (none: it opens the body). */
  byId: ReadonlyMap<string, { start: BookStart; pageBreak?: string }>;
  /** Filled while rendering, in order: the block of each start heading (pdfmake records its pages on it). */
  placed: Array<{ start: BookStart; block: PdfBlock }>;
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
    resources: new Map(),
    imageNames: new Map(),
    missingGlyphs: new Set(),
    placedIds: new Set(),
    structureLevels: input.structureLevels ?? new Map(),
  };
}

/** A child context: same collections, some settings changed. */
export function nested(ctx: PdfContext, changes: Partial<PdfContext>): PdfContext {
  const child = Object.create(ctx) as PdfContext;
  return Object.assign(child, { topLevel: false }, changes);
}
