import { type Document, LineCounter, parseDocument } from "yaml";

/** A front matter block parsed once, with the line counter that places its nodes. */
export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** How many front matters are kept: a build's sources in flight, a watched book's chapters. */
const keptTexts = 16;
const byText = new Map<string, ParsedYaml>();

/**
 * The YAML document of a front matter's text (between its `---` lines), parsed once per text and
 * shared, read-only, by every reader of it: whether a source is a book (`chapters:`, read twice
 * per build), its brand (read before its assets are chosen) and its metadata and facts. Each read
 * it in turn, and each of those parses was about 1 ms of a warm rebuild of Mali. Duplicate keys
 * are not the parser's to find (its check is quadratic in the keys): the metadata's own check
 * finds them, linearly. The last few texts are kept, a watch session's and a build's.
 */
export function parsedYaml(text: string): ParsedYaml {
  const hit = byText.get(text);
  if (hit) return hit;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (byText.size >= keptTexts) byText.delete(byText.keys().next().value as string);
  const parsed = { doc, lines };
  byText.set(text, parsed);
  return parsed;
}
