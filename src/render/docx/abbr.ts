import type { Abbr } from "../../model/abbreviations-html.ts";
import { type DocxContext, type Piece, renderInlines } from "./context.ts";
import { textRun } from "./inlines.ts";

/**
 * An abbreviation. Word has no abbreviation markup (no title, no expansion a screen reader
 * offers), so the expansion is spelled out in the text where the model says (its first use), as
 * an editor would write it: "CDC (Centers for Disease Control and Prevention)".
 */
export function abbr(node: Abbr, context: DocxContext): Piece[] {
  const letters = renderInlines(node.children, context);
  return node.spellOut && node.expansion ? [...letters, textRun(` (${node.expansion})`, context)] : letters;
}
