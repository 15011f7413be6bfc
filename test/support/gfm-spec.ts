import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";

/** One example of the GitHub Flavored Markdown spec. */
export interface SpecExample {
  number: number;
  section: string;
  markdown: string;
  html: string;
}

export const specPath = fileURLToPath(new URL("../fixtures/gfm-spec/spec.txt", import.meta.url));

/** Every example of `test/fixtures/gfm-spec/spec.txt`, with `→` turned back into tabs. */
export function specExamples(path = specPath): SpecExample[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const examples: SpecExample[] = [];
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (heading) section = heading[1] ?? section;
    if (!/^`{32} example/.test(line)) continue;
    const md: string[] = [];
    const html: string[] = [];
    let target = md;
    for (i++; i < lines.length && !/^`{32}$/.test(lines[i] ?? ""); i++) {
      if (lines[i] === ".") target = html;
      else target.push(lines[i] ?? "");
    }
    const tab = (s: string) => s.replace(/→/g, "\t");
    examples.push({
      number: examples.length + 1,
      section,
      markdown: `${tab(md.join("\n"))}\n`,
      html: tab(html.join("\n")),
    });
  }
  return examples;
}

/** The words a reader sees in an example's reference HTML (letters and digits only, in order). */
export function referenceWords(html: string): string[] {
  return words(toText(fromHtml(html, { fragment: true })));
}

/** Splits text into comparable words: runs of letters and digits, lower-cased. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
