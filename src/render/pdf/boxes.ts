import type { ContentTable, CustomTableLayout } from "pdfmake/interfaces.js";
import type { Theme } from "../../theme/theme.ts";
import type { PdfBlock } from "./context.ts";

/**
 * Boxes drawn as one-cell tables: pdfmake has no block borders or backgrounds, but a table cell
 * takes the width it is given, can break across pages and carries fills and rules.
 */
export function box(
  content: PdfBlock[],
  options: { fill?: string; rule?: string; ruleWidth?: number; padding: number; paddingLeft?: number },
): ContentTable {
  const ruleWidth = options.rule ? (options.ruleWidth ?? 2) : 0;
  return {
    table: { widths: ["*"], body: [[{ stack: content }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? ruleWidth : 0),
      vLineColor: () => options.rule ?? "#ffffff",
      fillColor: () => options.fill ?? null,
      paddingLeft: () => options.paddingLeft ?? options.padding,
      paddingRight: () => options.padding,
      paddingTop: () => options.padding,
      paddingBottom: () => options.padding,
    },
  };
}

/** A thematic break: a thin rule across the current column. */
export function rule(theme: Theme, margin: number): ContentTable {
  return {
    table: { widths: ["*"], body: [[{ text: "", fontSize: 1 }]] },
    layout: {
      hLineWidth: (i: number) => (i === 0 ? 0.75 : 0),
      vLineWidth: () => 0,
      hLineColor: () => theme.colors.rule,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
    margin: [0, margin, 0, margin],
  };
}

/** Rules of a data table: a strong rule under the header, hairlines between rows. */
export function dataTableLayout(theme: Theme): CustomTableLayout {
  return {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.75 : i === 1 ? 0.75 : 0.25),
    vLineWidth: () => 0,
    hLineColor: (i) => (i <= 1 ? theme.colors.accent : theme.colors.rule),
    fillColor: (row) => (row === 0 ? theme.colors.tableHeader : null),
    paddingLeft: () => 5,
    paddingRight: () => 5,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  };
}

/** A task list checkbox, drawn (the theme's latin faces have no ☐/☑ glyphs). */
export function checkbox(theme: Theme, checked: boolean): string {
  const size = theme.sizes.body;
  const tick = checked
    ? `<path d="M2.2 5.2 L4.2 7.2 L7.8 2.8" fill="none" stroke="${theme.colors.accent}" stroke-width="1.4"/>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 10 10"><rect x="0.5" y="0.5" width="9" height="9" rx="1" fill="none" stroke="${theme.colors.text}" stroke-width="0.8"/>${tick}</svg>`;
}
