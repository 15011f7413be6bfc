import { AlignmentType, type ILevelsOptions, LevelFormat } from "docx";

/** Word numbers at most nine levels (0–8). */
export const maxListLevel = 8;

/**
 * Bullets by depth, in characters the theme's faces have (they have no ◦ or ▪): Word's own second
 * level is an "o" too. A bullet no embedded face has is drawn in whatever font the reader has.
 */
const bullets = ["•", "o", "–"];
const orderedFormats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];

interface ListDefinition {
  reference: string;
  levels: ILevelsOptions[];
}

/**
 * The numbering definitions of one document. Every list (nested lists included) gets a definition
 * and reference of its own: docx only restarts level 0 for a new `instance` of a shared reference
 * (dolanmiu/docx#2877), so sharing one would run numbers on from an earlier list.
 */
export class ListNumbering {
  private readonly definitions: ListDefinition[] = [];

  /**
   * Adds the definition of one list whose items sit at `level`, start at `start`, and whose text
   * begins `textIndent` twips from the margin; returns its reference.
   */
  add(ordered: boolean, start: number, level: number, textIndent: number, hanging: number): string {
    const reference = `list-${this.definitions.length + 1}`;
    const levels: ILevelsOptions[] = [];
    for (let l = 0; l <= maxListLevel; l++) {
      // Only `level` is used by this list; the others keep the indents Word's UI expects when a user demotes an item.
      const indent = Math.max(hanging, textIndent + (l - level) * hanging);
      levels.push({
        level: l,
        format: ordered ? orderedFormats[l % 3] : LevelFormat.BULLET,
        text: ordered ? `%${l + 1}.` : (bullets[l % 3] ?? "•"),
        start: l === level ? start : 1,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: indent, hanging } } },
      });
    }
    this.definitions.push({ reference, levels });
    return reference;
  }

  /** The `numbering` option of the document. */
  config(): { config: ListDefinition[] } {
    return { config: this.definitions };
  }
}
