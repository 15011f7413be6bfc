import type { VFile } from "vfile";
import { byPlace } from "../model/source-place.ts";

/**
 * Formats messages one per line, `file:line:column: severity: reason`, the form compilers use
 * and editors and CI logs turn into links. Fatal messages are errors, the rest warnings.
 */
export function formatMessages(files: readonly VFile[], options: { errorsOnly?: boolean } = {}): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    // Errors first, then warnings, each in source order: the first line is the first thing to fix.
    const ordered = [...file.messages].sort(
      (a, b) => Number(b.fatal === true) - Number(a.fatal === true) || byPlace(a, b),
    );
    for (const message of ordered) {
      const fatal = message.fatal === true;
      if (fatal) errors++;
      else warnings++;
      if (options.errorsOnly && !fatal) continue;
      const place = message.line ? `:${message.line}:${message.column ?? 1}` : "";
      lines.push(
        `${message.file || file.path || "<input>"}${place}: ${fatal ? "error" : "warning"}: ${message.reason}`,
      );
    }
  }
  if (errors + warnings > 0 && !options.errorsOnly) {
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    lines.push(`${count(errors, "error")}, ${count(warnings, "warning")}`);
  }
  return lines.join("\n");
}
