import { type Document, LineCounter, parseDocument } from "yaml";
import { KeptByKey } from "../assets/kept.ts";

/** A front matter block parsed once, with the line counter that places its nodes. */
export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Up to 16 front matters (a build's sources in flight, a watched book's chapters), then afresh. */
const byText = new KeptByKey<ParsedYaml>(16);

/**
 * The YAML document of a front matter's text (between its `---` lines), parsed once per text and
 * shared, read-only, by every reader of it: whether a source is a book (`chapters:`, read twice
 * per build), its brand (read before its assets are chosen) and its metadata and facts. Each read
 * it in turn, and each of those parses was about 1 ms of a warm rebuild of Mali. Duplicate keys
 * are not the parser's to find (its check is quadratic in the keys): the metadata's own check
 * finds them, linearly.
 */
export function parsedYaml(text: string): ParsedYaml {
  return byText.get(text, () => {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    return { doc, lines };
  });
}
