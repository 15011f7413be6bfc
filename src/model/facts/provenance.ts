import type { Nodes, Parent, Root } from "mdast";
import { dateFormat } from "../intl-formats.ts";
import { rawHtmlText } from "../plain-text.ts";
import { foldSpace } from "../sentences.ts";

/** A text block of the body (paragraph, heading, cell…) and where its text sits in the body's plain text. */
export interface TextSegment {
  start: number;
  end: number;
  /** The node a link to this text should point at: the enclosing list item, else the block itself. */
  anchor: Nodes;
}

/** The body's plain text, whitespace folded, with each block's place in it. */
export interface BodyText {
  text: string;
  segments: TextSegment[];
}

const blockTypes = new Set(["paragraph", "heading", "tableCell", "code", "html"]);

/** Collects the plain text of every block of the body, in reading order, for quote checks. */
export function bodyText(tree: Root): BodyText {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let offset = 0;
  const walk = (node: Nodes, listItem: Nodes | undefined): void => {
    if (node.type === "definition" || node.type === "yaml") return;
    if (blockTypes.has(node.type)) {
      const text = foldSpace(node.type === "html" ? rawHtmlText(node.value) : inlineText(node));
      if (!text) return;
      if (parts.length > 0) offset += 1;
      segments.push({ start: offset, end: offset + text.length, anchor: listItem ?? node });
      parts.push(text);
      offset += text.length;
      return;
    }
    const inner = node.type === "listItem" ? node : listItem;
    if ("children" in node) for (const child of (node as Parent).children) walk(child as Nodes, inner);
  };
  walk(tree, undefined);
  return { text: parts.join(" "), segments };
}

/** Text of inline content as a reader sees it: a hard break reads as a space, an image as its alt text. */
function inlineText(node: Nodes): string {
  if (node.type === "break") return " ";
  if (node.type === "image" || node.type === "imageReference") return node.alt ?? "";
  if (node.type === "footnoteReference") return "";
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node)
    return (node as Parent).children.map((child) => inlineText(child as Nodes)).join("");
  return "";
}

/**
 * Quotation marks and apostrophes of every style as straight ones, character for character (so
 * offsets in the folded text are offsets in the original).
 */
function straightenQuotes(text: string): string {
  return text.replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″]/g, '"');
}

/** The body's text with its quotes straightened, folded once per body. */
const straightBodies = new WeakMap<BodyText, string>();
function straightBody(body: BodyText): string {
  let text = straightBodies.get(body);
  if (text === undefined) {
    text = straightenQuotes(body.text);
    straightBodies.set(body, text);
  }
  return text;
}

/**
 * Where a quote stands, word for word, in the body; undefined when it does not. Quotation marks
 * match whatever their style (the body is made typographic, the editor types straight ones), and
 * `--`, `---` and `...` in the quote also match the dashes and ellipsis the body was given.
 */
export function findQuote(body: BodyText, quote: string): TextSegment | undefined {
  const text = straightBody(body);
  const typed = straightenQuotes(foldSpace(quote));
  const typographic = typed
    .replace(/---/g, "—")
    .replace(/--/g, "–")
    .replace(/\.\.\./g, "…");
  let at = text.indexOf(typed);
  if (at < 0 && typographic !== typed) at = text.indexOf(typographic);
  if (at < 0) return undefined;
  return segmentAt(body.segments, at);
}

/**
 * The segment holding the character at `at`, if any (none at the space between two): by bisection,
 * since segments are in reading order and do not overlap. A scan from the start cost a 1.6 MB
 * report's fact drafting 1.2 s (7,000 quotes checked against 28,000 segments).
 */
function segmentAt(segments: readonly TextSegment[], at: number): TextSegment | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle] as TextSegment;
    if (at < segment.start) high = middle - 1;
    else if (at >= segment.end) low = middle + 1;
    else return segment;
  }
  return undefined;
}

/** Explains a near miss (the quote agrees with the body only up to a word) so the author can fix it fast. */
export function nearMiss(body: BodyText, quote: string): string | undefined {
  const words = foldSpace(quote).split(" ");
  const text = straightBody(body);
  let best = 0;
  for (let n = words.length; n > 0 && best === 0; n--)
    if (text.includes(straightenQuotes(words.slice(0, n).join(" ")))) best = n;
  return best > 0 && best < words.length
    ? `the body agrees up to “${words.slice(0, best).join(" ")}” and then differs`
    : undefined;
}

/** Number words by their value (`smallNumbers[5]` is `five`): a quote may spell a count out. */
export const smallNumbers = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];
const numberWords = [
  ...smallNumbers.slice(1),
  "thirty",
  "forty",
  "fifty",
  "sixty",
  "seventy",
  "eighty",
  "ninety",
  "hundred",
  "thousand",
  "million",
  "billion",
];

/** Number words standing alone (`match` with a `g` pattern starts from 0 each call). */
const numberWordPattern = new RegExp(`(?<![\\p{L}])(?:${numberWords.join("|")})(?![\\p{L}])`, "giu");

/** A letter or a digit of any script (one pattern, compiled once). */
const wordCharacter = /[\p{L}\p{N}]/u;

