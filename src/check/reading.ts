/**
 * Reading an artifact's text as a reader does, for the parity check.
 *
 * A layout breaks lines where the source has no space: inside a table cell a header such as
 * "Awards, FY2022–FY2024" wraps after its en dash, a URL after a slash or anywhere, a word at a
 * soft hyphen. A reader reads such a line break as nothing; a line break where the source has a
 * space reads as that space. Invisible marks (soft hyphens, zero-width spaces and joiners, word
 * joiners) are never read at all, whichever side holds them.
 */

/** Characters a reader never sees: soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM. */
const invisible = /[\u00ad\u200b\u200c\u2060\ufeff]|\u200d/gu;
/** Where the source offers a break without a space (a soft hyphen or a zero-width space). */
const breakMarks = /[\u00ad\u200b]/gu;
/** Stands for a source break mark in a folded sentence. */
const mark = "\u200b";

/** Where a footnote reference stands: its number, raised or not, may be printed there, or nothing. */
const noteMark = "\u{e000}";
/** A footnote's number as an artifact prints it (plain or superscript digits). */
const noteDigit = /[0-9\u00b9\u00b2\u00b3\u2070-\u2079]/u;

/** A character drawn in place of another by some renderers: a no-break hyphen reads as a hyphen. */
function sameGlyphs(text: string): string {
  return text.replace(/[\u2010\u2011]/gu, "-");
}

/**
 * An artifact's text folded for reading: invisible marks out, each run of spaces one space, each run
 * of whitespace holding a line break one `\n` (a place that reads as a space or as nothing).
 */
export function foldArtifactText(text: string): string {
  return (
    sameGlyphs(text)
      .replace(invisible, "")
      // \s holds every space a layout draws, no-break and fixed-width ones included.
      .replace(/\s+/gu, (run) => (/[\n\r\u2028\u2029]/u.test(run) ? "\n" : " "))
      .trim()
  );
}

/**
 * A source sentence folded for reading: whitespace runs one space, a soft hyphen or zero-width space
 * one break mark (dropped beside a space, which already breaks), other invisible marks out.
 */
export function foldSourceText(text: string): string {
  return sameGlyphs(text)
    .replace(breakMarks, mark)
    .replace(/[\u200c\u2060\ufeff]|\u200d/gu, "")
    .replace(/\s+/gu, " ")
    .replace(new RegExp(`${mark}*( )${mark}*|${mark}+`, "gu"), (_, space?: string) => space ?? mark)
    .replace(new RegExp(`^${mark}|${mark}$`, "gu"), "")
    .replace(/ \u{e000} /gu, " \u{e000}")
    .trim();
}

export interface ReadingOptions {
  /**
   * A space in the artifact may stand where the source has none. pdf.js, which reads the PDFs,
   * reports a space where a PDF draws an invisible mark (a zero-width space or a soft hyphen) and
   * cancels its advance; a reader of the page sees no space there.
   */
  spacesMayBeMarks?: boolean;
}

/**
 * Where the folded `sentence` ends if it is read at `start` of the folded artifact text, or -1.
 * A line break reads as the sentence's space there, or as nothing inside a word; at a source break
 * mark the artifact may break the line, with or without a hyphen, or not at all.
 */
function readAt(text: string, start: number, sentence: string, options: ReadingOptions): number {
  let i = start;
  let j = 0;
  while (j < sentence.length) {
    const want = sentence[j];
    const have = text[i];
    if (want === noteMark) {
      // The note's number, after any space the layout put before it; or no number at all.
      j++;
      let k = i;
      while (text[k] === " " || text[k] === "\n") k++;
      if (noteDigit.test(text[k] ?? "")) {
        while (noteDigit.test(text[k] ?? "")) k++;
        i = k;
      }
      // A source that spaces the reference ("Government [^1] instructed") has its one space before
      // the mark; the artifact may have it after the number instead.
      if (sentence[j - 2] === " " && sentence[j] !== " ") while (text[i] === " " || text[i] === "\n") i++;
      continue;
    }
    if (want === mark) {
      j++;
      if (have === " " || have === "\n") i++;
      else if (have === "-" && sentence[j] !== "-") i += text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (have === want || (have === "\n" && want === " ")) {
      i++;
      j++;
    } else if (have === "\n" || (have === " " && options.spacesMayBeMarks)) {
      i++;
    } else {
      return -1;
    }
  }
  return i;
}

/** Result of reading sentences in an artifact's text. */
export interface Reading {
  found: number;
  /** The first sentence not read after the one before it, if any. */
  missing?: string;
  /** Where in the folded text the last sentence read ends. */
  end: number;
}

/**
 * Reads each sentence of the source in the artifact's text, each after the one before it, as a reader
 * reads the page (see {@link foldArtifactText} and {@link foldSourceText}).
 */
export function readInOrder(
  artifactText: string,
  sentences: readonly string[],
  options: ReadingOptions = {},
): Reading & { text: string } {
  const text = foldArtifactText(artifactText);
  let end = 0;
  let found = 0;
  for (const sentence of sentences) {
    const folded = foldSourceText(sentence);
    const at = findFrom(text, end, folded, options);
    if (at < 0) return { found, missing: sentence, end, text };
    end = at;
    found++;
  }
  return { found, end, text };
}

/** The end of the first reading of `sentence` in `text` at or after `from`, or -1. */
function findFrom(text: string, from: number, sentence: string, options: ReadingOptions): number {
  // A sentence that starts with a note's number is looked for from its first word.
  if (sentence.startsWith(noteMark)) return findFrom(text, from, sentence.slice(noteMark.length), options);
  const first = sentence[0];
  if (first === undefined) return from;
  for (let at = text.indexOf(first, from); at >= 0; at = text.indexOf(first, at + 1)) {
    const end = readAt(text, at, sentence, options);
    if (end >= 0) return end;
  }
  return -1;
}
