import { createRequire } from "node:module";
import { type LayoutFont, shareLayouts } from "./shaping-cache.ts";
import { shareSubsets } from "./subset-keep.ts";

// pdfkit parses a font with `fontkit.create(bytes)` for every document that uses it, and fontkit
// then decodes the cmap, GSUB and GPOS tables again on the first line of text: a quarter of a PDF's
// time in a watch rebuild or a 200-report batch. fontkit's exports cannot be replaced, and pdfkit's
// font factory is private, so pdfmake's document class gets a `font()` that does what pdfkit's
// does, except that a face the renderer marked as immutable is parsed once per process. Each
// document still gets its own pdfkit font (its own subset, ids and layout cache), so the bytes
// written are the same as with a fresh parse.

interface FontkitFont {
  postscriptName: string;
  _tables?: { head?: { checkSumAdjustment?: number }; name?: { records?: unknown } };
}
interface PdfKitFont {
  name?: string;
  id: string;
  font: FontkitFont;
}
type EmbeddedFontClass = new (doc: PdfKitDoc, font: FontkitFont, id: string) => PdfKitFont;
interface PdfKitDoc {
  _font: PdfKitFont;
  _fontFamilies: Record<string, PdfKitFont>;
  _fontCount: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  _registeredFonts: Record<string, { src: unknown; family: unknown }>;
  fontSize(size: number): PdfKitDoc;
  font(src: unknown, family?: unknown, size?: unknown): PdfKitDoc;
  registerFont(name: string, src: Uint8Array): PdfKitDoc;
  /** pdfmake's virtual file system (Folio's printer adds `fontFile`). */
  virtualfs?: { fontFile?(name: string): Uint8Array | undefined };
}

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.sharedParsedFonts");

/** Immutable font sources: an ArrayBuffer region (`offset:length`) or a file path. */
const sharedBuffers = new WeakMap<ArrayBufferLike, Set<string>>();
const sharedPaths = new Set<string>();
/** Parsed fonts by source, for the life of the process. */
const parsedByBuffer = new WeakMap<ArrayBufferLike, Map<string, FontkitFont>>();
const parsedByPath = new Map<string, FontkitFont>();
let EmbeddedFont: EmbeddedFontClass | undefined;

/** pdfkit's own test for "this face is already in the document" (same checksum, same names). */
function isEqualFont(a: PdfKitFont, b: PdfKitFont): boolean {
  const [x, y] = [a.font._tables, b.font._tables];
  return (
    x?.head?.checkSumAdjustment === y?.head?.checkSumAdjustment &&
    JSON.stringify(x?.name?.records) === JSON.stringify(y?.name?.records)
  );
}

const region = (bytes: Uint8Array) => `${bytes.byteOffset}:${bytes.byteLength}`;

/** Marks font bytes (or a font file) as never changing, so pdfkit may parse them once per process. */
export function shareParsedFont(source: Uint8Array | string): void {
  if (typeof source === "string") {
    sharedPaths.add(source);
    return;
  }
  const regions = sharedBuffers.get(source.buffer) ?? new Set<string>();
  sharedBuffers.set(source.buffer, regions);
  regions.add(region(source));
}

function isShared(src: unknown): boolean {
  if (typeof src === "string") return sharedPaths.has(src);
  return src instanceof Uint8Array && (sharedBuffers.get(src.buffer)?.has(region(src)) ?? false);
}

function cachedParse(src: Uint8Array | string): FontkitFont | undefined {
  if (typeof src === "string") return parsedByPath.get(src);
  return parsedByBuffer.get(src.buffer)?.get(region(src));
}

function rememberParse(src: Uint8Array | string, font: FontkitFont): void {
  if (typeof src === "string") {
    parsedByPath.set(src, font);
    return;
  }
  const fonts = parsedByBuffer.get(src.buffer) ?? new Map<string, FontkitFont>();
  parsedByBuffer.set(src.buffer, fonts);
  fonts.set(region(src), font);
}

/**
 * Installs the shared parse on pdfmake's PDFDocument (once per process; pdfkit documents made
 * outside pdfmake are untouched). Sources not marked with {@link shareParsedFont} are parsed per
 * document as before.
 */
export function shareParsedFonts(): void {
  const proto = (require("pdfmake/js/PDFDocument.js") as { default: { prototype: PdfKitDoc } }).default
    .prototype as PdfKitDoc & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const pdfkitFont = proto.font;

  // pdfkit 0.19's FontsMixin.font(), with PDFFontFactory.open's parse taken from the cache.
  proto.font = function (src: unknown, family?: unknown, size?: unknown) {
    if (typeof family === "number") {
      size = family;
      family = null;
    }
    let cacheKey: unknown;
    // A face Folio's printer hands over by name (PrinterOptions.fontsByName): registered with
    // pdfkit on first use, so every later request by that name, pdfmake's or svg-to-pdfkit's,
    // finds it as a font file's path would be found.
    if (typeof src === "string" && !this._registeredFonts[src]) {
      const bytes = this.virtualfs?.fontFile?.(src);
      if (bytes) this.registerFont(src, bytes);
    }
    // pdfkit's own font() is called with the argument as given, so a registered name stays its key.
    const requested = src;
    const registered = typeof src === "string" ? this._registeredFonts[src] : undefined;
    if (registered) {
      cacheKey = src;
      ({ src, family } = registered);
    } else {
      cacheKey = family || src;
    }
    if (!isShared(src) || family)
      return pdfkitFont.call(this, requested, registered ? undefined : family, size);
    const source = src as Uint8Array | string;
    const parsed = cachedParse(source);
    if (!parsed || !EmbeddedFont) {
      // First use in this process: pdfkit parses it, and we keep the parse (and learn its class).
      pdfkitFont.call(this, requested, registered ? undefined : family, size);
      if (this._font.id === `F${this._fontCount}` && this._font.font) {
        EmbeddedFont ??= this._font.constructor as EmbeddedFontClass;
        rememberParse(source, this._font.font);
        // Parsed once per process, so its words may be shaped once per process too.
        shareLayouts(this._font.font as unknown as LayoutFont, EmbeddedFont);
        shareSubsets(this._font.font, EmbeddedFont);
      }
      return this;
    }
    const key = typeof cacheKey === "string" ? cacheKey : null;
    this._fontSource = src;
    this._fontFamily = family;
    if (size != null) this.fontSize(size as number);
    const known = key ? this._fontFamilies[key] : undefined;
    if (known) {
      this._font = known;
      return this;
    }
    // fontkit caches glyph objects with the characters they were first made for; the previous
    // document's subsetting made some with none, and pdfkit builds the text layer (ToUnicode) from
    // them: ’ came out as U+0015. A fresh glyph cache per document keeps the parsed tables.
    (parsed as FontkitFont & { _glyphs?: Record<number, unknown> })._glyphs = {};
    this._font = new EmbeddedFont(this, parsed, `F${++this._fontCount}`);
    const name = this._font.name;
    const same = name ? this._fontFamilies[name] : undefined;
    if (same && isEqualFont(this._font, same)) {
      this._font = same;
      return this;
    }
    if (key) this._fontFamilies[key] = this._font;
    if (name && !this._fontFamilies[name]) this._fontFamilies[name] = this._font;
    if (!key && (!name || this._fontFamilies[name] !== this._font))
      this._fontFamilies[this._font.id] = this._font;
    return this;
  };
}
