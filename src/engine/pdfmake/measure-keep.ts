import { createRequire } from "node:module";
import { plainKey } from "../plain-key.ts";

// measure-cache.ts keeps a text node's measured words for the layout passes of one document. A
// watch rebuild makes a new document definition from a source that changed by a word, so every
// paragraph was measured again (the 27-page factbook: ~18 ms of CPU of its PDF). This keep carries
// the measured words of a text node from one document to the next by what decides them: the runs
// of its text, the style properties measuring reads on its stack, the document's named and default
// styles, and the parsed faces its words are set in. It is on only while a watch session holds it:
// a one-off build would key every paragraph for nothing.
//
// pdfmake lays a document out and draws it in one synchronous run, so the next document cannot
// start while the last one still needs its words: the kept words themselves are handed on, as
// measure-cache.ts hands them from pass to pass, with what belongs to one document put back: the
// font (the new document's pdfkit font for the same family and style, which must wrap the same
// parsed face, so the widths are the same) and every object a word took from a run of the text
// (the tagging's content slot, a tag), from the run in the same place of the new text.

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.pdfmakeMeasureKeep");

/** Every style property pdfmake's text breaking and measuring read through the style stack. */
const styleProperties = [
  "wordBreak",
  "noWrap",
  "leadingIndent",
  "font",
  "bold",
  "italics",
  "alignment",
  "fontSize",
  "fontFeatures",
  "characterSpacing",
  "color",
  "decoration",
  "decorationColor",
  "decorationStyle",
  "decorationThickness",
  "background",
  "link",
  "linkToPage",
  "linkToDestination",
  "opacity",
  "sup",
  "sub",
  "lineHeight",
  "preserveLeadingSpaces",
  "preserveTrailingSpaces",
] as const;

type Word = Record<string, unknown>;
interface ParsedFace {
  font?: unknown;
}
interface FontName {
  family: unknown;
  bold: unknown;
  italics: unknown;
}
interface PdfDocument {
  provideFont(family: unknown, bold: unknown, italics: unknown): ParsedFace;
}
export interface MeasuringDocument {
  pdfDocument: PdfDocument;
  [serial]?: number;
  styleStack: { styleOverrides: unknown[]; styleDictionary: unknown; defaultStyle: unknown };
  [documentKey]?: string | null;
  [stackKeys]?: WeakMap<object, string | null>;
}
export interface MeasuredText {
  inlines: Word[];
  minWidth: number;
  maxWidth: number;
}
interface Kept {
  /** The words as measured: handed to one document at a time, their text and width put back. */
  words: Word[];
  texts: unknown[];
  widths: unknown[];
  /** The document that last had the words: another node of it with the same text gets copies. */
  lastUse: number;
  /** Per word, its font's place in `fonts`. */
  fontOf: number[];
  fonts: Array<FontName & { face: unknown }>;
  /** Per word, the properties it took from a run of the text: [name, the run's place] pairs. */
  fromRuns: Array<Array<[string, number]> | undefined>;
  minWidth: number;
  maxWidth: number;
  size: number;
}

/** The family and style each pdfkit font was provided for, so a kept word's font can be provided again. */
const fontNames = new WeakMap<object, FontName>();
/** Measured texts by key, oldest first; bounded by their words. */
const kept = new Map<string, Kept>();
let keptWords = 0;
const wordLimit = 200_000;
/**
 * Documents after which words nobody used are let go: a watch rebuild makes one PDF, and up to a
 * few more when the fact sheet is laid out again (its tries).
 */
const staleAfter = 8;
const documentKey = Symbol("folio.measureKeepDocument");
const stackKeys = Symbol("folio.measureKeepStackEntries");
const serial = Symbol("folio.measureKeepSerial");
let documents = 0;
/** Entries the current document has: their words hold its fonts, slots and nodes until the next. */
let inUse: Kept[] = [];

/**
 * The document's number. A new one means the last document is laid out and drawn: the words it
 * had let go of its fonts and objects, so a kept word that is not used again (its paragraph was
 * edited) does not hold a whole old document in memory.
 */
function serialOf(measure: MeasuringDocument): number {
  let number = measure[serial];
  if (number !== undefined) return number;
  number = measure[serial] = ++documents;
  for (const entry of inUse)
    for (let i = 0; i < entry.words.length; i++) {
      const word = entry.words[i] as Word;
      word.font = undefined;
      for (const [property] of entry.fromRuns[i] ?? []) word[property] = undefined;
      if (word._pageNodeRef !== undefined) word._pageNodeRef = undefined;
    }
  inUse = [];
  // A paragraph's words not used by the last few documents were edited away (or belong to a
  // document no longer rendered): without this, every edit of a long session would leave some.
  if (number % staleAfter === 0)
    for (const [key, entry] of kept)
      if (entry.lastUse <= number - staleAfter) {
        kept.delete(key);
        keptWords -= entry.size;
      }
  return number;
}

