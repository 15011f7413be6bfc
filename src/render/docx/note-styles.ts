import { BorderStyle, type IParagraphStyleOptions, type IRunStylePropertiesOptions, ShadingType } from "docx";
import type { CalloutKind } from "../../model/callouts.ts";
import { noteLook, type Theme } from "../../theme/theme.ts";
import { styleIds } from "./style-ids.ts";
import { hex, twips } from "./units.ts";

/** Left indent of a note's text and its right inset, in points, as the PDF edition's note box. */
const noteInset = { left: 14.5, right: 10, padding: 10 };

const capitalised = (kind: CalloutKind) => `${kind[0]?.toUpperCase()}${kind.slice(1)}`;

/** The paragraph style of a note's body and of its title, by kind ("Note Warning", "Note Warning Title"). */
export function noteStyleId(kind: CalloutKind | undefined, part: "body" | "title"): string {
  const base = kind ? `${styleIds.note}${capitalised(kind)}` : styleIds.note;
  return part === "title" ? `${base}Title` : base;
}

/**
 * A note's paragraphs in one box: the same fill and borders on each, so Word draws consecutive
 * paragraphs as one shaded block with a rule down its left side.
 */
function boxed(fill: string, rule: string): IParagraphStyleOptions["paragraph"] {
  const edge = (space: number) => ({ style: BorderStyle.SINGLE, size: 2, space, color: hex(fill) });
  return {
    shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(fill) },
    border: {
      top: edge(noteInset.padding),
      bottom: edge(noteInset.padding),
      left: { style: BorderStyle.SINGLE, size: 20, space: 12, color: hex(rule) },
      right: edge(noteInset.right),
    },
    indent: { left: twips(noteInset.left), right: twips(noteInset.right) },
  };
}

/**
 * The note styles: "Note" (a plain `:::note`) and one per call-out kind, in the theme's colours,
 * each with a title style in the heading face that keeps with the note's first line.
 */
export function noteStyles(theme: Theme, titleRun: IRunStylePropertiesOptions): IParagraphStyleOptions[] {
  return ([undefined, "note", "tip", "important", "warning", "caution"] as const).flatMap((kind) => {
    const look = noteLook(theme, kind);
    const id = noteStyleId(kind, "body");
    const name = kind ? `Note ${capitalised(kind)}` : "Note";
    return [
      {
        id,
        name,
        basedOn: kind ? styleIds.note : styleIds.normal,
        next: styleIds.normal,
        quickFormat: !kind,
        paragraph: boxed(look.background, look.rule),
      },
      {
        id: noteStyleId(kind, "title"),
        name: `${name} Title`,
        basedOn: id,
        next: id,
        quickFormat: false,
        run: { ...titleRun, color: hex(look.title) },
        paragraph: { keepNext: true, spacing: { after: twips(4) } },
      },
    ];
  });
}
