import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReports } from "../src/pipeline/build.ts";
import type { BuildResult } from "../src/pipeline/output.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { testAssets } from "./support/render.ts";

// A book in `brand: meridian` whose first chapter names another brand (sahel-fr, French) and whose
// second names none: the book's brand dresses both, and the first gets a warning at its line.
const book = "test/fixtures/brands/book/handbook.md";
const out = mkdtempSync(join(tmpdir(), "folio-brands-book-"));
let result: BuildResult;

beforeAll(async () => {
  result = await buildReports([book], {
    outDir: out,
    formats: ["html"],
    sourceDateEpoch: 0,
    assets: testAssets(),
  });
}, 120_000);

const page = (name: string) => parsePage(readFileSync(join(out, name)));

describe("a book's brand dresses all its chapters", () => {
  it("warns at the book's line of a chapter that names another brand, and only there", () => {
    const messages = result.files.flatMap((f) =>
      f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.fatal ? "error" : "warning"} ${m.reason}`),
    );
    expect(messages).toEqual([
      `${book}:5:5 warning Chapter \`sahel-chapter.md\` names the brand \`sahel-fr\`, not the book's \`meridian\`: in the book it is dressed as every chapter is, in \`meridian\``,
    ]);
    expect(result.ok).toBe(true);
  });

  it("loads each chapter with the book's brand: its words and language, not the chapter's own", () => {
    const titles = (name: string) =>
      selectAll(".note-title", page(name)).map((element) => visibleText(element));
    // sahel-fr is French: its chapter alone would title the warning "Avertissement".
    expect(titles("handbook/sahel-chapter.html")).toEqual(["Warning"]);
    expect(titles("handbook/plain-chapter.html")).toEqual(["Tip"]);
    for (const name of ["handbook.html", "handbook/sahel-chapter.html", "handbook/plain-chapter.html"]) {
      const html = selectAll("html", page(name))[0];
      expect(attr(html, "lang")).toBe("en");
      // meridian's own serif, from its font files, on every page of the book.
      expect(readFileSync(join(out, name), "utf8")).toContain('@font-face{font-family:"Source Serif 4"');
    }
  });
});
