import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startupSnapshot } from "node:v8";
import { checkDocxEngine } from "../install-docx.ts";
import { plainKey } from "../plain-key.ts";
import { installedFolder } from "../versions.ts";
import { isKeptTableXml } from "./table-keep.ts";

/** The part of `docx/layout` Folio uses. */
export interface DocxLayout {
  estimatePageNumbersWith: typeof import("docx/layout").estimatePageNumbersWith;
}

/**
 * Memo wrappers appended to docx's layout (`dist/layout.cjs` of docx 9.15.2). Each reassigns one of
 * the module's own `var` functions, which its other functions look up when they call it, so every
 * call inside the layout goes through the memo. Each wrapped function is pure: a font name's East
 * Asian font and width table (a scan of some 40 fonts and their aliases, lower-cased at every
 * call, for every word and space measured), and whether two formatting objects are the same font
 * (two objects spread with Word's defaults per comparison, several per word: the layout never
 * changes a formatting object once made, so the answer for a pair of them is kept, by identity),
 * and whether a character takes no room (a regular expression compiled per character). Together
 * they were some 45% of the CPU time of laying a 306 KB report out (8.4 s of DOCX render, 5.1 s
 * with them; src/engine/README.md).
 *
 * Two more replace, rather than memoise: docx ships its layout transpiled for old engines, so every
 * object spread (`{ ...line, unknown: true }`, a few per word placed) goes through Babel's
 * `_objectSpread2`, which defines each key with `Object.defineProperty` in a `forEach`; and
 * `combine` (formatting merged down a style chain) spreads the whole accumulated object once per
 * format. The replacements copy with `Object.assign` and one plain loop: the same keys, values and
 * key order for the plain data objects the layout spreads (an own `__proto__` key, the one place
 * assignment and definition differ, goes to the original). A warm DOCX render of the 306 KB
 * report: 2.1-2.4 s of CPU with Babel's helper, 1.5-1.8 s with these (docs/performance.md).
 */
