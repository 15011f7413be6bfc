import type { Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/**
 * Warns at a table row with more cells than the header: GFM ignores the cells past the header's
 * width, so every format leaves them out (src/render/pdf/tables.ts and the others cut rows to it),
 * and an editor who added a value without its column lost it without a word. The text of the cells
 * left out is quoted from the source. A row with fewer cells is padded with empty ones: nothing is lost.
 */
export function checkTableRows(tree: Root, file: VFile, source: string): void {
  visit(tree, "table", (table) => {
    const [header, ...rows] = table.children;
    const width = header?.children.length ?? 0;
    for (const row of rows) {
      if (row.children.length <= width) continue;
      const extra = row.children.slice(width);
      const texts = extra.map((cell) => {
        const { start, end } = cell.position ?? {};
        return start?.offset === undefined || end?.offset === undefined
          ? ""
          : source.slice(start.offset, end.offset).replace(/^\|/, "").replace(/\|$/, "").trim();
      });
      // At the first left-out cell's text, not at the pipe before it.
      const first = extra[0]?.position?.start;
      const lead =
        first?.offset === undefined ? 0 : (/^\|?[ \t]*/.exec(source.slice(first.offset))?.[0].length ?? 0);
      const cells = (n: number) => `${n} ${n === 1 ? "cell" : "cells"}`;
      file.message(
        `This table row has ${cells(row.children.length)} but the header has ${cells(width)}: ${texts.map((t) => `“${t}”`).join(", ")} ${extra.length === 1 ? "is" : "are"} not printed (add a header cell for ${extra.length === 1 ? "it" : "them"}, or remove ${extra.length === 1 ? "it" : "them"})`,
        {
          place: first ? { line: first.line, column: first.column + lead } : row.position?.start,
          ruleId: "table-row-cells",
          source: "folio",
        },
      );
    }
    return undefined;
  });
}
