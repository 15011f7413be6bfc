import { sheetColumns } from "./columns.ts";
import type { FactSheet } from "./sheet.ts";

/** Where a laid-out try of the sheet put its columns: their top, and each one's lowest point. */
export interface ColumnMeasure {
  /** The try fits one page. */
  fits: boolean;
  top: number;
  left: number;
  right: number;
}

/** A page is full when its lowest line stands in the bottom fifth of the page. */
export const fullShare = 0.8;
/** How far a column's end mark stands below the baseline of its last line (margins and descent). */
const markBelowLastLine = 28;
/** Tries at most: each is one layout of the page (a try adds one sentence, one finding or one step of type). */
const maxTries = 40;

/**
 * Fills the page, deciding once for the PDF and the HTML from measured layouts of the PDF: the
 * summary and findings take the largest type of the layout's steps that still fits one page, and
 * while a column that holds them ends above the page's bottom fifth, it takes one more finding
 * (to five) or one more sentence of the summary (from `reserve`), stepping the type down when the
 * page overflows (a brief's contents first try the other column at the same size). A country sheet whose shorter column ends in the upper half of the columns'
 * room shows its summary and findings there, then its contents. Returns the fullest sheet that fits.
 */
export async function fillPage(
  sheet: FactSheet,
  measure: (sheet: FactSheet) => Promise<ColumnMeasure>,
): Promise<FactSheet> {
  const { page, type } = sheet.layout;
  const bottom = page.height - page.footer;
  // A column's end mark stands under its last block's bottom margin (12 pt, and a list item's 4)
  // and its last line's descent: the line itself must reach the bottom fifth.
  const fullLine = page.height * fullShare + markBelowLastLine;
  let current = sheet;
  let tries = 0;
  const tryOut = (s: FactSheet) => {
    tries++;
    return measure(s);
  };
  if (!current.brief && current.reserve.brief) {
    const base = await tryOut(current);
    if (!base.fits) return sheet;
    const side = base.left <= base.right ? "left" : "right";
    const shorter = Math.min(base.left, base.right);
    if (shorter - base.top > (bottom - base.top) / 2) return sheet;
    current = {
      ...current,
      brief: { ...current.reserve.brief, contents: [] },
      briefColumn: side,
    };
  }
  if (!current.brief) return sheet;
  const sizes = [...type.briefGrowth, type.brief].sort((a, b) => b - a);
  let step = 0;
  let best: FactSheet | undefined;
  current = { ...current, briefSize: sizes[0] as number };
  // Contents beside the summary or the findings: the other column is tried at a size before a smaller one.
  const movable =
    !current.dataChart &&
    !current.map &&
    current.kind === "brief" &&
    (current.brief?.contents.length ?? 0) > 1;
  let flipped = false;
  while (tries < maxTries) {
    const measured = await tryOut(current);
    if (!measured.fits) {
      if (movable && !flipped) {
        flipped = true;
        const side = sheetColumns(current).left.includes("contents") ? "right" : "left";
        current = { ...current, contentsColumn: side };
        continue;
      }
      if (step === sizes.length - 1) break;
      step++;
      flipped = false;
      current = { ...current, briefSize: sizes[step] as number };
      continue;
    }
    best = current;
    const grown = grow(current, measured, fullLine);
    if (!grown) break;
    current = grown;
  }
  return best ?? sheet;
}

/**
 * The sheet with one more sentence or finding in its shortest column that holds the summary or
 * findings and ends above `fullLine`; undefined when no such column has more to take.
 */
function grow(sheet: FactSheet, measured: ColumnMeasure, fullLine: number): FactSheet | undefined {
  const brief = sheet.brief;
  if (!brief) return undefined;
  const plan = sheetColumns(sheet);
  const columns = (["left", "right"] as const)
    .map((side) => ({ side, sections: plan[side], end: measured[side] }))
    .filter(
      (c) =>
        c.end < fullLine &&
        (c.sections.includes("summary") || c.sections.includes("findings") || c.side === sheet.briefColumn),
    )
    .sort((a, b) => a.end - b.end);
  for (const column of columns) {
    // A country sheet's column of summary and findings ends with its contents when it has room left.
    const contents = sheet.reserve.brief?.contents ?? [];
    if (
      column.side === sheet.briefColumn &&
      sheet.reserve.findings.length === 0 &&
      sheet.reserve.summary.length === 0 &&
      brief.contents.length === 0 &&
      contents.length > 1
    )
      return { ...sheet, brief: { ...brief, contents } };
    const [finding, ...findings] = sheet.reserve.findings;
    if (column.sections.includes("findings") && finding && brief.findings.length < 5)
      return {
        ...sheet,
        brief: { ...brief, findings: [...brief.findings, finding] },
        reserve: { ...sheet.reserve, findings },
      };
    const [sentence, ...sentences] = sheet.reserve.summary;
    if (column.sections.includes("summary") && sentence && brief.summary)
      return {
        ...sheet,
        brief: { ...brief, summary: { ...brief.summary, text: `${brief.summary.text} ${sentence}` } },
        reserve: { ...sheet.reserve, summary: sentences },
      };
  }
  return undefined;
}
