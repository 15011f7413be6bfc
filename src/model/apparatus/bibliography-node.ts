import type { Data, Parent, PhrasingContent } from "mdast";

// The bibliography as the document model holds it: the CSL processor's entries, already formatted
// (src/model/apparatus/citations.ts), which every renderer only draws.

/** One entry of the bibliography: its formatted text and the id every citation of it links to. */
export interface BibEntry extends Parent {
  type: "bibEntry";
  /** The anchor of the entry (`ref-epa2023`): an HTML id, a PDF destination, a Word bookmark. */
  id: string;
  children: PhrasingContent[];
  data?: Data;
}

/** The bibliography, where `::bibliography` stands or at the end under its heading. */
export interface Bibliography extends Parent {
  type: "bibliography";
  children: BibEntry[];
  /** The style sets its entries with a hanging indent (Chicago does). */
  hangingIndent: boolean;
  data?: Data;
}

declare module "mdast" {
  interface RootContentMap {
    bibliography: Bibliography;
    bibEntry: BibEntry;
  }
  interface BlockContentMap {
    bibliography: Bibliography;
  }
}