/** Watch sessions that asked for the keep: on while there is one. */
let holders = 0;
let on = false;

/**
 * Keeps measured words across documents until the returned function is called (`folio watch`,
 * for its session); the keep is emptied when the last holder lets go.
 */
export function holdMeasures(): () => void {
  holders++;
  on = true;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders > 0) return;
    on = false;
    forgetMeasures();
  };
}

export function forgetMeasures(): void {
  kept.clear();
  inUse = [];
  keptWords = 0;
}

export const measuresKept = (): number => kept.size;

/** Kept words that still hold a font or an object of a document before the latest (for tests: none should). */
export function wordsHoldingAnOldDocument(): number {
  let holding = 0;
  for (const entry of kept.values()) {
    if (entry.lastUse === documents) continue;
    entry.words.forEach((word, i) => {
      if (word.font !== undefined || entry.fromRuns[i]?.some(([property]) => word[property] !== undefined))
        holding++;
    });
  }
  return holding;
}

/** Records the family and style of every font pdfmake provides (once per process). */
export function installMeasureKeep(): void {
  const PDFDocument = (require("pdfmake/js/PDFDocument.js") as { default: { prototype: PdfDocument } })
    .default;
  const proto = PDFDocument.prototype as PdfDocument & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const provideFont = proto.provideFont;
  proto.provideFont = function (family, bold, italics) {
    const font = provideFont.call(this, family, bold, italics);
    if (on && !fontNames.has(font)) fontNames.set(font, { family, bold, italics });
    return font;
  };
}

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null;

const takesTextElsewhere = (key: string) => key === "_textRef";
const engineProperty = (key: string) => key.charCodeAt(0) === 95; /* _ */

/**
 * `value` as plain data's JSON with pdfmake's and Folio's own properties (`_…`) left out; undefined
 * if not plain, or if a run takes its text from another node when it is broken (`_textRef`,
 * pdfmake's textReference), which the key cannot see.
 */
const runsKey = (value: unknown): string | undefined => plainKey(value, takesTextElsewhere, engineProperty);

/**
 * A style stack entry's part in the key: a style's name, or the style properties of a node, worked
 * out once per node and document (a node's style properties do not change while it is laid out).
 */
function entryKey(measure: MeasuringDocument, entry: unknown): string | undefined {
  if (typeof entry === "string") return JSON.stringify(entry);
  if (!isObject(entry)) return runsKey(entry);
  let entryKeys = measure[stackKeys];
  if (entryKeys === undefined) {
    entryKeys = new WeakMap();
    measure[stackKeys] = entryKeys;
  }
  let key = entryKeys.get(entry);
  if (key === undefined) {
    const picked: Record<string, unknown> = {};
    for (const name of styleProperties)
      if (name in entry) picked[name] = (entry as Record<string, unknown>)[name];
    key = runsKey(picked) ?? null;
    entryKeys.set(entry, key);
  }
  return key ?? undefined;
}

/** A number for each set of named and default styles met, so a key does not repeat their JSON. */
const stylesNumbers = new Map<string, string>();
let stylesMet = 0;

/** The document's named and default styles, once per document (null: not plain data, nothing kept). */
function keyOfDocument(measure: MeasuringDocument): string | null {
  let key = measure[documentKey];
  if (key === undefined) {
    const { styleDictionary, defaultStyle } = measure.styleStack;
    const styles = runsKey([styleDictionary, defaultStyle]);
    if (styles === undefined) key = null;
    else {
      key = stylesNumbers.get(styles);
      if (key === undefined) {
        // Numbers are never reused: a set met again after the map is emptied gets a new one.
        if (stylesNumbers.size >= 64) stylesNumbers.clear();
        key = String(++stylesMet);
        stylesNumbers.set(styles, key);
      }
    }
    measure[documentKey] = key;
  }
  return key;
}

/** What decides a text node's measured words, or undefined when something in it is not plain data. */
export function measureKey(measure: MeasuringDocument, node: { text?: unknown }): string | undefined {
  if (!on) return undefined;
  const document = keyOfDocument(measure);
  if (document === null) return undefined;
  const parts = [document];
  for (const entry of measure.styleStack.styleOverrides) {
    const key = entryKey(measure, entry);
    if (key === undefined) return undefined;
    parts.push(key);
  }
  const own = entryKey(measure, node);
  const text = runsKey(node.text);
  if (own === undefined || text === undefined) return undefined;
  parts.push(own, text);
  return parts.join("\u0001");
}

