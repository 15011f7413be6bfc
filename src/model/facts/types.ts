// What the fact sheet states, each item tied to the sentence of the body it comes from.

/** Where a fact comes from: the front matter line that states it and the body anchor of its quote. */
export interface Provenance {
  /**
   * Id of the body block (list item or paragraph) holding the quote: `NAME.html#anchor`; empty
   * when the quote is the front matter's `abstract` (shown at the top of the report).
   */
  anchor: string;
  quote: string;
  /** Line of the fact in the source file (front matter). */
  line: number;
}

/** A key figure checked against the body. */
export interface KeyFigure extends Provenance {
  label: string;
  value: string;
  unit?: string;
  priority: number;
}

/** A named list (groups active, memberships), each name checked against its quote. */
export interface NamedGroup {
  label: string;
  items: Array<{ name: string } & Provenance>;
  priority: number;
  line: number;
}

/** A dated incident of the timeline and chart. */
export interface TimelineIncident extends Provenance {
  date: string;
  /** `Jun 25`, or `Dec` when only the month is known. */
  dateLabel: string;
  /** The same with the year (`Feb 1, 1953`), for a timeline whose incidents span years. */
  dateLabelWithYear: string;
  place?: string;
  summary: string;
  killed?: { n: number; text: string; noun?: string };
  injured?: { n: number; text: string; noun?: string };
  priority: number;
}

/** A place the body names, located by the gazetteer. */
export interface LocatedPlace {
  name: string;
  lon: number;
  lat: number;
  capital: boolean;
  /** GeoNames population: a bigger place keeps its map label first when labels compete for room. */
  population: number;
  line: number;
}

/** A key finding of a brief sheet: an item of a "Key findings"/"Summary"/"Recommendations" section, or a top section's first sentence. */
export interface Finding extends Provenance {
  text: string;
  priority: number;
}

/**
 * Which sheet a report gets: `country` (map, groups, incidents: a country chapter) or `brief` (title
 * band, summary, findings, key figures, a chart of the body's data: any other report).
 */
export type SheetKind = "country" | "brief";

/** Everything the fact sheet states, each item tied to the sentence of the body it comes from. */
export interface ReportFacts {
  /**
   * Chosen by `factsheet:` in front matter, else by the content: `country` for a country chapter
   * (a country named and groups or incidents stated), `brief` for any other report.
   */
  kind: SheetKind;
  /** The abstract, or the summary section's first paragraph, else the body's first paragraph (absent: no prose). */
  summary?: { text: string } & Provenance;
  /** Three to five key findings, in reading order (empty when the body has none to offer). */
  findings: Finding[];
  figures: KeyFigure[];
  groups: NamedGroup[];
  /** Sorted by date. */
  incidents: TimelineIncident[];
  places: LocatedPlace[];
  /** Places named in the front matter that the gazetteer does not know (already warned about). */
  unlocated: string[];
  drafted: import("./draft/index.ts").DraftKey[];
  country?: { name: string; code: string };
  year?: number;
}