export const layoutMemos = `
;{
  const byName = (fn) => {
    const memo = new Map();
    return (name) => {
      if (memo.has(name)) return memo.get(name);
      const value = fn(name);
      memo.set(name, value);
      return value;
    };
  };
  knownEastAsianFontOf = byName(knownEastAsianFontOf);
  exactWidthsOf = byName(exactWidthsOf);
  widthsOf = byName(widthsOf);
  takesNoRoom = byName(takesNoRoom);
  const spreadOf = _objectSpread2;
  _objectSpread2 = function (target) {
    for (let i = 1; i < arguments.length; i++) {
      const source = arguments[i];
      if (source == null) continue;
      if (Object.hasOwn(source, "__proto__")) return spreadOf.apply(this, arguments);
      Object.assign(target, source);
    }
    return target;
  };
  const combineOf = combine;
  combine = (formats) => {
    const all = {};
    for (const format of formats) {
      if (Object.hasOwn(format, "__proto__")) return combineOf(formats);
      for (const key of Object.keys(format)) if (format[key] !== undefined) all[key] = format[key];
    }
    return all;
  };
  // Whether Office offers a font as a cloud font, by its name as given: the name lower-cased once,
  // not for every word measured.
  const offeredOf = offeredByOffice;
  const cloudByName = new Map();
  offeredByOffice = (font, text) => {
    if (typeof font !== "string") return offeredOf(font, text);
    let cloud = cloudByName.get(font);
    if (cloud === undefined) {
      if (cloudFonts.size === 0) OFFICE_CLOUD_FONTS.forEach((name) => cloudFonts.add(name.toLowerCase()));
      cloudByName.set(font, (cloud = cloudFonts.has(font.toLowerCase())));
    }
    return cloud && unknownFont({ font }, text);
  };
  // A paragraph's lines by its content, the widths it is broken at and the document's settings,
  // for each measurer: across renders (a watch rebuild, a book's chapters, the passes of a
  // render that lays the brief out again), not only for the same paragraph object as docx keeps
  // them. A paragraph whose content holds anything but plain data (a Map, a function) is laid out
  // as before.
  let linesByContent = new WeakMap();
  exports.forgetLines = () => {
    linesByContent = new WeakMap();
  };
  // How tall a table cell's text makes its row, kept with the cell as read: a table's rows were
  // measured twice a pass (with and without merged cells) and again on every render, though a
  // table read back from the read keep below is the same cells. The height is a function of the
  // cell and the document's settings alone; what the measuring stops at (a guess for the page it
  // is on, such as Office's copy of a face on every line) is recorded and stopped at again where
  // a kept height is used, as measuring would have. A measure that stops at an explicit page, or
  // throws, is not kept.
  let cellHeights = new WeakMap();
  exports.forgetCellHeights = () => {
    cellHeights = new WeakMap();
  };
  folioCellHeight = (measuring, settings, cell, measure, stopAt) => {
    if (settings === undefined || cell === null || typeof cell !== "object") return measure(cell);
    let bySettings = cellHeights.get(measuring);
    if (bySettings === undefined) cellHeights.set(measuring, (bySettings = new Map()));
    let byCell = bySettings.get(settings);
    if (byCell === undefined) {
      if (bySettings.size >= 16) bySettings.clear();
      bySettings.set(settings, (byCell = new WeakMap()));
    }
    const known = byCell.get(cell);
    if (known !== undefined) {
      for (const reason of known.stops) stopAt(reason);
      return known.height;
    }
    const outer = folioStopsSeen;
    const seen = [];
    folioStopsSeen = seen;
    let height;
    try {
      height = measure(cell);
    } finally {
      folioStopsSeen = outer;
      if (outer !== undefined) outer.push(...seen);
    }
    if (seen.every(([, page]) => page === undefined)) byCell.set(cell, { height, stops: [...new Set(seen.map(([reason]) => reason))] });
    return height;
  };
  folioLinesByContent = (measurer, settings, paragraph, widths, layOut) => {
    const key = folioPlainKey([settings, widths, paragraph]);
    if (key === undefined) return layOut();
    let kept = linesByContent.get(measurer);
    if (kept === undefined) linesByContent.set(measurer, (kept = { lines: new Map(), characters: 0 }));
    const known = kept.lines.get(key);
    if (known !== undefined) return known;
    const lines = layOut();
    // Bounded (a long watch session keeps editing; a batch of reports shares few paragraphs): past
    // 4,000 paragraphs or 16 million characters of keys it starts afresh.
    if (kept.lines.size >= 4000 || kept.characters >= 16e6)
      linesByContent.set(measurer, (kept = { lines: new Map(), characters: 0 }));
    kept.lines.set(key, lines);
    kept.characters += key.length;
    return lines;
  };
  // Formatting without its undefined values, for every run and font read: one loop, not an array
  // of entries filtered and made an object again (an own __proto__ key goes to the original).
  const withoutUndefinedOf = withoutUndefined;
  withoutUndefined = (object) => {
    const kept = {};
    for (const key of Object.keys(object)) {
      if (key === "__proto__") return withoutUndefinedOf(object);
      if (object[key] !== undefined) kept[key] = object[key];
    }
    return kept;
  };
  // A run's text cut where the font slot of its characters changes (Latin, East Asian, complex):
  // docx's reduce made a new array of the spans so far, and a new string, for every character.
  folioSlotSpans = (text, format) => {
    const spans = [];
    let last;
    for (const character of text) {
      const own = slotOf(character, last === undefined ? "latin" : last.slot, format);
      const slot = own === "hinted" ? "eastAsian" : own;
      if (last !== undefined && last.slot === slot) last.text += character;
      else spans.push((last = { slot, text: character }));
    }
    return spans;
  };
  // A top-level paragraph of the body as the layout reads it back (its runs in their formatting,
  // spans per font slot), by its written content, the reader's settings and the document's
  // styles, numbering and settings: a watch rebuild read every paragraph of the brief back again,
  // though an edit changed one. Only a paragraph whose reading reads and changes no running state
  // is kept: none with a field, a note reference, a list number (its own or its style's), a
  // drawing, a text box, an equation, a tracked change, a section break or a joined paragraph, and
  // none read in a note, a header, a cell or an open field. Each reading is handed out as a copy of
  // its top level, so no two blocks of a document are one object.
  let readsByContent = new Map();
  let readCharacters = 0;
  let readContext;
  const contexts = new Map();
  let nextContext = 0;
  exports.forgetReads = () => {
    readsByContent = new Map();
    readCharacters = 0;
  };
  exports.readsKept = () => readsByContent.size;
  const contentKey = (value) => {
    try {
      return JSON.stringify(value, (_key, item) =>
        item instanceof Map ? { "folio:map": [...item] } : item instanceof Set ? { "folio:set": [...item] } : item,
      );
    } catch {
      return undefined;
    }
  };
  const readContentOf = readContent;
  readContent = (writtenBody, writtenParts, options = {}) => {
    const outer = readContext;
    const { styles, numbering, otherListIds, settings, webSettings, dataStores, pictures } = writtenParts;
    const context =
      dataStores === undefined && pictures === undefined
        ? contentKey([options.guess === true, styles, numbering, otherListIds, settings, webSettings])
        : undefined;
    // A number for each context seen (its JSON is some 30 KB: not a prefix of every paragraph's key).
    if (context !== undefined && !contexts.has(context)) {
      if (contexts.size >= 64) contexts.clear();
      contexts.set(context, nextContext++);
    }
    readContext = context === undefined ? undefined : contexts.get(context) + " ";
    try {
      return readContentOf(writtenBody, writtenParts, options);
    } finally {
      readContext = outer;
    }
  };
  const sharedByReader = new Set(["styles", "numbering", "listIds", "markers", "fields", "counters", "notesInTextBoxes", "notes", "divisions", "eastAsianRules", "limits"]);
  const unkeptElements = new Set(["w:fldChar", "w:instrText", "w:delInstrText", "w:fldSimple", "w:footnoteReference", "w:endnoteReference", "w:drawing", "w:pict", "w:object", "w:txbxContent", "w:sdt", "w:customXml", "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:numPr", "w:sectPr", "w:subDoc", "w:altChunk", JOINED_NEXT, KEPT_MARK]);
  // The element and the reader's own settings as plain data's JSON, or undefined when the element
  // holds one of the unkept elements (or an equation's) or anything but plain data.
  const refused = (key) => unkeptElements.has(key) || key.startsWith("m:");
  // Whether a reader reads none of the running state a kept reading would skip.
  const readsPlainly = (reader) =>
    readContext !== undefined && !reader.inNote && !reader.inHeader && !reader.inCell &&
    !reader.inTextBox && !reader.showDeleted && reader.fields?.length === 0 &&
    reader.notesInTextBoxes?.size === 0;
  // The reader's own settings, or undefined when one is not plain data (nothing is kept then).
  const ownSettingsOf = (reader) => {
    const own = {};
    for (const key of Object.keys(reader)) {
      if (sharedByReader.has(key)) continue;
      const value = reader[key];
      if (value !== null && typeof value === "object" && key !== "grid") return undefined;
      own[key] = value;
    }
    return own;
  };
  // The reading kept under a key, or one read now and kept: bounded as the lines are, past 4,000
  // blocks or 16 million characters of keys it starts afresh. Handed out as a copy of its top level.
  const keptReading = (key, read) => {
    let block = readsByContent.get(key);
    if (block === undefined) {
      block = read();
      if (readsByContent.size >= 4000 || readCharacters >= 16e6) {
        readsByContent = new Map();
        readCharacters = 0;
      }
      readsByContent.set(key, block);
      readCharacters += key.length;
    }
    return { ...block };
  };
  const readParagraphOf = readParagraph;
  readParagraph = (element, reader, tableFormats = []) => {
    const own = tableFormats.length === 0 && readsPlainly(reader) ? ownSettingsOf(reader) : undefined;
    const written = own === undefined ? undefined : folioPlainKey([own, element], refused);
    if (written === undefined || isNumbered(element, reader.styles)) return readParagraphOf(element, reader, tableFormats);
    return keptReading(readContext + written, () => readParagraphOf(element, reader, tableFormats));
  };
  // A top-level table as the layout reads it back, by its written content, kept as a paragraph is
  // (above): a data table of a few hundred rows took 140 ms to read again on every watch rebuild and
  // every copy of a report, though it had not changed. The same rules decide: a table holding an
  // unkept element anywhere, or a paragraph its style numbers (a list item's number is the
  // reader's running count), or read inside a note, a header, a cell or an open field, is read as
  // before. Reading a cell's paragraphs changes no running state but through those.
  const numberedIn = (value, styles) => {
    if (Array.isArray(value)) return value.some((item) => numberedIn(item, styles));
    if (value === null || typeof value !== "object") return false;
    if (Object.hasOwn(value, "w:p") && isNumbered(value, styles)) return true;
    for (const key of Object.keys(value)) if (key !== "_attr" && numberedIn(value[key], styles)) return true;
    return false;
  };
  // A table formatted once and handed out again by Folio's table keep (table-keep.ts) is the same
  // object, never changed: its written key and whether its styles number a paragraph in it are
  // worked out once for it, not walked again on every render.
  const keptFacts = new WeakMap();
  const writtenOf = (element) => {
    if (!folioIsKeptTable(element)) return folioPlainKey(element, refused);
    let facts = keptFacts.get(element);
    if (facts === undefined) {
      facts = { written: folioPlainKey(element, refused), numbered: new WeakMap() };
      keptFacts.set(element, facts);
    }
    return facts.written;
  };
  const numberedInTable = (element, styles) => {
    const facts = keptFacts.get(element);
    if (facts === undefined || styles === null || typeof styles !== "object") return numberedIn(element, styles);
    if (!facts.numbered.has(styles)) facts.numbered.set(styles, numberedIn(element, styles));
    return facts.numbered.get(styles);
  };
  const readTableOf = readTable;
  readTable = (element, reader) => {
    const own = readsPlainly(reader) ? ownSettingsOf(reader) : undefined;
    const ownKey = own === undefined ? undefined : folioPlainKey(own, refused);
    const written = ownKey === undefined ? undefined : writtenOf(element);
    if (written === undefined || numberedInTable(element, reader.styles)) return readTableOf(element, reader);
    // [own, element]'s key as JSON writes the array: the two keys in brackets.
    return keptReading(readContext + "table [" + ownKey + "," + written + "]", () => readTableOf(element, reader));
  };
  const sameFontOf = sameFont;
  const pairs = new WeakMap();
  sameFont = (one, other) => {
    if (typeof one !== "object" || one === null || typeof other !== "object" || other === null) return sameFontOf(one, other);
    let withOne = pairs.get(one);
    if (withOne === undefined) pairs.set(one, (withOne = new WeakMap()));
    let same = withOne.get(other);
    if (same === undefined) withOne.set(other, (same = sameFontOf(one, other)));
    return same;
  };
}
`;