/** The runs of a text in the order pdfmake's flattenTextArray gives them. */
function runsOf(text: unknown, into: unknown[] = []): unknown[] {
  if (!Array.isArray(text)) {
    if (isObject(text) && Array.isArray((text as { text?: unknown }).text))
      runsOf((text as { text: unknown }).text, into);
    else into.push(text);
    return into;
  }
  for (const item of text) runsOf(item, into);
  return into;
}

/** The run, from `from` on, whose `name` is `value`: where the word took it from. */
function runWith(runs: unknown[], from: number, name: string, value: unknown): number {
  for (let i = from; i < runs.length; i++) {
    const run = runs[i];
    if (isObject(run) && (run as Record<string, unknown>)[name] === value) return i;
  }
  return -1;
}

/** Keeps a node's words as measured (before any layout pass cut or placed them). */
export function keepMeasure(
  measure: MeasuringDocument,
  key: string,
  node: { text?: unknown },
  measured: MeasuredText,
): void {
  const runs = runsOf(node.text);
  const fonts: Kept["fonts"] = [];
  const fontOf: number[] = [];
  const fromRuns: Kept["fromRuns"] = [];
  let run = 0;
  for (const word of measured.inlines) {
    const font = word.font as ParsedFace | undefined;
    const name = font && fontNames.get(font);
    if (!font || !name) return;
    let at = fonts.findIndex((known) => known.face === font.font);
    if (at < 0) at = fonts.push({ ...name, face: font.font }) - 1;
    fontOf.push(at);
    let taken: Array<[string, number]> | undefined;
    for (const property in word) {
      const value = word[property];
      if (property === "font" || !isObject(value)) continue;
      const from = runWith(runs, run, property, value);
      if (from < 0) {
        // An object the word did not take from its text (a style's font features): plain data is
        // the same in the next document; anything else belongs to this one.
        if (property.charCodeAt(0) === 95 || runsKey(value) === undefined) return;
        continue;
      }
      run = from;
      taken ??= [];
      taken.push([property, from]);
    }
    fromRuns.push(taken);
  }
  const words = measured.inlines.slice();
  const texts = words.map((word) => word.text);
  const widths = words.map((word) => word.width);
  const old = kept.get(key);
  if (old) {
    kept.delete(key);
    keptWords -= old.size;
  }
  const lastUse = serialOf(measure);
  const { minWidth, maxWidth } = measured;
  const entry: Kept = {
    words,
    texts,
    widths,
    lastUse,
    fontOf,
    fonts,
    fromRuns,
    minWidth,
    maxWidth,
    size: words.length,
  };
  kept.set(key, entry);
  inUse.push(entry);
  keptWords += words.length;
  for (const [oldest, { size }] of kept) {
    if (keptWords <= wordLimit) break;
    kept.delete(oldest);
    keptWords -= size;
  }
}

/**
 * The node's words as kept, made this document's: undefined if none are kept or a face differs.
 * The layout of one document is done before the next one starts (pdfmake lays out and draws in one
 * synchronous run), so the kept words themselves are handed on, as measure-cache.ts hands them from
 * pass to pass: what a pass cuts (text, width) is put back, and it sets their places again.
 */
export function keptMeasure(
  measure: MeasuringDocument,
  key: string,
  node: { text?: unknown },
): MeasuredText | undefined {
  const entry = kept.get(key);
  if (!entry) return undefined;
  const fonts: ParsedFace[] = [];
  for (const { family, bold, italics, face } of entry.fonts) {
    const font = measure.pdfDocument.provideFont(family, bold, italics);
    if (font.font !== face) return undefined;
    fonts.push(font);
  }
  const document = serialOf(measure);
  const copy = entry.lastUse === document;
  if (!copy) inUse.push(entry);
  entry.lastUse = document;
  const runs = entry.fromRuns.some((taken) => taken !== undefined) ? runsOf(node.text) : [];
  const inlines = new Array<Word>(entry.words.length);
  for (let i = 0; i < inlines.length; i++) {
    const word = copy ? { ...(entry.words[i] as Word) } : (entry.words[i] as Word);
    word.text = entry.texts[i];
    word.width = entry.widths[i];
    word.font = fonts[entry.fontOf[i] as number];
    for (const [property, from] of entry.fromRuns[i] ?? [])
      word[property] = (runs[from] as Record<string, unknown>)[property];
    inlines[i] = word;
  }
  return { inlines, minWidth: entry.minWidth, maxWidth: entry.maxWidth };
}
