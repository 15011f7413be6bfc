/** Unit conversions between the theme (points, `#rrggbb`) and WordprocessingML (twips, half-points, hex). */

/** Points to twentieths of a point (twips), Word's unit for indents, spacing and page sizes. */
export const twips = (points: number): number => Math.round(points * 20);

/** Points to half-points, Word's unit for font sizes. */
export const halfPoints = (points: number): number => Math.round(points * 2);

/** Points to CSS pixels (96 to the inch), the unit docx takes for image sizes. */
export const pixels = (points: number): number => (points * 96) / 72;

/** `#1b1b1b` → `1B1B1B`, as Word writes colours. */
export const hex = (colour: string): string => colour.replace(/^#/, "").toUpperCase();