/** How the module declares each function the memos wrap, once each, at its top level (checked before appending). */
export const wrappedDeclarations = [
  "\nvar knownEastAsianFontOf = (font) => {",
  "\nvar exactWidthsOf = (font) => {",
  "\nvar widthsOf = (font = DEFAULT_FONT) => {",
  "\nvar takesNoRoom = (character) => ",
  "\nvar sameFont = (one, other) => {",
  "\nfunction _objectSpread2(e) {",
  "\nvar combine = (formats) => ",
  "\nvar offeredByOffice = (font, text) => {",
  "\nvar withoutUndefined = (object) => ",
  "\nvar readContent = (writtenBody, writtenParts, { guess = false } = {}) => {",
  "\nvar readParagraph = (element, reader, tableFormats = []) => {",
  "\nvar readTable = (element, reader) => {",
] as const;

/**
 * Changes inside function bodies, which no reassignment reaches: each pair is text of docx's layout
 * (found once, checked before replacing) and what replaces it.
 * - The paginator's `linesOf` keeps a paragraph's lines for the paragraph object, which every
 *   render makes anew: they are also kept by content (`folioLinesByContent` in `layoutMemos`, a
 *   variable declared beside docx's own cache of lines), so a watch rebuild lays out again only
 *   the paragraphs an edit changed. The key is what the lines depend on: the paragraph (its items,
 *   formatting, tab stops, mark, numbering, grid), the widths and rooms it is broken in (docx's
 *   own key) and the document's settings the layout reads (guessing, default tab stop, break
 *   rules, hyphenation, compatibility mode, East Asian layout). A paragraph with a page field is
 *   laid out every time, as docx does.
 * - The font-file measurer's `faceOf` built a key (the font's name lower-cased, with bold and
 *   italic) for every word and space it measured; the replacement keeps the face for each name as
 *   given and each of the four weights and styles, and asks the original for anything else (a
 *   name or flag of another type).
 */
