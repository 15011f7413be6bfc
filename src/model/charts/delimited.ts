import type { DataCell } from "./types.ts";

/** A problem in a delimited file, at its line and column. */
export interface DelimitedProblem {
  reason: string;
  line: number;
  column: number;
}

/**
 * Splits CSV (RFC 4180: `"` quotes a field, `""` is a quote inside one, a quoted field may span
 * lines) or TSV text into rows of cells, each with the line and column where it starts, so a
 * message can point at one cell. Blank lines are skipped. Written here rather than taken from
 * npm because no parser there reports where each field starts, which every message about a cell
 * needs.
 */
export function parseDelimited(
  text: string,
  delimiter: "," | "\t",
): { rows: DataCell[][]; problem?: DelimitedProblem } {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const rows: DataCell[][] = [];
  let row: DataCell[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  const advance = (ch: string) => {
    i++;
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  };
  while (i <= source.length) {
    const place = { line, column };
    let value = "";
    const quoted = source[i] === '"';
    if (quoted) {
      advance('"');
      for (;;) {
        if (i >= source.length)
          return { rows, problem: { reason: "A quoted field is never closed", ...place } };
        const ch = source[i] as string;
        if (ch === '"' && source[i + 1] === '"') {
          value += '"';
          advance(ch);
          advance(ch);
        } else if (ch === '"') {
          advance(ch);
          break;
        } else {
          value += ch;
          advance(ch);
        }
      }
      const next = source[i];
      if (next !== undefined && next !== delimiter && next !== "\n")
        return {
          rows,
          problem: { reason: "Text after a quoted field's closing quote", line, column },
        };
    } else {
      while (i < source.length && source[i] !== delimiter && source[i] !== "\n") {
        value += source[i];
        advance(source[i] as string);
      }
    }
    row.push({ text: value, place });
    const end = source[i];
    if (end === delimiter) {
      advance(end);
      continue;
    }
    // The end of a record: a blank line (one empty cell) is no record.
    if (!(row.length === 1 && value === "" && !quoted)) rows.push(row);
    row = [];
    if (end === undefined) break;
    advance(end);
    if (i === source.length) break;
  }
  return { rows };
}
