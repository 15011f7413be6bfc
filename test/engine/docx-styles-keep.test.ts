// src/engine/docx/styles-keep.ts against docx 9.15.2's own styles: a document given the Styles kept
// for its options has the package docx makes of it with its own (styles.xml, the body with its
// contents, the contents' page numbers from the layout), the first time and from the keep; other
// options get other styles; styles that number paragraphs are left as docx built them.
import { Document, HeadingLevel, type IStylesOptions, Paragraph, TableOfContents, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { packageParts } from "../../src/engine/docx/compile.ts";
import { keepStyles } from "../../src/engine/docx/styles-keep.ts";
import { plainKey } from "../../src/engine/plain-key.ts";
import { wordFaces } from "../../src/render/docx/faces.ts";
import { recordingEstimator } from "../../src/render/docx/page-numbers.ts";
import { docxStyles } from "../../src/render/docx/styles.ts";
import { testAssets } from "../support/render.ts";

const assets = testAssets();
const faces = wordFaces(assets.theme, assets.fonts);
const stylesFor = (lang: string, topDepth = 1) => docxStyles(assets.theme, { lang, faces, topDepth });

/** A document with contents, headings over several pages and text, laid out for the contents' numbers. */
function document(styles: IStylesOptions) {
  const layout = recordingEstimator(faces);
  const sections = ["Security", "Counterterrorism", "Border", "Financing"].flatMap((title, i) => [
    new Paragraph({ heading: i % 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1, text: title }),
    ...Array.from(
      { length: 30 },
      (_, n) =>
        new Paragraph({
          children: [new TextRun(`${title}: paragraph ${n} of the report on Mali. `.repeat(4))],
        }),
    ),
  ]);
  const doc = new Document({
    styles,
    features: { updateFields: true },
    pageNumbers: layout.estimator,
    sections: [
      {
        children: [
          new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-3" }),
          ...sections,
        ],
      },
    ],
  });
  return { doc, layout };
}

/**
 * What a document compiles to: its parts, and the pages the layout found for the contents' entries.
 * docx names and numbers the contents' bookmarks by counts it keeps per process (`_Toc1`, `_Toc2`,
 * …; `w:id`): each document's are numbered again from 1, in the order they come.
 */
function compiled(built: ReturnType<typeof document>) {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  const renamed = (text: string) =>
    text
      .replace(/_Toc\d+/g, (name) => {
        if (!names.has(name)) names.set(name, `_Toc${names.size + 1}`);
        return names.get(name) as string;
      })
      .replace(/w:id="(\d+)"/g, (_, id: string) => {
        if (!ids.has(id)) ids.set(id, String(ids.size + 1));
        return `w:id="${ids.get(id)}"`;
      });
  const parts = [...packageParts(built.doc)].map(([path, data]): [string, string] => [
    path,
    typeof data === "string" ? renamed(data) : Buffer.from(data).toString("base64"),
  ]);
  // The estimate's maps (bookmarks' pages, their numbers, references) as lists, names renamed.
  const plain = (value: unknown): unknown =>
    value instanceof Map
      ? [...value].map(([key, item]) => [plain(key), plain(item)])
      : Array.isArray(value)
        ? value.map(plain)
        : typeof value === "string"
          ? renamed(value)
          : value !== null && typeof value === "object"
            ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]))
            : value;
  return { parts, pages: plain(built.layout.last()) as { pageCount?: number; bookmarks: unknown[] } };
}

const stylesOf = (doc: Document) => (doc as unknown as { styles: object }).styles;

describe("styles-keep: a document's Styles kept by its options", () => {
  // docx stamps the clock's time into docProps/core.xml: one time for every package.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2021-06-01T00:00:00Z"));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("compiles to docx's own package, the first time and from the keep", () => {
    const options = stylesFor("en");
    const theirs = compiled(document(options));
    expect(theirs.pages.pageCount).toBeGreaterThan(2);
    expect(theirs.pages.bookmarks).toHaveLength(4);

    const first = document(options);
    keepStyles(first.doc, options);
    const second = document(stylesFor("en"));
    keepStyles(second.doc, stylesFor("en"));
    // The second document has the first one's Styles, not the one docx built for it.
    expect(stylesOf(second.doc)).toBe(stylesOf(first.doc));
    for (const ours of [compiled(first), compiled(second)]) {
      expect(ours.pages).toEqual(theirs.pages);
      expect(ours.parts).toEqual(theirs.parts);
    }
  });

  it("gives other options other styles, each as docx makes them", () => {
    const english = document(stylesFor("en"));
    keepStyles(english.doc, stylesFor("en"));
    for (const [lang, depth] of [
      ["fr", 1],
      ["en", 2],
    ] as const) {
      const theirs = compiled(document(stylesFor(lang, depth)));
      const ours = document(stylesFor(lang, depth));
      keepStyles(ours.doc, stylesFor(lang, depth));
      expect(stylesOf(ours.doc)).not.toBe(stylesOf(english.doc));
      expect(compiled(ours).parts).toEqual(theirs.parts);
    }
    const french = new Map(compiled(document(stylesFor("fr"))).parts).get("word/styles.xml");
    expect(french).toContain('w:lang w:val="fr"');
  });

  it("leaves styles that number paragraphs as docx built them", () => {
    const options = stylesFor("en");
    const numbered: IStylesOptions = {
      ...options,
      paragraphStyles: [
        ...(options.paragraphStyles ?? []),
        { id: "Numbered", name: "Numbered", paragraph: { numbering: { reference: "steps", level: 0 } } },
      ],
    };
    const built = document(numbered);
    const own = stylesOf(built.doc);
    keepStyles(built.doc, numbered);
    expect(stylesOf(built.doc)).toBe(own);
  });

  it("keys only plain data", () => {
    expect(plainKey({ a: [1, "b", null, { c: true }] })).toBe('{"a":[1,"b",null,{"c":true}]}');
    for (const value of [{ when: new Date(0) }, { f: () => 1 }, { n: Number.NaN }, [Symbol("s")], new Map()])
      expect(plainKey(value)).toBeUndefined();
  });
});
