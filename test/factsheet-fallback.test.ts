import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { pdfPages } from "./pdf-text.ts";
import { loadReport, renderWith } from "./support/render.ts";

// Issue 28: a fact sheet that cannot fit one page falls back to its summary form with a warning,
// and never fails the report. The sources are generated (a 1.95 MB one is no fixture to commit).

const dir = mkdtempSync(join(tmpdir(), "folio-sheet-fallback-"));
const report = (name: string, body: string) => {
  const path = join(dir, `${name}.md`);
  writeFileSync(path, `---\ntitle: Hostile ${name}\npublisher: Test Office\n---\n\n${body}\n`);
  return path;
};

const sources: Array<[string, () => string, boolean]> = [
  [
    "sixty short sections",
    () => Array.from({ length: 60 }, (_, i) => `## Section ${i + 1}\n\nShort text.`).join("\n\n"),
    true,
  ],
  ["a long first sentence", () => `${"word ".repeat(20_000)}end.\n\nSecond sentence.`, true],
  [
    "20,000 headings",
    () => Array.from({ length: 20_000 }, (_, i) => `## Heading ${i + 1}`).join("\n\n"),
    true,
  ],
  ["deep emphasis", () => `${"*a **b ".repeat(15)}deep${" b** a*".repeat(15)} after.`, false],
  [
    "a 1.95 MB source",
    () =>
      Array.from(
        { length: 7_000 },
        (_, i) =>
          `## Part ${i + 1}\n\nThe office reviewed ${i + 3} programmes this year and found that most of them met their targets on time and within budget.\n\n- First point of part ${i + 1}, stated at some length to make the source large.\n- Second point.`,
      ).join("\n\n"),
    true,
  ],
];

describe("a fact sheet that cannot fit one page", () => {
  it.each(sources)(
    "falls back to one page, never a failure: %s",
    async (name, body, overflows) => {
      const model = loadReport(report(name.replace(/\W+/g, "-"), body()));
      const { artifacts, messages } = await renderWith(factsheetFormat, model, { sourceDateEpoch: 0 });
      const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
      const pages = await pdfPages(pdf);
      expect(pages).toHaveLength(1);
      // The title band stands whole on the one page.
      expect(pages[0]?.text.replace(/\s+/g, " ")).toContain(model.meta.title);
      const overflow = messages.filter((m) => m.ruleId === "factsheet-overflow");
      if (overflow.length > 0) {
        expect(overflow[0]?.fatal).toBeFalsy();
        expect(overflow[0]?.reason).toMatch(/shorter summary|left out/);
      }
      if (!overflows) expect(overflow).toEqual([]);
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
      const h1 = /<h1>(.*?)<\/h1>/s.exec(html)?.[1] ?? "";
      expect(h1.replace(/<br>/g, " ")).toBe(model.meta.title);
    },
    120_000,
  );
});
