import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { VFile } from "vfile";
import { formatMessages } from "../cli/report.ts";
import { decodeSource } from "../model/load.ts";
import { type ReviewMode, reviewBrief } from "./review.ts";

/** Where the command prints: the changes to `out`, errors and what it wrote to `err`. */
export interface ReviewOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * `folio review`: reads SOURCE and the reviewed BRIEF, prints every change at its place in SOURCE,
 * and for --apply or --accept replaces SOURCE in one rename; on any error nothing is written.
 */
export async function runReviewCommand(
  sourcePath: string,
  briefPath: string,
  mode: ReviewMode,
  output: ReviewOutput,
): Promise<number> {
  const file = new VFile({ path: sourcePath });
  const source = readBytes(sourcePath, file, "source");
  const brief = readBytes(briefPath, file, "brief");
  let result: Awaited<ReturnType<typeof reviewBrief>> | undefined;
  if (source && brief) {
    let text: string | undefined;
    try {
      text = decodeSource(source, file).replace(/\r\n?/g, "\n");
    } catch {
      // decodeSource recorded the error at its line.
    }
    if (text !== undefined) result = await reviewBrief(text, brief, file, mode);
  }
  const failed = file.messages.some((m) => m.fatal);
  const errors = new VFile({ path: sourcePath });
  errors.messages = file.messages.filter((m) => m.fatal);
  const listed = new VFile({ path: sourcePath });
  listed.messages = file.messages.filter((m) => !m.fatal);
  if (failed) {
    output.err(`${formatMessages([errors])}\n`);
    output.err(`folio review: nothing written\n`);
    return 1;
  }
  const count = result?.changes.length ?? 0;
  if (listed.messages.length) output.out(`${formatMessages([listed]).split("\n").slice(0, -1).join("\n")}\n`);
  output.err(
    `${count} change${count === 1 ? "" : "s"} and comment${count === 1 ? "" : "s"} in ${basename(briefPath)}\n`,
  );
  if ((mode === "apply" || mode === "accept") && result?.text !== undefined) {
    writeAtomically(sourcePath, result.text);
    output.err(
      `wrote ${sourcePath} (${mode === "apply" ? "changes as CriticMarkup" : "changes accepted"})\n`,
    );
  }
  return 0;
}

function readBytes(path: string, file: VFile, what: string): Uint8Array | undefined {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : `cannot read (${code})`;
    file.message(`The ${what} \`${path}\`: ${reason}`, { ruleId: "read", source: "folio" }).fatal = true;
    return undefined;
  }
}

/** Replaces a file in one rename, from a temporary beside it: a reader sees the old or the new file, never half. */
function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, text, { flag: "wx" });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