export const innerReplacements: ReadonlyArray<readonly [original: string, replacement: string]> = [
  [
    "\t\t\tconst laidOut = (_byWidths$get = byWidths.get(key)) !== null && _byWidths$get !== void 0 ? _byWidths$get : layOut();",
    "\t\t\tconst laidOut = (_byWidths$get = byWidths.get(key)) !== null && _byWidths$get !== void 0 ? _byWidths$get : folioLinesByContent(measurer, [guess, defaultTabStop, breakRules, hyphenation, compatibilityMode, feLayout], paragraph, key, layOut);",
  ],
  [
    "\nvar laidOutLines = /* @__PURE__ */ new WeakMap();",
    "\nvar laidOutLines = /* @__PURE__ */ new WeakMap();\nvar folioLinesByContent;\nvar folioSlotSpans;\nvar folioCellHeight;\nvar folioStopsSeen;",
  ],
  [
    '\treturn [...text].reduce((all, character) => {\n\t\tvar _last$slot;\n\t\tconst last = all[all.length - 1];\n\t\tconst own = slotOf(character, (_last$slot = last === null || last === void 0 ? void 0 : last.slot) !== null && _last$slot !== void 0 ? _last$slot : "latin", format);\n\t\tconst slot = own === "hinted" ? "eastAsian" : own;\n\t\treturn (last === null || last === void 0 ? void 0 : last.slot) === slot ? [...all.slice(0, -1), {\n\t\t\tslot,\n\t\t\ttext: last.text + character\n\t\t}] : [...all, {\n\t\t\tslot,\n\t\t\ttext: character\n\t\t}];\n\t}, []).flatMap(({ slot, text: part }) => {',
    "\treturn folioSlotSpans(text, format).flatMap(({ slot, text: part }) => {",
  ],
  [
    "\tconst faceOf = ({ font = DEFAULT_FONT, bold = false, italic = false }) => {",
    "\tconst faceOfKeyed = ({ font = DEFAULT_FONT, bold = false, italic = false }) => {",
  ],
  [
    "\tconst widthIn = (face, text, font) => {",
    `\tconst facesByName = new Map();
\tconst notYet = {};
\tconst faceOf = (format) => {
\t\tconst { font = DEFAULT_FONT, bold = false, italic = false } = format;
\t\tif (typeof font !== "string" || typeof bold !== "boolean" || typeof italic !== "boolean") return faceOfKeyed(format);
\t\tlet four = facesByName.get(font);
\t\tif (four === undefined) facesByName.set(font, (four = [notYet, notYet, notYet, notYet]));
\t\tconst at = (bold ? 2 : 0) + (italic ? 1 : 0);
\t\tif (four[at] === notYet) four[at] = faceOfKeyed(format);
\t\treturn four[at];
\t};
\tconst widthIn = (face, text, font) => {`,
  ],
  [
    "\tconst contentHeight = (cell) => {",
    "\tconst folioCellSettings = folioPlainKey([guess, defaultTabStop, breakRules, hyphenation, compatibilityMode, feLayout, addsParagraphSpacing, suppressesTopSpacing]);\n\tconst contentHeight = (cell) => folioCellHeight(measuring, folioCellSettings, cell, measuredContentHeight, stopAt);\n\tconst measuredContentHeight = (cell) => {",
  ],
  [
    "\tconst stopAt = (reason, page = ((_guessPage) => (_guessPage = guessPage) !== null && _guessPage !== void 0 ? _guessPage : Math.max(pageCount, 1))()) => {\n\t\tif (!guess) throw new Unsupported(reason);",
    "\tconst stopAt = (reason, folioPage) => {\n\t\tconst page = folioPage === void 0 ? ((_guessPage) => (_guessPage = guessPage) !== null && _guessPage !== void 0 ? _guessPage : Math.max(pageCount, 1))() : folioPage;\n\t\tif (folioStopsSeen !== void 0) folioStopsSeen.push([reason, folioPage]);\n\t\tif (!guess) throw new Unsupported(reason);",
  ],
];

