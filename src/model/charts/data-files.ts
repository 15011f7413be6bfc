import { readFileSync } from "node:fs";
import { extname, isAbsolute, join, relative } from "node:path";
import { fileBesideSource } from "../inside-folder.ts";
import { parseDelimited } from "./delimited.ts";
import type { DataTable } from "./types.ts";

/** A data file past this size is refused: a chart or a table of the body never needs more. */
const maxDataBytes = 5 * 1024 * 1024;

/** A data file read, or why not. */
export type DataFileResult = { table: DataTable } | { problem: string; line?: number; column?: number };

/**
 * Reads a CSV or TSV file (by its extension) named by a directive's `src`, relative to the
 * source's folder and never outside it, a regular file only (as images are read): the loader's
 * reading layer, so renderers never touch the disk. `shownAs` is how messages name the file.
 */
export function readDataFile(src: string, sourceDir: string, shownAs: string): DataFileResult {
  const extension = extname(src).toLowerCase();
  if (extension !== ".csv" && extension !== ".tsv")
    return { problem: `Data file \`${src}\` is not a .csv or .tsv file` };
  if (isAbsolute(src))
    return { problem: `Data file \`${src}\` is an absolute path: give it relative to the source` };
  const file = fileBesideSource(src, sourceDir, maxDataBytes);
  if ("problem" in file) {
    if (file.kind === "outside")
      return { problem: `Data file \`${src}\` resolves outside the source folder: refused` };
    if (file.kind === "not-file" || file.kind === "unreadable")
      return { problem: `Data file \`${src}\` is not a regular file: not read` };
    if (file.kind === "too-big")
      return {
        problem: `Data file \`${src}\` is ${((file.size ?? 0) / 1e6).toFixed(1)} MB: over the 5 MB limit`,
      };
    return { problem: `Data file \`${src}\` not found (looked for ${shownAs})` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file.real));
  } catch {
    return { problem: `Data file \`${src}\` is not valid UTF-8: save it as UTF-8` };
  }
  const { rows, problem } = parseDelimited(text, extension === ".tsv" ? "\t" : ",");
  if (problem) return { problem: problem.reason, line: problem.line, column: problem.column };
  const [header, ...body] = rows;
  if (!header || body.length === 0) return { problem: `Data file \`${src}\` has no rows under its header` };
  return { table: { header, rows: body, file: shownAs } };
}

/** How a message names a data file: its path beside the report's path as the report's is given. */
export function dataFileShownAs(reportPath: string, src: string): string {
  const folder = reportPath.includes("/") ? reportPath.slice(0, reportPath.lastIndexOf("/")) : ".";
  return relative(".", join(folder, src)) || src;
}
