import type { PackageParts } from "../../engine/docx/compile.ts";
import { slotKey } from "./faces.ts";
import { unescapeXml } from "./xml.ts";

/** Run formatting that picks a face: each field unset where the element says nothing. */
interface FaceProps {
  font?: string;
  bold?: boolean;
  italic?: boolean;
}

interface StyleRecord extends FaceProps {
  basedOn?: string;
}

/** A face some text of the document is drawn in. */
export interface UsedFace {
  family: string;
  bold: boolean;
  italic: boolean;
}

/** Parts whose runs are drawn: the body, notes, headers and footers. */
const contentPart = /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/;

/**
 * The faces the document's text is drawn in, worked out from its parts as Word resolves run
 * formatting: a run's own `w:rFonts`/`w:b`/`w:i`, else its character style's chain, else its
 * paragraph style's chain, else the document defaults. Bold and italic in styles are taken as set
 * values, not as Word's toggles: Folio's character styles set neither. A run counts when it draws
 * something: text, a tab (leader dots), a field (its result), a note mark.
 */
export function usedFaces(parts: PackageParts): UsedFace[] {
  const stylesXml = text(parts.get("word/styles.xml"));
  const styles = new Map<string, StyleRecord>();
  let defaultParagraph = "Normal";
  for (const [style] of stylesXml.matchAll(/<w:style\b[^>]*>.*?<\/w:style>/gs)) {
    const id = /w:styleId="([^"]+)"/.exec(style)?.[1];
    if (!id) continue;
    if (/^<w:style\b[^>]*w:type="paragraph"[^>]*w:default="1"/.test(style)) defaultParagraph = id;
    const basedOn = /<w:basedOn w:val="([^"]+)"\/>/.exec(style)?.[1];
    styles.set(id, {
      ...faceProps(/<w:rPr>(.*?)<\/w:rPr>/s.exec(style)?.[1] ?? ""),
      ...(basedOn ? { basedOn } : {}),
    });
  }
  const defaults = faceProps(/<w:rPrDefault>(.*?)<\/w:rPrDefault>/s.exec(stylesXml)?.[1] ?? "");

  const inherited = (id: string | undefined, field: keyof FaceProps): FaceProps[keyof FaceProps] => {
    for (let seen = 0; id && seen < 32; seen++) {
      const style = styles.get(id);
      if (!style) return undefined;
      if (style[field] !== undefined) return style[field];
      id = style.basedOn;
    }
    return undefined;
  };

  const used = new Map<string, UsedFace>();
  for (const [name, data] of parts) {
    if (!contentPart.test(name)) continue;
    for (const [paragraph] of text(data).matchAll(/<w:p\b[^>]*>.*?<\/w:p>/gs)) {
      const pStyle = /<w:pPr>.*?<w:pStyle w:val="([^"]+)"\/>/s.exec(paragraph)?.[1] ?? defaultParagraph;
      for (const [run] of paragraph.matchAll(/<w:r\b[^>]*>.*?<\/w:r>/gs)) {
        if (!draws.test(run)) continue;
        const rPr = /<w:rPr>(.*?)<\/w:rPr>/s.exec(run)?.[1] ?? "";
        const own = faceProps(rPr);
        const rStyle = /<w:rStyle w:val="([^"]+)"\/>/.exec(rPr)?.[1];
        const pick = <K extends keyof FaceProps>(field: K) =>
          (own[field] ??
            inherited(rStyle, field) ??
            inherited(pStyle, field) ??
            defaults[field]) as FaceProps[K];
        const face = {
          family: pick("font") ?? "Times New Roman",
          bold: pick("bold") ?? false,
          italic: pick("italic") ?? false,
        };
        used.set(slotKey(face.family, face.bold, face.italic), face);
      }
    }
  }
  return [...used.values()];
}

const draws =
  /<w:t(?:\s[^>]*)?>[^<]|<w:(?:tab|instrText|sym|footnoteRef|endnoteRef|footnoteReference|endnoteReference)\b/;

function faceProps(rPr: string): FaceProps {
  const props: FaceProps = {};
  const font = /<w:rFonts\b[^>]*\bw:(?:ascii|hAnsi)="([^"]+)"/.exec(rPr)?.[1];
  if (font) props.font = unescapeXml(font);
  const bold = /<w:b(?: w:val="([^"]*)")?\/>/.exec(rPr);
  if (bold) props.bold = !["false", "0", "off"].includes(bold[1] ?? "true");
  const italic = /<w:i(?: w:val="([^"]*)")?\/>/.exec(rPr);
  if (italic) props.italic = !["false", "0", "off"].includes(italic[1] ?? "true");
  return props;
}

function text(data: string | Uint8Array | undefined): string {
  if (data === undefined) return "";
  return typeof data === "string" ? data : new TextDecoder().decode(data);
}
