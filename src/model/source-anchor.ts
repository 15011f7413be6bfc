import type { SourcePlace } from "./source-place.ts";

/**
 * The hidden bookmark a DOCX block carries back to its place in the source (`_folio_L12C1`): a
 * leading underscore is Word's mark of a hidden bookmark, which Word and LibreOffice keep across
 * edits and never show a reader. `folio review` reads it to place a reviewer's changes.
 */
export function sourceAnchorName(place: SourcePlace): string {
  return `${sourceAnchorPrefix}L${place.line}C${place.column}`;
}

export const sourceAnchorPrefix = "_folio_";

/** The place a source anchor's name gives, or undefined for any other bookmark. */
export function sourceAnchorPlace(name: string): SourcePlace | undefined {
  const match = /^_folio_L(\d+)C(\d+)$/.exec(name);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** Custom document properties that name the source a DOCX was built from, and its text's SHA-256. */
export const sourceProperties = { name: "FolioSource", hash: "FolioSourceSha256" } as const;
