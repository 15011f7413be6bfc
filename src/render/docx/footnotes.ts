import { Paragraph } from "docx";
import { type DocxContext, renderBlocks, withFrame } from "./context.ts";
import { styleIds } from "./style-ids.ts";

/**
 * The `footnotes` option of the document: every referenced note by its number, in Word's
 * "footnote text" style. Word's footnotes hold paragraphs only, so the handlers turn a table in a
 * note into lines (see tables.ts).
 */
export function renderFootnotes(context: DocxContext): Record<number, { children: Paragraph[] }> {
  const noteContext = withFrame(context, {
    inFootnote: true,
    style: styleIds.footnoteText,
    indent: 0,
    listLevel: 0,
  });
  const notes: Record<number, { children: Paragraph[] }> = {};
  for (const note of context.state.model.footnotes.values()) {
    const rendered = renderBlocks(note.node.children, noteContext);
    const blocks = rendered.filter((block): block is Paragraph => block instanceof Paragraph);
    if (blocks.length < rendered.length) {
      // Nothing is dropped silently: say which note lost what.
      context.state.file.message(
        `DOCX: note ${note.number} holds ${rendered.length - blocks.length} block(s) a Word footnote cannot (only paragraphs): left out of the note`,
        { place: note.node.position, ruleId: "docx-footnote-block", source: "folio" },
      );
    }
    notes[note.number] = {
      children: blocks.length ? blocks : [new Paragraph({ style: styleIds.footnoteText, children: [] })],
    };
  }
  return notes;
}