/** The code point that ends just before `at` (a surrogate pair read as one), or "". */
function before(text: string, at: number): string {
  if (at <= 0) return "";
  const unit = text.charCodeAt(at - 1);
  return unit >= 0xdc00 && unit <= 0xdfff && at >= 2 ? text.slice(at - 2, at) : text.slice(at - 1, at);
}

/** The code point that starts at `at` (a surrogate pair read as one), or "". */
function after(text: string, at: number): string {
  const point = text.codePointAt(at);
  return point === undefined ? "" : String.fromCodePoint(point);
}

const isWord = (ch: string) => ch !== "" && wordCharacter.test(ch);

/**
 * Whether `form` stands in `text` as a whole word: no letter or digit right before or after it,
 * and no hyphen joining it to one (`ISIS` does not stand in `ISIS-GS`, nor `50` in `50-year`);
 * `.` or `,` before a digit or letter continues it (`1,826` is not `1`). One scan of the text with
 * indexOf and a look at the neighbours of each hit: linear in the text, no pattern compiled per
 * form (compiling a Unicode pattern per form was most of the provenance check's time).
 * `ignoreCase` compares lower case; quotation marks of any style are the same.
 */
export function standsAsWord(form: string, text: string, ignoreCase = false): boolean {
  if (form === "") return false;
  // Quotes of any style match (`N'Djamena` typed in front matter, `N’Djamena` in the body).
  const haystack = straightenQuotes(ignoreCase ? text.toLowerCase() : text);
  const needle = straightenQuotes(ignoreCase ? form.toLowerCase() : form);
  return wordAt(needle, haystack, 0) >= 0;
}

/**
 * Where `needle` first stands as a whole word in `haystack` from `from` on (both with quotes
 * straightened), or -1: {@link standsAsWord}'s scan.
 */
function wordAt(needle: string, haystack: string, from: number): number {
  for (let at = haystack.indexOf(needle, from); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const prev = before(haystack, at);
    if (isWord(prev)) continue;
    if (prev === "-" && isWord(before(haystack, at - 1))) continue;
    const end = at + needle.length;
    const next = after(haystack, end);
    if (isWord(next)) continue;
    if ((next === "." || next === "," || next === "-") && isWord(after(haystack, end + 1))) continue;
    return at;
  }
  return -1;
}

/** A value {@link standsIn} reads as a number (`1,826`, `5`, `0.5`). */
const numeric = /^\d[\d,]*(?:\.\d+)?$/;

/**
 * `standsIn(name, body.text)`, without folding and straightening the whole body again for each
 * name (a report's places are checked one by one): the body's text is folded already, and its
 * straightened copy is kept per body.
 */
export function standsInBody(name: string, body: BodyText): boolean {
  if (numeric.test(name)) return standsIn(name, body.text);
  return name !== "" && wordAt(straightenQuotes(name), straightBody(body), 0) >= 0;
}

/**
 * The first segment of the body in which `name` stands as a whole word, as
 * `body.segments.find((s) => standsIn(name, body.text.slice(s.start, s.end)))` finds it, in one
 * scan of the body instead of a fold per segment. A hit must lie inside one segment; at a
 * segment's edges the body has the space that joins two segments where the segment alone has
 * nothing, and neither is a letter, a digit or a hyphen, so a word stands in both or neither.
 */
export function segmentNaming(name: string, body: BodyText): TextSegment | undefined {
  if (numeric.test(name)) return body.segments.find((s) => standsIn(name, body.text.slice(s.start, s.end)));
  if (name === "") return undefined;
  const needle = straightenQuotes(name);
  const text = straightBody(body);
  for (let at = wordAt(needle, text, 0); at >= 0; at = wordAt(needle, text, at + 1)) {
    const segment = segmentAt(body.segments, at);
    if (segment && at + needle.length <= segment.end) return segment;
  }
  return undefined;
}

/**
 * Whether a value stands in a quote as a whole word: `1,826` also as `1826`, `5` also as `five`.
 * Names are matched exactly, so `ISIS` does not stand in `ISIS-GS`'s place by accident.
 */
export function standsIn(value: string, quote: string): boolean {
  const folded = foldSpace(quote);
  if (numeric.test(value)) {
    const n = Number(value.replace(/,/g, ""));
    const forms = new Set([value, String(n), n.toLocaleString("en-US")]);
    if ([...forms].some((form) => standsAsWord(form, folded))) return true;
    const word = smallNumbers[n];
    return word !== undefined && standsAsWord(word, folded, true);
  }
  return standsAsWord(value, folded);
}

/** Figures written in a label or summary (`2021`, `seven`): each must also stand in the quote. */
export function figuresIn(text: string): string[] {
  const digits = text.match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
  const words = text.match(numberWordPattern) ?? [];
  return [...digits.map((d) => d.replace(/[.,]$/, "")), ...words];
}

/** The figures of `text` that do not stand in `quote`. */
export function unsourcedFigures(text: string, quote: string): string[] {
  return figuresIn(text).filter((figure) =>
    /^\d/.test(figure) ? !standsIn(figure, quote) : !standsAsWord(figure, foldSpace(quote), true),
  );
}

/** The name of the month of an ISO date in a language (`2021-06-25` → `June`, `juin` for fr). */
export function monthName(isoDate: string, lang = "en"): string {
  const month = Number(isoDate.slice(5, 7));
  if (!(month >= 1 && month <= 12)) return "";
  return dateFormat(lang, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, month - 1, 1)));
}
