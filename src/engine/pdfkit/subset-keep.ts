import { KeptByKey } from "../../assets/kept.ts";

// pdfkit embeds each face's subset when a document ends: fontkit reads every glyph the document
// used out of the face again and writes a new font file of them (for Mali, about 2 ms of a warm
// PDF render, timed around the call). A watch rebuild after a one-word edit uses the same glyphs
// in the same order as the render before, so the same file. fontkit's subset is a function of the
// parsed face and its glyph list (the glyphs' outlines, metrics and the face's tables; not the
// characters a glyph was reached from), so the file is kept by the list, for faces parsed once per
// process (font-cache.ts). Encoding adds the parts of compound glyphs to the list;
// a kept file adds the same parts, so the subset ends as fontkit leaves it.

/** fontkit's TTFSubset or CFFSubset, the part this keep touches. */
interface Subset {
  font: object;
  glyphs: number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}
/** pdfkit's per-document EmbeddedFont, the part this keep touches. */
interface EmbeddedFont {
  font: object;
  subset: Subset;
  embed(): void;
}
interface Encoded {
  bytes: Uint8Array;
  /** Glyphs encode() added to the list after the document's own (compound glyphs' parts). */
  added: number[];
}

/** Encoded subsets by face and glyph list, up to 16 MB of them; none from the snapshot's training. */
const encoded = new KeptByKey<Encoded>(16 * 2 ** 20, {
  weigh: (subset, key) => subset.bytes.byteLength + key.length * 2,
  notInSnapshot: true,
});
const faceIds = new WeakMap<object, number>();
let faces = 0;
const patched = new WeakSet<object>();

/** How many subsets are kept now (for tests: that pdfkit's embedding goes through the keep). */
export function keptSubsetCount(): number {
  return encoded.size;
}

/**
 * Lets documents share the encoded subsets of `font` (a face parsed once per process and never
 * changed): pdfkit's embed() is given a subset whose encode() is kept by its glyph list.
 */
export function shareSubsets(font: object, embeddedFontClass: { prototype: object }): void {
  if (!faceIds.has(font)) faceIds.set(font, ++faces);
  const proto = embeddedFontClass.prototype as EmbeddedFont;
  if (patched.has(proto)) return;
  patched.add(proto);
  const embed = proto.embed;
  proto.embed = function (this: EmbeddedFont) {
    const face = faceIds.get(this.font);
    const subset = this.subset;
    if (face === undefined || !subset) return embed.call(this);
    // An own property for this call only: the subset's class is fontkit's, shared by every face.
    subset.encode = () => keptEncode(subset, face);
    try {
      return embed.call(this);
    } finally {
      delete (subset as Partial<Subset>).encode;
    }
  };
}

function keptEncode(subset: Subset, face: number): Uint8Array {
  const own = subset.glyphs.length;
  let made = false;
  const kept = encoded.get(`${face}:${subset.glyphs.join(",")}`, () => {
    made = true;
    const bytes = Object.getPrototypeOf(subset).encode.call(subset) as Uint8Array;
    return { bytes, added: subset.glyphs.slice(own) };
  });
  if (!made) for (const glyph of kept.added) subset.includeGlyph(glyph);
  return kept.bytes;
}