let loaded: DocxLayout | undefined;

/**
 * docx's layout (`docx/layout`) with its pure look-ups memoised (`layoutMemos`): the same pages,
 * numbers and guesses as docx's own module, in about 60% of the time. Loaded once per process from
 * docx's CommonJS build, which imports nothing, and evaluated with the memos appended.
 */
export function memoisedDocxLayout(): DocxLayout {
  if (loaded) return loaded;
  checkDocxEngine(); // the memos name functions of docx 9.15.2's layout
  const source = readFileSync(join(installedFolder({ name: "docx", via: [] }), "dist", "layout.cjs"), "utf8");
  const exports: Record<string, unknown> = {};
  // The lines' key is src/engine/plain-key.ts's, and whether a table is one the table keep handed
  // out is table-keep.ts's: both handed to the module's text as parameters.
  new Function("exports", "folioPlainKey", "folioIsKeptTable", withFolioMemos(source))(
    exports,
    plainKey,
    isKeptTableXml,
  );
  loaded = exports as unknown as DocxLayout;
  // The training report's paragraphs are of no use to the reports a snapshot's processes render.
  if (startupSnapshot.isBuildingSnapshot())
    startupSnapshot.addSerializeCallback(() => {
      (exports.forgetLines as () => void)();
      (exports.forgetReads as () => void)();
      (exports.forgetCellHeights as () => void)();
    });
  return loaded;
}

