import { createRequire } from "node:module";

// pdfmake's TextInlines.measure reads twenty style properties for every word (font, size, colour,
// decoration, link, opacity, …), each through the style stack. The words TextBreaker.getBreaks
// cuts from one inline all carry copies of one style object (StyleContextStack.copyStyle(style,
// word)), and measure reads them on one stack, so every word after the first of an inline reads
// what the word before it read. Here getBreaks's words are recorded with the style object each was
// copied from (beside the array it returns, not on the words), and measure takes a word's style
// values from the word before it when both were copied from the same one (or both from a plain
// string, which has none); the widths, heights and cuts are worked out for every word as pdfmake
// does. The values, and the order in which they are set on the word, are pdfmake's.

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.pdfmakeWordStyles");
/** The source of every word cut from a string (no style of its own). */
const plainString = {};

type Item = Record<string, unknown> & { text: string };
interface Font {
  lineHeight(size: number): number;
  widthOfString(text: string, size: number, features: unknown): number;
}
interface StyleStackClass {
  getStyleProperty(item: object, stack: unknown, property: string, fallback: unknown): unknown;
  copyStyle(source?: object | null, destination?: object): object;
}
interface TextInlinesInstance {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): Font };
  widthOfText(text: string, inline: Item): number;
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** The words getBreaks last cut, by the array it returned: each word's style object, in order. */
const sourcesOf = new WeakMap<Item[], object[]>();

/**
 * pdfmake's TextInlines.measure, each word's style values taken from the word before it where both
 * were copied from one style object. The values are assigned by name in pdfmake's order, so every
 * word has the shape it has with pdfmake's own measure (a word of another shape slows every later
 * reader of its properties: the line builder, the drawing).
 */
function measure(this: TextInlinesInstance, array: Item[], stack: unknown, Styles: StyleStackClass): Item[] {
  const style = (item: Item, property: string, fallback: unknown) =>
    Styles.getStyleProperty(item, stack, property, fallback);
  if (array.length) {
    const leadingIndent = style(array[0] as Item, "leadingIndent", 0) as number;
    if (leadingIndent) {
      (array[0] as Item).leadingCut = -leadingIndent;
      (array[0] as Item).leadingIndent = leadingIndent;
    }
  }
  const sources = sourcesOf.get(array);
  let known: Item | undefined;
  // Per word, as pdfmake reads them: the line height and whether to keep leading and trailing spaces.
  let lineHeight = 1;
  let keepLeading = false;
  let keepTrailing = false;
  for (let i = 0; i < array.length; i++) {
    const item = array[i] as Item;
    if (known !== undefined && sources !== undefined && sources[i] === sources[i - 1]) {
      item.font = known.font;
      item.alignment = known.alignment;
      item.fontSize = known.fontSize;
      item.fontFeatures = known.fontFeatures;
      item.characterSpacing = known.characterSpacing;
      item.color = known.color;
      item.decoration = known.decoration;
      item.decorationColor = known.decorationColor;
      item.decorationStyle = known.decorationStyle;
      item.decorationThickness = known.decorationThickness;
      item.background = known.background;
      item.link = known.link;
      item.linkToPage = known.linkToPage;
      item.linkToDestination = known.linkToDestination;
      item.noWrap = known.noWrap;
      item.opacity = known.opacity;
      item.sup = known.sup;
      item.sub = known.sub;
    } else {
      const font = style(item, "font", "Roboto");
      const bold = style(item, "bold", false);
      const italics = style(item, "italics", false);
      item.font = this.pdfDocument.provideFont(font, bold, italics);
      item.alignment = style(item, "alignment", "left");
      item.fontSize = style(item, "fontSize", 12);
      item.fontFeatures = style(item, "fontFeatures", null);
      item.characterSpacing = style(item, "characterSpacing", 0);
      item.color = style(item, "color", "black");
      item.decoration = style(item, "decoration", null);
      item.decorationColor = style(item, "decorationColor", null);
      item.decorationStyle = style(item, "decorationStyle", null);
      item.decorationThickness = style(item, "decorationThickness", null);
      item.background = style(item, "background", null);
      item.link = style(item, "link", null);
      item.linkToPage = style(item, "linkToPage", null);
      item.linkToDestination = style(item, "linkToDestination", null);
      item.noWrap = style(item, "noWrap", null);
      item.opacity = style(item, "opacity", 1);
      item.sup = style(item, "sup", false);
      item.sub = style(item, "sub", false);
      // Font size reduction taken from https://en.wikipedia.org/wiki/Subscript_and_superscript#Desktop_publishing
      if (item.sup || item.sub) (item.fontSize as number) *= 0.58;
      lineHeight = style(item, "lineHeight", 1) as number;
      keepLeading = style(item, "preserveLeadingSpaces", false) as boolean;
      keepTrailing = style(item, "preserveTrailingSpaces", false) as boolean;
    }
    const font = item.font as Font;
    item.width = this.widthOfText(item.text, item);
    item.height = font.lineHeight(item.fontSize as number) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!keepLeading) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) (item.leadingCut as number) += this.widthOfText(leadingSpaces[0], item);
    }
    item.trailingCut = 0;
    if (!keepTrailing) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
    }
    known = item;
  }
  return array;
}

/** Has getBreaks record the style object each word was copied from, and measure reuse a word's style values. Idempotent. */
export function installWordStyles(): void {
  const Styles = (require("pdfmake/js/StyleContextStack.js") as { default: StyleStackClass }).default;
  const TextInlines = (
    require("pdfmake/js/TextInlines.js") as { default: { prototype: { measure: unknown } } }
  ).default;
  const marked = TextInlines.prototype as Record<symbol, unknown>;
  if (marked[installed]) return;
  marked[installed] = true;
  const TextBreaker = (
    require("pdfmake/js/TextBreaker.js") as {
      default: { prototype: { getBreaks(this: unknown, texts: unknown, stack: unknown): Item[] } };
    }
  ).default;
  // getBreaks copies its inline's style object into each word it cuts (copyStyle(style, word)),
  // one call per word in the order it returns them: those calls say which words share a style.
  let cutting: object[] | undefined;
  const copyStyle = Styles.copyStyle;
  Styles.copyStyle = function (this: unknown, source?: object | null, destination?: object) {
    if (cutting !== undefined && destination !== undefined) cutting.push(source ?? plainString);
    return copyStyle.call(this, source, destination);
  };
  const getBreaks = TextBreaker.prototype.getBreaks;
  TextBreaker.prototype.getBreaks = function (this: unknown, texts: unknown, stack: unknown) {
    const outer = cutting;
    const sources: object[] = [];
    cutting = sources;
    try {
      const words = getBreaks.call(this, texts, stack);
      if (sources.length === words.length) sourcesOf.set(words, sources);
      return words;
    } finally {
      cutting = outer;
    }
  };
  TextInlines.prototype.measure = function (this: TextInlinesInstance, array: Item[], stack: unknown) {
    return measure.call(this, array, stack, Styles);
  };
}
