import { createRequire } from "node:module";
import { cutLongWord } from "./long-word-cut.ts";

// pdfmake (0.3.11) builds a paragraph's lines with `LayoutBuilder.buildNextLine`, which takes
// each word off the front of the paragraph's list (`_inlines.shift()`) and, for every word, copies
// the whole rest of the list (`_inlines.slice(1)`) to ask `Line.hasEnoughSpaceForInline` whether
// the word and the words glued to it fit. Both are linear in the paragraph, per word: a
// paragraph's layout was quadratic (100 KB: 1.4 s, 200 KB: 31 s), hence a 50,000-character block
// limit. This `buildNextLine` is pdfmake's, line for line, except that:
// - a long list is cut once into a short front (`_inlines`, which pdfmake's other code reads and
//   writes as before) and a stash behind it, refilled from the stash as the front empties, so a
//   shift moves a few hundred entries, not the paragraph;
// - the words passed as "next" are only those `hasEnoughSpaceForInline` reads: the glued run
//   after the word, up to and including the first word not glued to the next (it stops there);
// - a word wider than the line is cut by long-word-cut.ts when long (its shaping read once), else
//   by pdfmake's binary search over a bound found by doubling; the rest of a word several lines
//   wide is measured when it nears the end, not at every line.
// Same lines, same bytes (test/pdf-line-builder.test.ts).

interface Inline {
  text: string;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
  [key: string]: unknown;
}
interface Line {
  lastLineInParagraph?: boolean;
  hasEnoughSpaceForInline(inline: Inline, next: Inline[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: Inline): void;
}
interface TextNode {
  _inlines?: Inline[];
}
interface Builder {
  writer: { context(): { availableWidth: number } };
  buildNextLine(node: TextNode): Line | null;
}

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.linearLineBuilder");
/** Lists longer than this are cut into a front of `front` words and a stash. */
const cutFrom = 1024;
const front = 256;

/** What lies behind a long `_inlines` list: the rest of the paragraph, read from `at` on. */
const stashes = new WeakMap<Inline[], { rest: Inline[]; at: number }>();

function refill(inlines: Inline[]): void {
  let stash = stashes.get(inlines);
  if (!stash) {
    if (inlines.length <= cutFrom) return;
    stash = { rest: inlines.splice(front), at: 0 };
    stashes.set(inlines, stash);
  }
  while (inlines.length < front && stash.at < stash.rest.length)
    inlines.push(stash.rest[stash.at++] as Inline);
}

const remaining = (inlines: Inline[]) => {
  const stash = stashes.get(inlines);
  return inlines.length + (stash ? stash.rest.length - stash.at : 0);
};

/** The words after the first that `hasEnoughSpaceForInline` reads: the glued run, and the word ending it. */
function gluedAfterFirst(inlines: Inline[]): Inline[] {
  const next: Inline[] = [];
  if (!inlines[0]?.noNewLine) return next;
  const stash = stashes.get(inlines);
  const total = remaining(inlines);
  for (let i = 1; i < total; i++) {
    const word = (i < inlines.length ? inlines[i] : stash?.rest[stash.at + i - inlines.length]) as Inline;
    next.push(word);
    if (!word.noNewLine) break;
  }
  return next;
}

/** pdfmake's own `buildNextLine`, kept for the equivalence test. */
export let pdfmakeBuildNextLine: Builder["buildNextLine"] | undefined;

/** pdfmake's LayoutBuilder prototype (the test swaps the two line builders on it). */
export function layoutBuilderPrototype(): Builder {
  return (require("pdfmake/js/LayoutBuilder.js") as { default: { prototype: Builder } }).default.prototype;
}

/** Replaces pdfmake's `LayoutBuilder.prototype.buildNextLine` (once; see src/engine/install.ts). */
export function installLineBuilder(): void {
  const proto = layoutBuilderPrototype() as Builder & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  pdfmakeBuildNextLine = proto.buildNextLine;
  const LineClass = (require("pdfmake/js/Line.js") as { default: new (width: number) => Line }).default;
  const TextInlinesClass = (
    require("pdfmake/js/TextInlines.js") as {
      default: new (fonts: null) => { widthOfText(text: string, inline: Inline): number };
    }
  ).default;

  function cloneInline(inline: Inline): Inline {
    const copy = (inline.constructor as () => Inline)();
    for (const key in inline) copy[key] = inline[key];
    return copy;
  }
  /**
   * The longest prefix of `text` no wider than `maxWidth` (at least one character), as pdfmake's
   * binary search finds it, but over a bound found by doubling from 64 characters: pdfmake searched
   * the whole word, shaping (and caching, per document and per face) prefixes up to its full
   * length for every line it cut, so a long unbroken word was quadratic in time and memory.
   */
  function findMaxFitLength(text: string, maxWidth: number, measure: (part: string) => number): number {
    let bound = Math.min(64, text.length);
    while (bound < text.length && measure(text.substring(0, bound)) <= maxWidth)
      bound = Math.min(bound * 2, text.length);
    let low = 1;
    let high = bound;
    let bestFit = 1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      if (measure(text.substring(0, mid)) <= maxWidth) {
        bestFit = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return bestFit;
  }

  proto.buildNextLine = function (this: Builder, textNode: TextNode): Line | null {
    const inlines = textNode._inlines;
    if (inlines) refill(inlines);
    if (!inlines || inlines.length === 0) return null;
    const line = new LineClass(this.writer.context().availableWidth);
    const textInlines = new TextInlinesClass(null);
    let isForceContinue = false;
    while (
      inlines.length > 0 &&
      (line.hasEnoughSpaceForInline(inlines[0] as Inline, gluedAfterFirst(inlines)) || isForceContinue)
    ) {
      let isHardWrap = false;
      const inline = inlines.shift() as Inline;
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const available = line.getAvailableWidth();
        const measure = (txt: string) => textInlines.widthOfText(txt, inline);
        const cut = cutLongWord(inline, available, measure);
        const maxChars = cut?.length ?? findMaxFitLength(inline.text, available, measure);
        if (maxChars < inline.text.length) {
          const newInline = cloneInline(inline);
          newInline.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          // A long word's rest is measured only when it may fit a line: a rest several lines wide
          // is cut again at the next line, and measuring it each time was quadratic in the word.
          newInline.width =
            cut && cut.restWidth > 4 * available
              ? cut.restWidth
              : textInlines.widthOfText(newInline.text, newInline);
          inline.width = textInlines.widthOfText(inline.text, inline);
          cut?.remember(newInline);
          inlines.unshift(newInline);
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = Boolean(inline.noNewLine) && !isHardWrap;
      refill(inlines);
    }
    line.lastLineInParagraph = remaining(inlines) === 0;
    return line;
  };
}
