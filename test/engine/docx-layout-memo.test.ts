import { readFileSync } from "node:fs";
import {
  Bookmark,
  Document,
  type FileChild,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  PageNumber,
  type PageNumberEstimator,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
} from "docx";
import * as upstream from "docx/layout";
import { describe, expect, it } from "vitest";
import { packageParts } from "../../src/engine/docx/compile.ts";
import { measurableFace } from "../../src/engine/docx/layout-fonts.ts";
import {
  type DocxLayout,
  hoistRegularExpressions,
  innerReplacements,
  layoutMemos,
  memoisedDocxLayout,
  withFolioMemos,
  wrappedDeclarations,
} from "../../src/engine/docx/layout-memo.ts";
import { installedFolder } from "../../src/engine/versions.ts";
import { wordFaces } from "../../src/render/docx/faces.ts";
import { testAssets } from "../support/render.ts";

// src/engine/docx/layout-memo.ts against docx's own layout: the same pages, line by line, and the
// same page numbers and guesses, on a document that goes through every memoised look-up.

/** Nigeria's Factbook text as kerned paragraphs in the theme's faces, with bold, italic, mono and CJK runs, headings, tables. */
function document(
  pageNumbers?: PageNumberEstimator,
  edit: (text: string) => string = (text) => text,
): Document {
  const faces = wordFaces(testAssets().theme, testAssets().fonts);
  const body = faces.face("body", false, false).family;
  const heading = faces.face("heading", true, false).family;
  const mono = faces.face("mono", false, false).family;
  const blocks = readFileSync("test/fixtures/real/factbook-nigeria.md", "utf8").split(/\n\n+/).slice(0, 70);
  const children = blocks.flatMap((block, i): FileChild[] => {
    const text = edit(block.replace(/<[^>]+>|[*_#]/g, "").trim());
    if (block.startsWith("## "))
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          keepNext: true,
          children: [
            new Bookmark({ id: `h${i}`, children: [new TextRun({ text, font: heading, bold: true })] }),
          ],
        }),
      ];
    if (i % 23 === 0)
      return [
        new Table({
          rows: [0, 1].map(
            (row) =>
              new TableRow({
                children: [0, 1].map(
                  (cell) =>
                    new TableCell({
                      children: [
                        new Paragraph({
                          children: [new TextRun({ text: `${row}:${cell} ${text}`, font: body })],
                        }),
                      ],
                    }),
                ),
              }),
          ),
        }),
      ];
    const words = text.split(" ");
    const half = Math.ceil(words.length / 2);
    return [
      new Paragraph({
        children: [
          new TextRun({ text: `${words.slice(0, half).join(" ")} `, font: body, size: 20 }),
          new TextRun({
            text: words.slice(half).join(" "),
            font: body,
            size: 20,
            italics: i % 3 === 0,
            bold: i % 5 === 0,
          }),
          ...(i % 7 === 0 ? [new TextRun({ text: " x = 1\u00ad0\u0301", font: mono })] : []),
          ...(i % 11 === 0 ? [new TextRun({ text: " 尼日利亚", font: "MS Mincho" })] : []),
        ],
      }),
    ];
  });
  // Kerned at every size, as Folio's styles are: words are measured with their neighbours.
  return new Document({
    ...(pageNumbers ? { pageNumbers } : {}),
    styles: { default: { document: { run: { kern: 2 } } } },
    sections: [{ children }],
  });
}

/** The theme's faces as docx's layout is given them to measure with (page-numbers.ts). */
function themeFonts() {
  return wordFaces(testAssets().theme, testAssets().fonts)
    .all()
    .filter((face) => face.file.bytes && !face.refusal)
    .map((face) => ({ data: measurableFace(face.file.bytes as Uint8Array), name: face.family }));
}

/** Each document's estimate with one estimator of `layout`, in turn (as renders in one process). */
function estimatesOf(
  layout: Pick<typeof upstream, "estimatePageNumbersWith">,
  documents: Array<(estimator: PageNumberEstimator) => Document>,
): unknown[] {
  const estimate = layout.estimatePageNumbersWith({ fonts: themeFonts(), guess: true });
  const results: unknown[] = [];
  const recording: PageNumberEstimator = Object.assign(
    (...args: Parameters<PageNumberEstimator>) => {
      const result = estimate(...args);
      results.push(result);
      return result;
    },
    { listNumbers: estimate.listNumbers },
  );
  for (const made of documents) packageParts(made(recording));
  return results;
}