/**
 * docx's layout module text with Folio's memos: the inner replacements made and `layoutMemos`
 * appended. Throws when a declaration or text they rely on is not there exactly once.
 */
export function withFolioMemos(source: string): string {
  for (const declaration of [...wrappedDeclarations, ...innerReplacements.map(([original]) => original)])
    if (source.split(declaration).length !== 2)
      throw new Error(
        `docx's layout does not declare ${declaration.trim()} once: Folio's memo of it does not fit`,
      );
  const replaced = innerReplacements.reduce(
    (text, [original, replacement]) => text.replace(original, () => replacement),
    source,
  );
  return `${hoistRegularExpressions(replaced)}\n${layoutMemos}`;
}

/** `new RegExp("…", "…")` with a string literal and flags, as docx's transpiled layout writes them. */
const regExpLiteral = /new RegExp\(("(?:[^"\\\n]|\\.)*")(?:, "([a-z]*)")?\)/g;

/**
 * docx's layout writes its Unicode patterns as `new RegExp("\\p{M}", "u")` inside the functions
 * that test them, so every character measured made a pattern object (`slotOf`, per character of
 * every run laid out). Each such pattern becomes one made when the module loads. That is the same
 * for every pattern without the global or sticky flag: its only state, `lastIndex`, is neither
 * read nor written by `test`, `exec`, `match` or `split` then.
 */
export function hoistRegularExpressions(source: string): string {
  const made: string[] = [];
  const hoisted = source.replace(regExpLiteral, (whole, pattern: string, flags = "") => {
    if (/[gy]/.test(flags)) return whole;
    made.push(`new RegExp(${pattern}, "${flags}")`);
    return `folioPatterns[${made.length - 1}]`;
  });
  return `var folioPatterns = [${made.join(", ")}];\n${hoisted}`;
}
