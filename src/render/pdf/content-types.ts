import type {
  ContentCanvas,
  ContentColumns,
  ContentImage,
  ContentStack,
  ContentSvg,
  ContentTable,
  ContentText,
  ContentToc,
  ContentUnorderedList,
  Margins,
} from "pdfmake/interfaces.js";

// The PDF renderer builds pdfmake's own document types (@types/pdfmake, written for pdfmake 0.3),
// so the compiler checks every node it makes. Folio's engine reads a few properties pdfmake does
// not know; each is declared, as an augmentation of pdfmake's `ContentBase`, in the engine file
// that reads it: `tag` and `artifact` (src/engine/pdfmake/tagging.ts), `orphans` and `widows`
// (src/engine/pdfmake/keep-lines.ts). The augmentations below are not extensions: they are what
// pdfmake 0.3.11 itself reads and its type declarations (0.3.3) leave out.

declare module "pdfmake/interfaces.js" {
  interface ContentBase {
    /**
     * A destination for links and the outline. pdfmake reads it on any text node
     * (DocPreprocessor.preprocessText); its types allow it only on a text made of anchors.
     */
    id?: string;
    /**
     * Lists the node in the contents, indented by `tocMargin`. pdfmake reads both on any text node
     * (DocPreprocessor.preprocessText); its types allow them only on a text made of toc items.
     */
    tocItem?: boolean | string | Array<string | boolean>;
    tocMargin?: Margins;
    /** A list item's marker (`none`: an item that draws its own, a task list's checkbox). */
    listType?: "none";
  }
  interface TDocumentDefinitions {
    /** The document's language (the catalog's /Lang): pdfmake's Printer reads it, its types leave it out. */
    language?: string;
  }
}

/** A pdfmake text run: text plus every style it needs (pdfmake does not pass styles down to nested runs). */
export interface PdfInline extends ContentText {
  text: string;
}

/** A text block: a paragraph, heading, caption or cell, its runs as Folio sets them. */
export interface PdfText extends ContentText {
  text: string | PdfInline[];
}

/** A block node of the kinds the PDF renderer emits. */
export type PdfBlock =
  | PdfText
  | ContentStack
  | ContentColumns
  | ContentTable
  | ContentUnorderedList
  | ContentImage
  | ContentSvg
  | ContentCanvas
  | ContentToc;

/**
 * What pdfmake writes back onto a node it lays out: the pages and places it occupies (the running
 * header of a book reads them after each layout pass).
 */
export interface LaidOut {
  positions?: ReadonlyArray<{ pageNumber: number }>;
}
