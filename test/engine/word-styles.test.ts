// src/engine/pdfmake/word-styles.ts against pdfmake 0.3.11's own TextInlines (a pristine copy of
// its module, whose measure reads every style value of every word): the same texts, with inline
// styles, named styles, a style stack with defaults, sub- and superscripts, links and spaces, cut
// into words and measured by both. Every word must come out with the same properties, the same
// values and in the same order of keys (the shape every later reader of a word sees).
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { installWordStyles } from "../../src/engine/pdfmake/word-styles.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
type Inline = Record<string, unknown>;
type InlinesClass = new (
  doc: unknown,
) => { buildInlines(text: unknown, stack: unknown): { items: Inline[]; minWidth: number; maxWidth: number } };
type StackClass = (new (
  styles: Record<string, object>,
  defaults: object,
) => { push(style: unknown): void; pop(): void }) & { getStyleProperty(...args: unknown[]): unknown };

installWordStyles();
const FolioInlines = (require("pdfmake/js/TextInlines.js") as { default: InlinesClass }).default;
const PdfmakeInlines = pristineModule<{ default: InlinesClass }>("pdfmake/js/TextInlines.js").default;
const StyleContextStack = (require("pdfmake/js/StyleContextStack.js") as { default: StackClass }).default;

/** A stand-in document: one font object per family, weight and style, measuring by characters. */
function stubDocument() {
  const fonts = new Map<string, object>();
  return {
    provideFont(family: string, bold: boolean, italics: boolean) {
      const key = `${family}/${bold}/${italics}`;
      if (!fonts.has(key))
        fonts.set(key, {
          key,
          lineHeight: (size: number) => size * 1.25,
          widthOfString: (text: string, size: number, features: unknown) =>
            text.length * size * (bold ? 0.62 : 0.55) + (features ? 1 : 0),
        });
      return fonts.get(key);
    },
  };
}

const styles = {
  note: { fontSize: 8, color: "#555555", italics: true },
  strong: { bold: true },
  link: { color: "#0b5394", decoration: "underline" },
  tight: { lineHeight: 0.9, characterSpacing: 0.2 },
};

/** Texts as pdfmake receives them: strings, inlines with their own styles, named styles, arrays of both. */
const texts: unknown[] = [
  "Security in the region deteriorated in 2021 as attacks spread south.",
  ["Plain words, ", { text: "bold words here", bold: true }, " then plain again."],
  [
    { text: "A linked phrase of four words", link: "https://example.org", style: "link" },
    { text: " and a note ", style: ["note", "tight"] },
    { text: "2", sup: true },
    { text: "H", fontSize: 14 },
    { text: "2", sub: true },
    { text: "O, water." },
  ],
  [{ text: "   leading spaces kept ", preserveLeadingSpaces: true }, "   and not kept   "],
  [
    { text: "trailing kept   ", preserveTrailingSpaces: true, opacity: 0.5 },
    { text: "end", color: "red" },
  ],
  ["First line\nsecond line\n", { text: "third, no wrap here", noWrap: true }, ""],
  [
    { text: "Features", fontFeatures: ["smcp"] },
    { text: " and none", background: "yellow" },
  ],
  [
    { text: "Same style object, ", style: "strong" },
    { text: "another with it", style: "strong" },
    { text: " and one without." },
  ],
];

/** Every word's keys in order and its values (its font by name). */
function words(Inlines: InlinesClass, text: unknown, stackStyles: unknown[]) {
  const stack = new StyleContextStack(styles, { font: "Body", fontSize: 10, leadingIndent: 6 });
  for (const style of stackStyles) stack.push(style);
  const { items, minWidth, maxWidth } = new Inlines(stubDocument()).buildInlines(
    structuredClone(text),
    stack,
  );
  return {
    minWidth,
    maxWidth,
    items: items.map((item) =>
      Object.entries(item).map(([key, value]) => [
        key,
        key === "font" ? (value as { key: string }).key : value,
      ]),
    ),
  };
}

describe("word-styles: measure against pdfmake's TextInlines", () => {
  it.each(texts.flatMap((text, i) => [[i, text, []] as const, [i, text, ["note"]] as const]))(
    "measures text %i (stack %j) word for word as pdfmake does",
    (_, text, stackStyles) => {
      const ours = words(FolioInlines, text, [...stackStyles]);
      const theirs = words(PdfmakeInlines, text, [...stackStyles]);
      expect(theirs.items.length).toBeGreaterThan(2);
      expect(ours).toEqual(theirs);
    },
  );

  it("reads an inline's style values once, not once for each of its words", () => {
    const text = [
      Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "),
      { text: "two more", bold: true },
    ];
    const reads = (Inlines: InlinesClass) => {
      const spy = vi.spyOn(StyleContextStack, "getStyleProperty");
      try {
        words(Inlines, text, []);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const theirs = reads(PdfmakeInlines);
    const ours = reads(FolioInlines);
    expect(theirs).toBeGreaterThan(42 * 20);
    expect(ours * 5).toBeLessThan(theirs);
  });
});