/** The numbered list and the three notes of different lengths the briefs below refer to, made anew for each document. */
function itemsAndNotes() {
  return {
    numbering: {
      config: [{ reference: "items", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1." }] }],
    },
    footnotes: Object.fromEntries(
      [1, 2, 3].map((n) => [
        n,
        { children: [new Paragraph(`Note ${n}, ${"said at length ".repeat(n * 9)}`)] },
      ]),
    ),
  };
}

describe("docx layout memos (src/engine/docx/layout-memo.ts)", () => {
  it("wraps functions docx's layout declares once each, and replaces text it has once each", () => {
    const source = readFileSync(`${installedFolder({ name: "docx", via: [] })}/dist/layout.cjs`, "utf8");
    for (const declaration of wrappedDeclarations)
      expect(source.split(declaration), declaration).toHaveLength(2);
    for (const [original] of innerReplacements) expect(source.split(original), original).toHaveLength(2);
  });

  it("spreads and combines formatting as docx's own helpers do: keys, values, order", () => {
    const source = readFileSync(`${installedFolder({ name: "docx", via: [] })}/dist/layout.cjs`, "utf8");
    type Helpers = {
      spread: (target: object, ...sources: unknown[]) => Record<string | symbol, unknown>;
      combine: (formats: object[]) => Record<string, unknown>;
    };
    const helpersOf = (appended: string): Helpers => {
      const exports: { helpers?: Helpers } = {};
      new Function(
        "exports",
        `${source}\n${appended}\nexports.helpers = { spread: _objectSpread2, combine };`,
      )(exports);
      return exports.helpers as Helpers;
    };
    const theirs = helpersOf("");
    const ours = helpersOf(layoutMemos);
    expect(ours.spread).not.toBe(theirs.spread);
    const symbol = Symbol("mark");
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "size": 9}');
    const spreads: unknown[][] = [
      [{}, { size: 10, bold: true }],
      [{ size: 10, bold: true }, {}, { bold: false, italics: undefined }],
      [{ a: 1 }, null, undefined, { b: 2, a: 3 }],
      [{}, { [symbol]: "s", z: 1, y: [1, 2] }],
      [{}, { size: 12 }, proto],
    ];
    for (const [target, ...rest] of spreads) {
      const a = theirs.spread({ ...(target as object) }, ...rest);
      const b = ours.spread({ ...(target as object) }, ...rest);
      expect(Reflect.ownKeys(b)).toEqual(Reflect.ownKeys(a));
      for (const key of Reflect.ownKeys(a)) expect(b[key]).toEqual(a[key]);
      expect(Object.getPrototypeOf(b)).toBe(Object.getPrototypeOf(a));
    }
    const combines: object[][] = [
      [],
      [{ size: 10, font: "A" }, { font: undefined, bold: true }, { size: 12 }],
      [{ b: 1 }, { a: 2, b: undefined }, { c: 3, a: 4 }],
      [{ size: 10 }, proto],
      // An inherited enumerable key (left out), integer-like keys (first, ascending).
      [Object.assign(Object.create({ inherited: 1 }), { own: 2 }), { b: 1, 2: "two", 1: "one" }],
    ];
    for (const formats of combines) {
      const a = theirs.combine(formats);
      const b = ours.combine(formats);
      expect(Reflect.ownKeys(b)).toEqual(Reflect.ownKeys(a));
      for (const key of Reflect.ownKeys(a)) expect(b[key as string]).toEqual(a[key as string]);
      expect(Object.getPrototypeOf(b)).toBe(Object.getPrototypeOf(a));
    }
  });

  it("lays every page out line by line as docx's own layout does", () => {
    const memoised = memoisedDocxLayout() as unknown as typeof upstream;
    for (const guess of [false, true]) {
      const ours = memoised.layoutDocument(document(), { guess });
      const theirs = upstream.layoutDocument(document(), { guess });
      expect(ours.pages.length, `guess: ${guess}`).toBeGreaterThan(guess ? 2 : 0);
      expect(JSON.parse(JSON.stringify(ours)), `guess: ${guess}`).toEqual(JSON.parse(JSON.stringify(theirs)));
    }
  });

  it("works out the same page numbers and guesses with the theme's faces", () => {
    const [ours] = estimatesOf(memoisedDocxLayout(), [document]) as Array<{
      bookmarks: Map<string, number>;
      pageCount?: number;
    }>;
    const [theirs] = estimatesOf(upstream, [document]);
    expect(ours?.bookmarks.size).toBeGreaterThan(3);
    expect(ours?.pageCount).toBeGreaterThan(2);
    expect(ours).toEqual(theirs);
  });

  it("measures text in the theme's faces as docx's own measurer does: each name, weight and style", () => {
    const source = readFileSync(`${installedFolder({ name: "docx", via: [] })}/dist/layout.cjs`, "utf8");
    type Measurer = Record<string, (...args: unknown[]) => unknown>;
    type Internals = {
      measurer: (faces: unknown[]) => Measurer;
      readFontFile: (data: Uint8Array) => unknown[];
    };
    const internalsOf = (text: string): Internals => {
      const exports: { internals?: Internals } = {};
      new Function(
        "exports",
        `${text}\nexports.internals = { measurer: createFontFileMeasurer, readFontFile };`,
      )(exports);
      return exports.internals as Internals;
    };
    const theirs = internalsOf(source);
    const ours = internalsOf(withFolioMemos(source));
    const faces = wordFaces(testAssets().theme, testAssets().fonts);
    const files = faces
      .all()
      .filter((face) => face.file.bytes && !face.refusal)
      .map((face) => measurableFace(face.file.bytes as Uint8Array));
    const families = [...new Set(faces.all().map((face) => face.family))];
    const measurers = [theirs, ours].map((side) =>
      side.measurer(files.flatMap((data) => side.readFontFile(data))),
    );
    const [a, b] = measurers as [Measurer, Measurer];
    const texts = ["Nigeria", "office wAVe fi ffl", "x = 1\u00ad0\u0301", "尼日利亚", "", "tab\tstop"];
    // Each family in every weight and style, its name in another case, a font no face has, none
    // at all (the default), and flags of other types, in an order that asks for one name twice.
    const fonts: Array<Record<string, unknown>> = [];
    for (const font of [...families, ...families.map((f) => f.toUpperCase()), "Pacifico", undefined])
      for (const bold of [false, true, undefined, "true"])
        for (const italic of [false, true, undefined, 1])
          fonts.push({ ...(font === undefined ? {} : { font }), bold, italic, size: 11, kern: 2 });
    expect(families.length).toBeGreaterThan(1);
    for (const font of [...fonts, ...fonts.reverse()])
      for (const text of texts)
        for (const method of ["measureWidth", "unknownCharacter", "unknownFont", "measureLineHeight"]) {
          const args =
            method === "unknownFont" || method === "measureLineHeight" ? [font, text] : [text, font];
          expect(b[method]?.(...args), `${method} ${JSON.stringify(font)} ${text}`).toEqual(
            a[method]?.(...args),
          );
        }
  });

  it("lays a paragraph out again when its content changes, and keeps it when only its object does", () => {
    // Folio's estimator is made once per set of faces and laid out again on every render (a watch
    // rebuild); lines are kept by content across renders. One estimator each, three documents in
    // turn: the text, every paragraph edited (a word changed, its text said twice), the text again.
    const edits: Array<(text: string) => string> = [
      (text) => text,
      (text) => `${text.replace(/ the /, " a ")} and again: ${text}`,
      (text) => text,
    ];
    const documents = edits.map((edit) => (estimator: PageNumberEstimator) => document(estimator, edit));
    const ours = estimatesOf(memoisedDocxLayout(), documents) as Array<{ pageCount?: number }>;
    expect(ours).toHaveLength(3);
    expect(ours[1]?.pageCount).not.toEqual(ours[0]?.pageCount);
    expect(ours).toEqual(estimatesOf(upstream, documents));
  });

  it("reads a paragraph back again when it, its reader's state or the styles change", () => {
    // Top-level paragraphs are kept as read back by content (layoutMemos' readParagraph): three
    // renders of a brief with what a keep must not replay (footnote references, numbered items, a
    // page field) between plain paragraphs, edited in the second, and the same text in a document
    // whose default size differs, each as docx's own layout reads and lays it out.
    const brief = (edit: (text: string) => string, size: number) => (pageNumbers?: PageNumberEstimator) => {
      const blocks = readFileSync("source/mali-2021.md", "utf8")
        .split(/\n\n+/)
        .filter((block) => /^[A-Z]/.test(block));
      const sentences = [...blocks, ...blocks, ...blocks, ...blocks].slice(0, 48);
      const children = sentences.flatMap((text, i): FileChild[] => [
        // An edit that empties a paragraph drops it: the numbered items after it are numbered anew.
        ...(edit(text) === ""
          ? []
          : [
              new Paragraph({
                ...(i % 4 === 1 ? { numbering: { reference: "items", level: 0 } } : {}),
                children: [
                  // docx numbers each bookmark it makes (w:id) afresh: a paragraph with one is never the same twice.
                  i % 6 === 0
                    ? new Bookmark({ id: `b${i}`, children: [new TextRun(edit(text))] })
                    : new TextRun(edit(text)),
                  ...(i % 5 === 2 ? [new FootnoteReferenceRun((i % 3) + 1)] : []),
                  ...(i % 9 === 3 ? [new TextRun({ children: [" page ", PageNumber.CURRENT] })] : []),
                ],
              }),
            ]),
      ]);
      return new Document({
        ...(pageNumbers ? { pageNumbers } : {}),
        styles: { default: { document: { run: { kern: 2, size } } } },
        ...itemsAndNotes(),
        sections: [{ children }],
      });
    };
    const same = (text: string) => text;
    const documents: Array<(pageNumbers?: PageNumberEstimator) => Document> = [
      brief(same, 20),
      brief((text) => (text.startsWith("Mali’s") ? `${text} ${text}` : text.replace(/ the /, " a ")), 20),
      brief((text) => (text.startsWith("Terrorist") ? "" : text), 20),
      brief(same, 20),
      brief(same, 36),
    ];
    const layout = memoisedDocxLayout() as DocxLayout & typeof upstream & { readsKept(): number };
    const kept = layout.readsKept();
    const ours = estimatesOf(layout, documents) as Array<{
      pageCount?: number;
      bookmarks: Map<string, number>;
    }>;
    expect(layout.readsKept()).toBeGreaterThan(kept);
    expect(ours[4]?.pageCount).toBeGreaterThan(ours[0]?.pageCount ?? 0);
    expect(ours[1]?.bookmarks).not.toEqual(ours[0]?.bookmarks);
    expect(ours).toEqual(estimatesOf(upstream, documents));
    // Line by line, list numbers and all, each document laid out in turn.
    for (const made of documents)
      expect(JSON.parse(JSON.stringify(layout.layoutDocument(made(), { guess: true })))).toEqual(
        JSON.parse(JSON.stringify(upstream.layoutDocument(made(), { guess: true }))),
      );
  });

  it("reads a table back again when it, a numbered item or a note in it, or the styles change", () => {
    // Top-level tables are kept as read back by content (layoutMemos' readTable), as paragraphs
    // are: tables of Mali's sentences, one with a numbered item in a cell (its number is the
    // running count of the list the body's items share) and one with a footnote reference in a
    // cell, which a keep must not replay; a cell edited in the second render, a table left out in
    // the third (the list's numbers after it change), and the text at another size in the last.
    const sentences = readFileSync("source/mali-2021.md", "utf8")
      .split(/\n\n+/)
      .filter((block) => /^[A-Z]/.test(block))
      .slice(0, 24);
    const brief =
      (edit: (text: string, at: number) => string | undefined, size: number) =>
      (pageNumbers?: PageNumberEstimator) => {
        const cell = (children: Paragraph[]) => new TableCell({ children });
        const children = sentences.flatMap((text, i): FileChild[] => {
          const edited = edit(text, i);
          if (edited === undefined) return [];
          const item = new Paragraph({ numbering: { reference: "items", level: 0 }, text: `Item ${i}` });
          // Numbered by its style, so nothing in the cell's own XML says it is numbered.
          const styledItem = new Paragraph({ style: "Item", text: `Item ${i} in a cell` });
          const rows = [0, 1, 2].map(
            (row) =>
              new TableRow({
                children: [
                  cell([new Paragraph(`${row}. ${edited.slice(0, 40 + row * 30)}`)]),
                  cell([
                    i % 4 === 1 && row === 1
                      ? styledItem
                      : new Paragraph({
                          children: [
                            new TextRun(edited),
                            ...(i % 4 === 2 && row === 2 ? [new FootnoteReferenceRun((i % 3) + 1)] : []),
                          ],
                        }),
                  ]),
                ],
              }),
          );
          return [item, new Table({ rows })];
        });
        return new Document({
          ...(pageNumbers ? { pageNumbers } : {}),
          styles: {
            default: { document: { run: { kern: 2, size } } },
            paragraphStyles: [
              { id: "Item", name: "Item", paragraph: { numbering: { reference: "items", level: 0 } } },
            ],
          },
          ...itemsAndNotes(),
          sections: [{ children }],
        });
      };
    const same = (text: string) => text;
    const documents: Array<(pageNumbers?: PageNumberEstimator) => Document> = [
      brief(same, 20),
      brief((text, i) => (i === 3 ? `${text} ${text} ${text}` : text), 20),
      brief((text, i) => (i === 5 ? undefined : text), 20),
      brief(same, 20),
      brief(same, 36),
    ];
    const layout = memoisedDocxLayout() as DocxLayout & typeof upstream & { readsKept(): number };
    const kept = layout.readsKept();
    const ours = estimatesOf(layout, documents) as Array<{ pageCount?: number }>;
    expect(layout.readsKept()).toBeGreaterThan(kept);
    expect(ours[4]?.pageCount).toBeGreaterThan(ours[0]?.pageCount ?? 0);
    expect(ours[1]?.pageCount).toBeGreaterThan(ours[0]?.pageCount ?? 0);
    expect(ours).toEqual(estimatesOf(upstream, documents));
    for (const made of documents)
      expect(JSON.parse(JSON.stringify(layout.layoutDocument(made(), { guess: true })))).toEqual(
        JSON.parse(JSON.stringify(upstream.layoutDocument(made(), { guess: true }))),
      );
  });

  it("stops where a table cell kept with its height stopped when it was measured", () => {
    // A cell set in a face no width table has makes docx's layout stop at a guess as it measures
    // the row: on the page before, when the row then goes overleaf (50 lines above it), or on its
    // own page (58). The second document of each pair reads the same cells back from the keep,
    // and its rows' heights are kept too: their guesses must be made again as measuring made them.
    const brief = (lines: number) => (pageNumbers?: PageNumberEstimator) =>
      new Document({
        ...(pageNumbers ? { pageNumbers } : {}),
        features: { updateFields: true },
        sections: [
          {
            children: [
              new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-3" }),
              new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Before" }),
              ...Array.from(
                { length: lines },
                (_, i) => new Paragraph(`Line ${i} of the page before the table.`),
              ),
              new Table({
                columnWidths: [4000],
                rows: [
                  new TableRow({
                    cantSplit: true,
                    children: [
                      new TableCell({
                        children: Array.from(
                          { length: 8 },
                          (_, i) =>
                            new Paragraph({
                              children: [new TextRun({ text: `Row text ${i}`, font: "Folio Unknown Face" })],
                            }),
                        ),
                      }),
                    ],
                  }),
                ],
              }),
              new Paragraph({ heading: HeadingLevel.HEADING_1, text: "After" }),
            ],
          },
        ],
      });
    // docx names the contents' bookmarks by a count it keeps per process: each run's from _Toc1.
    const renamed = (estimates: unknown[]) => {
      const names = new Map<string, string>();
      const text = JSON.stringify(estimates, (_key, value) => (value instanceof Map ? [...value] : value));
      return JSON.parse(
        text.replace(/_Toc\d+/g, (name) => {
          if (!names.has(name)) names.set(name, `_Toc${names.size + 1}`);
          return names.get(name) as string;
        }),
      );
    };
    for (const lines of [50, 58]) {
      const documents = [brief(lines), brief(lines)];
      const ours = estimatesOf(memoisedDocxLayout(), documents) as Array<{ guesses?: unknown[] }>;
      expect(ours[1]?.guesses, `${lines} lines`).toHaveLength(1);
      expect(renamed(ours), `${lines} lines`).toEqual(renamed(estimatesOf(upstream, documents)));
    }
  });

  it("drops undefined values and cuts text by font slot as docx's own functions do", () => {
    const source = readFileSync(`${installedFolder({ name: "docx", via: [] })}/dist/layout.cjs`, "utf8");
    type Internals = {
      withoutUndefined: (object: object) => Record<string, unknown>;
      spansOf: (text: string, format: object) => Array<Record<string, unknown>>;
    };
    const internalsOf = (text: string): Internals => {
      const exports: { internals?: Internals } = {};
      new Function("exports", "folioPlainKey", `${text}\nexports.internals = { withoutUndefined, spansOf };`)(
        exports,
        () => undefined,
      );
      return exports.internals as Internals;
    };
    const theirs = internalsOf(source);
    const ours = internalsOf(withFolioMemos(source));
    expect(ours.withoutUndefined).not.toBe(theirs.withoutUndefined);
    const objects = [
      {},
      { size: 10, font: undefined, bold: false, italic: null },
      JSON.parse('{"__proto__": {"polluted": true}, "size": 9, "gone": null}'),
      Object.assign(Object.create({ inherited: 1 }), { own: 2, none: undefined }),
      { b: 1, 2: "two", 1: undefined, 0: "zero" },
    ];
    for (const object of objects) {
      const a = theirs.withoutUndefined(object);
      const b = ours.withoutUndefined(object);
      expect(Reflect.ownKeys(b)).toEqual(Reflect.ownKeys(a));
      expect(b).toEqual(a);
      expect(Object.getPrototypeOf(b)).toBe(Object.getPrototypeOf(a));
    }
    // Latin, East Asian beside Latin, combining marks (after each kind), right to left, a run
    // hinted East Asian with curly quotes, a high ANSI font of its own, small capitals.
    const texts = ["Nigeria", "Abuja 阿布贾 city", "e\u0301 阿\u0301 x", "", "“quoted” ‘text’", "Šibenik Ǆ"];
    const formats = [
      { font: "Merriweather", size: 20 },
      { font: "Arial", eastAsiaFont: "SimSun", fontHint: "eastAsia", language: "zh-CN", size: 22 },
      { font: "Arial", complexScript: true, rightToLeft: true, complexScriptFont: "Arial" },
      { font: "Calibri", highAnsiFont: "Cambria", size: 24 },
      { font: "Roboto", smallCaps: true, size: 20 },
      { font: "Roboto", allCaps: true },
      { font: "Roboto", hidden: true },
    ];
    for (const format of formats)
      for (const text of texts)
        expect(ours.spansOf(text, format), `${JSON.stringify(format)} ${text}`).toEqual(
          theirs.spansOf(text, format),
        );
  });

  it("makes each pattern docx builds inside a function once, except those with state", () => {
    const source = [
      'var a = (c) => new RegExp("\\\\p{M}", "u").test(c);',
      'var b = (t) => t.split(new RegExp("(\\\\p{Ll}+)", "u"));',
      'var c = (t) => t.replace(new RegExp("x", "g"), "y");',
      'var d = (t) => new RegExp("^\\\\s*(PAGEREF)\\\\b(.*)$", "is").exec(t);',
    ].join("\n");
    const hoisted = hoistRegularExpressions(source);
    expect(hoisted).toContain("var a = (c) => folioPatterns[0].test(c);");
    expect(hoisted).toContain('new RegExp("x", "g")');
    const run = new Function(`${hoisted}\nreturn { a, b, c, d };`)() as Record<
      string,
      (t: string) => unknown
    >;
    expect(run.a?.("\u0301")).toBe(true);
    expect(run.a?.("e")).toBe(false);
    expect(run.b?.("ABcdEF")).toEqual(["AB", "cd", "EF"]);
    expect(run.c?.("xax")).toBe("yay");
    expect((run.d?.(" PAGEREF _Toc1 \\h") as string[] | null)?.[1]).toBe("PAGEREF");
    // docx's layout: every pattern is made in the one array before the module, but those with state.
    const layout = readFileSync(`${installedFolder({ name: "docx", via: [] })}/dist/layout.cjs`, "utf8");
    const [first, ...rest] = hoistRegularExpressions(layout).split("\n");
    const withState = layout.match(/new RegExp\("(?:[^"\\]|\\.)*", "[a-z]*[gy][a-z]*"\)/g) ?? [];
    expect(first?.match(/new RegExp\(/g)?.length).toBeGreaterThan(20);
    expect(rest.join("\n").match(/new RegExp\(/g) ?? []).toHaveLength(withState.length);
  });
});
