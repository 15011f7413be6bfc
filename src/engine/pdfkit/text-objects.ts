// pdfkit draws every text() call as a graphics object of its own: q, the flip of the page's y axis
// (cm), BT, the position (Tm), the font (Tf), the glyphs (TJ), ET, Q. pdfmake draws a line one word
// at a time, and sets the opacity and the colour before each word (with pdfkit's fill(), which also
// writes an `f`: a fill of no path, an operator out of place in a page's content). That was some
// 220 bytes of content per word and a dozen calls into pdfkit for each.
//
// TextObjects draws consecutive words in one text object: for each word its position and glyphs,
// the font and character spacing only when they change. The glyphs, their adjustments and their
// places are those pdfkit's _fragment writes (its TJ encoding is ported below, numbers formatted as
// pdfkit formats them), so a page looks and extracts the same. The caller ends the text object
// before anything else is written: a marked-content boundary, a colour, a drawing.

/** A glyph's placement as fontkit lays it out, in thousandths of an em (pdfkit's scale). */
interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** pdfkit's font of one document, as a text object draws with it. */
export interface DrawingFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: unknown): [string[], GlyphPosition[]];
}

/** The part of pdfkit's document a text object writes to. */
export interface TextObjectDocument {
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

/** A number as pdfkit writes it into content (PDFObject.number): six decimals at most. */
function number(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** Words drawn into shared text objects on the current page of one document. */
export class TextObjects {
  #open = false;
  #font: DrawingFont | undefined;
  #size = 0;
  #spacing = 0;

  constructor(readonly doc: TextObjectDocument) {}

  /**
   * Draws `text` as pdfkit's text(text, x, y) draws it with its default (top) baseline: `y` is the
   * top of the font's ascent, in pdfkit's coordinates (y down). Line feeds are dropped, as pdfkit
   * drops them; an empty text draws nothing. Returns whether anything was drawn.
   */
  draw(
    text: string,
    x: number,
    y: number,
    font: DrawingFont,
    size: number,
    characterSpacing: number,
    features?: unknown,
  ): boolean {
    const shown = text.includes("\n") ? text.replace(/\n/g, "") : text;
    if (shown.length === 0) return false;
    const { doc } = this;
    const page = doc.page;
    if (!this.#open) {
      doc.addContent("q");
      doc.addContent(`1 0 0 -1 0 ${number(page.height)} cm`);
      doc.addContent("BT");
      this.#open = true;
      this.#font = undefined;
      this.#spacing = 0;
    }
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    const baseline = page.height - y - (font.ascender / 1000) * size;
    doc.addContent(`1 0 0 1 ${number(x)} ${number(baseline)} Tm`);
    if (font !== this.#font || size !== this.#size) {
      doc.addContent(`/${font.id} ${number(size)} Tf`);
      this.#font = font;
      this.#size = size;
    }
    if (characterSpacing !== this.#spacing) {
      doc.addContent(`${number(characterSpacing)} Tc`);
      this.#spacing = characterSpacing;
    }
    const [encoded, positions] = font.encode(shown, features);
    writeGlyphs(doc, encoded, positions, x, baseline, size / 1000);
    return true;
  }

  /** Ends the open text object, if any. */
  end(): void {
    if (!this.#open) return;
    this.doc.addContent("ET");
    this.doc.addContent("Q");
    this.#open = false;
  }
}

/**
 * The glyphs as pdfkit's _fragment shows them: runs of glyphs in TJ arrays, each run followed by the
 * adjustment of its last glyph's advance, and a glyph set off its place (a mark) positioned by a Tm
 * of its own, after which the line's position is set again.
 */
function writeGlyphs(
  doc: TextObjectDocument,
  encoded: string[],
  positions: GlyphPosition[],
  startX: number,
  y: number,
  scale: number,
): void {
  // One loop and no closures: this runs for every word drawn, and a closure made per call (two
  // were) costs its allocation, and under tsx's keepNames a naming call, every time.
  let x = startX;
  let commands = "";
  let last = 0;
  let hadOffset = false;
  for (let i = 0; i <= positions.length; i++) {
    const position = positions[i];
    const offset = position !== undefined && Boolean(position.xOffset || position.yOffset);
    // Where a run ends: before a glyph set off its place, after one whose advance is adjusted, at the end.
    if (position === undefined || offset) {
      commands = withSegment(commands, encoded, positions, last, i);
      last = i;
      if (commands !== "") doc.addContent(`[${commands}] TJ`);
      commands = "";
      if (position === undefined) break;
      doc.addContent(
        `1 0 0 1 ${number(x + position.xOffset * scale)} ${number(y + position.yOffset * scale)} Tm`,
      );
      commands = withSegment(commands, encoded, positions, i, i + 1);
      last = i + 1;
      doc.addContent(`[${commands}] TJ`);
      commands = "";
      hadOffset = true;
    } else {
      if (hadOffset) {
        doc.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
        hadOffset = false;
      }
      if (position.xAdvance - position.advanceWidth !== 0) {
        commands = withSegment(commands, encoded, positions, last, i + 1);
        last = i + 1;
      }
    }
    x += position.xAdvance * scale;
  }
}

/** `commands` with the glyphs `from` to `to` (none if empty) and their last glyph's adjustment. */
function withSegment(
  commands: string,
  encoded: string[],
  positions: GlyphPosition[],
  from: number,
  to: number,
): string {
  if (from >= to) return commands;
  let hex = "";
  for (let k = from; k < to; k++) hex += encoded[k];
  const position = positions[to - 1] as GlyphPosition;
  const segment = `<${hex}> ${number(-(position.xAdvance - position.advanceWidth))}`;
  return commands === "" ? segment : `${commands} ${segment}`;
}
