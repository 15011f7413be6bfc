import type { Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/** A GFM delimiter row: `|---|:--:|`, `--- | ---` (cells of dashes with optional alignment colons). */
const delimiterRow = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/**
 * Warns at a paragraph that was meant as a table: a line of cells followed by a delimiter row
 * whose cell count differs. GFM then makes no table, and the pipes are printed as text.
 */
export function checkTableLikeParagraphs(tree: Root, file: VFile, source: string): void {
  visit(tree, "paragraph", (node) => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (start?.offset === undefined || end?.offset === undefined) return;
    const raw = source.slice(start.offset, end.offset).split("\n");
    const lines = raw.map(withoutContainerMarks);
    // Rows of cells with no delimiter row under the first: no table at all.
    if (
      lines.length >= 2 &&
      lines.every((line) => /^\|.*\|$/.test(line) && cells(line).length >= 2) &&
      !lines.some((line) => delimiterRow.test(line))
    ) {
      const columns = cells(lines[0] as string).length;
      file.message(
        `These lines look like a table's rows, but no delimiter row follows the first (\`|${" --- |".repeat(columns)}\`): they are printed as text`,
        { place: { line: start.line, column: start.column }, ruleId: "table-like", source: "folio" },
      );
      return undefined;
    }
    lines.forEach((header, i) => {
      const delimiter = lines[i + 1];
      if (delimiter === undefined || !header.includes("|") || !delimiterRow.test(delimiter)) return;
      if (!delimiter.includes("|") && cells(header).length < 2) return;
      const headerCells = cells(header).length;
      const delimiterCells = cells(delimiter).length;
      if (headerCells === delimiterCells) return;
      file.message(
        `A table's header has ${headerCells} ${headerCells === 1 ? "cell" : "cells"} but its delimiter row has ${delimiterCells}: it is printed as text`,
        {
          place: { line: start.line + i, column: i === 0 ? start.column : indentOf(raw[i] ?? "") + 1 },
          ruleId: "table-like",
          source: "folio",
        },
      );
    });
    return undefined;
  });
}

const containerMarks = /^[ \t]*(>[ \t]?)*[ \t]*/;

/** A paragraph line without the block quote marks and indentation it sits in. */
function withoutContainerMarks(line: string): string {
  return line.replace(containerMarks, "").trim();
}

/** How many characters of block quote marks and indentation come before a line's text. */
function indentOf(line: string): number {
  return containerMarks.exec(line)?.[0].length ?? 0;
}

/** The cells of a row as GFM counts them: split at unescaped pipes, an outer pipe at either end dropped. */
function cells(row: string): string[] {
  const parts = row.split(/(?<!\\)\|/);
  if (parts[0]?.trim() === "") parts.shift();
  if (parts.length > 0 && parts.at(-1)?.trim() === "") parts.pop();
  return parts;
}
