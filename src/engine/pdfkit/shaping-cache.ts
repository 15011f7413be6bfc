// fontkit shapes every word (GSUB, GPOS) once per document: pdfkit's layout cache lives on its
// per-document font. In a watch rebuild or a batch of reports the same words are shaped again in
// every document — half of a PDF's time. This cache keeps each word's shaping per parsed face for
// the life of the process, and replays it into a document exactly as fontkit would have made it.
//
// Why a replay and not a plain reuse: fontkit keeps one Glyph object per glyph id per document
// (the cache the font cache resets for each document), with the code points of the first request
// for that id. Those code points decide the PDF's text layer (ToUnicode) and fontkit's hiding of
// default-ignorable characters, so a glyph reached from two characters (space and no-break space
// share one glyph in some faces) depends on which came first in *this* document. Each word is
// therefore shaped once in a clean room (an empty glyph cache) that keeps every glyph it made;
// a document may reuse the result only when every glyph the word touches is either new to the
// document (then it is created with the same code points, in the same order) or already there
// with the same code points — then fontkit would have computed exactly the same run. Otherwise
// the word is shaped in the document as before.

interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface GlyphRun {
  glyphs: Glyph[];
  positions: Array<Record<string, number>>;
  advanceWidth: number;
}
/** The fontkit font (one parse, shared by documents) as this cache uses it. */
export interface LayoutFont {
  _glyphs: Record<number, Glyph | undefined>;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  layout(text: string): GlyphRun;
  directory?: { tables?: Record<string, unknown> };
}
/** pdfkit's per-document EmbeddedFont, the part this cache touches. */
interface EmbeddedFont {
  font: LayoutFont;
  scale: number;
  layoutCache?: Record<string, GlyphRun>;
  layoutRun(text: string, features?: unknown): GlyphRun;
  layoutCached(text: string): GlyphRun;
}

/** A word shaped in the clean room: the glyphs it made (id, code points) and the result. */
interface Shaped {
  touched: Array<[id: number, codePoints: number[]]>;
  ids: number[];
  /** Scaled as pdfkit's layoutRun scales them; never mutated afterwards. */
  positions: Array<Record<string, number>>;
  advanceWidth: number;
}

const sharedFonts = new WeakSet<LayoutFont>();
const shapedByFont = new WeakMap<LayoutFont, Map<string, Shaped>>();
/** Words kept per face before the cache starts afresh (a long watch session keeps editing). */
const maxWords = 100_000;
const patched = new WeakSet<object>();

/** Lets documents share the shaping of words set in this parsed face (immutable, parsed once per process). */
export function shareLayouts(font: LayoutFont, embeddedFontClass: { prototype: object }): void {
  // AAT fonts (morx) create glyphs inside the shaper in ways this replay does not record.
  if (font.directory?.tables?.morx) return;
  sharedFonts.add(font);
  const proto = embeddedFontClass.prototype as EmbeddedFont;
  if (patched.has(proto)) return;
  patched.add(proto);
  const layoutCached = proto.layoutCached;
  proto.layoutCached = function (this: EmbeddedFont, text: string): GlyphRun {
    if (!this.layoutCache || !sharedFonts.has(this.font)) return layoutCached.call(this, text);
    const cached = this.layoutCache[text];
    if (cached) return cached;
    const run = replay(this, text) ?? this.layoutRun(text);
    this.layoutCache[text] = run;
    return run;
  };
}

/** The document's run for `text` from the shared shaping, or undefined when it must be shaped anew. */
function replay(embedded: EmbeddedFont, text: string): GlyphRun | undefined {
  const font = embedded.font;
  let words = shapedByFont.get(font);
  if (!words || words.size >= maxWords) {
    words = new Map();
    shapedByFont.set(font, words);
  }
  let shaped = words.get(text);
  if (!shaped) {
    shaped = shapeInCleanRoom(font, text, embedded.scale);
    words.set(text, shaped);
  }
  const glyphs = font._glyphs;
  for (const [id, codePoints] of shaped.touched) {
    const have = glyphs[id];
    if (have && !sameCodePoints(have.codePoints, codePoints)) return undefined;
  }
  for (const [id, codePoints] of shaped.touched) if (!glyphs[id]) font.getGlyph(id, codePoints);
  return {
    glyphs: shaped.ids.map((id) => glyphs[id] as Glyph),
    positions: shaped.positions,
    advanceWidth: shaped.advanceWidth,
  };
}

/** Shapes a word with an empty glyph cache (the document's cache is put back untouched). */
function shapeInCleanRoom(font: LayoutFont, text: string, scale: number): Shaped {
  const documentGlyphs = font._glyphs;
  const clean: Record<number, Glyph | undefined> = {};
  font._glyphs = clean;
  try {
    const run = font.layout(text);
    // pdfkit's layoutRun: positions in 1000ths of the em, plus each glyph's advance.
    for (let i = 0; i < run.positions.length; i++) {
      const position = run.positions[i] as Record<string, number>;
      for (const key in position) position[key] = (position[key] as number) * scale;
      position.advanceWidth = (run.glyphs[i] as Glyph).advanceWidth * scale;
    }
    // Every glyph the word requested was created here, with the code points of its first request.
    const touched: Shaped["touched"] = [];
    for (const glyph of Object.values(clean) as Glyph[]) touched.push([glyph.id, [...glyph.codePoints]]);
    return {
      touched,
      ids: run.glyphs.map((g) => g.id),
      positions: run.positions,
      advanceWidth: run.advanceWidth,
    };
  } finally {
    font._glyphs = documentGlyphs;
  }
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
