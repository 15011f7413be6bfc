/**
 * Style ids of the Word built-in styles Folio uses (pandoc's Docx/StyleMap idea): the body refers to
 * styles by these ids only, so restyling in Word (or a new theme) changes every paragraph at once.
 */
export const styleIds = {
  normal: "Normal",
  title: "Title",
  subtitle: "Subtitle",
  quote: "Quote",
  sourceCode: "SourceCode",
  footnoteText: "FootnoteText",
  tocHeading: "TOCHeading",
  header: "Header",
  footer: "Footer",
  caption: "Caption",
  eyebrow: "Eyebrow",
  byline: "Byline",
  abstract: "Abstract",
  abstractTitle: "AbstractTitle",
  authors: "Authors",
  note: "Note",
  colophon: "Colophon",
  tableText: "TableText",
  tableHeading: "TableHeading",
  coverRule: "CoverRule",
  // character styles
  verbatimChar: "VerbatimChar",
  hyperlink: "Hyperlink",
  footnoteReference: "FootnoteReference",
  // table style
  table: "TableGrid",
} as const;

/** Word allows up to five levels of its list styles: "List Bullet", "List Bullet 2" … "List Bullet 5". */
export function listStyleId(kind: "ListBullet" | "ListNumber" | "ListContinue", level: number): string {
  const n = Math.min(level + 1, 5);
  return n === 1 ? kind : `${kind}${n}`;
}

/** Heading style id for a depth (Word's "Heading 1" … "Heading 6"). */
export const headingStyleId = (depth: number): string => `Heading${Math.min(Math.max(depth, 1), 6)}`;
