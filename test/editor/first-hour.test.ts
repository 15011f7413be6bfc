// An editor's first hour, on a brief written like a policy institute's (not Mali): what the front
// matter says shows up in every format, every mistake is reported at once where the editor looks,
// and Folio's own files (the theme) are blamed when they are at fault.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../../src/check/extract-docx.ts";
import { pdfText } from "../../src/check/extract-pdf.ts";
import { formatDate } from "../../src/model/credits.ts";
import { docxFormat } from "../../src/render/docx/format.ts";
import { factsheetFormat } from "../../src/render/factsheet/format.ts";
import { htmlFormat } from "../../src/render/html/format.ts";
import { pdfFormat } from "../../src/render/pdf/format.ts";
import { openDocx } from "../docx-package.ts";
import { mainInProcess, runFolio } from "../support/cli.ts";
import { artifactsOf, loadReport } from "../support/render.ts";

const brief = "test/fixtures/briefs/high-water.md";
const text = readFileSync(brief, "utf8");
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const flat = (s: string) => s.replace(/\s+/g, " ");

/** The brief, changed, in a folder of its own beside its image; the path to it. */
function variant(name: string, change: (text: string) => string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), `folio-brief-${name}-`));
  cpSync("test/fixtures/briefs/delta-works.png", join(dir, "delta-works.png"));
  const path = join(dir, "high-water.md");
  writeFileSync(path, change(text));
  return { dir, path };
}

describe("what the front matter says shows up", () => {
  const model = loadReport(brief);
  let html = "";
  let pdf = "";
  let pdfAll = "";
  let docx = "";
  let docxHeader = "";
  let sheet = "";
  let sheetPage = "";
  beforeAll(async () => {
    html = decode((await artifactsOf(htmlFormat, model))[0]?.bytes);
    const pdfBytes = (await artifactsOf(pdfFormat, model, { sourceDateEpoch: 0 }))[0]?.bytes as Uint8Array;
    pdf = flat((await pdfText(pdfBytes)).text);
    pdfAll = flat((await pdfText(pdfBytes, { top: 0, bottom: 0 })).text);
    const docxBytes = (await artifactsOf(docxFormat, model, { sourceDateEpoch: 0 }))[0]?.bytes as Uint8Array;
    docx = flat(await docxText(docxBytes));
    const pkg = await openDocx(docxBytes);
    docxHeader = (
      await Promise.all(pkg.names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(pkg.part))
    ).join("");
    const sheets = await artifactsOf(factsheetFormat, model, { sourceDateEpoch: 0 });
    sheet = flat((await pdfText(sheets[0]?.bytes as Uint8Array, { top: 0, bottom: 0 })).text);
    sheetPage = decode(sheets[1]?.bytes);
  });

  it("puts the subtitle, both authors (one with her affiliation) and the date, as en-GB writes it, in every title block", () => {
    const byline = "Marit de Vries (Delta Policy Institute) and Joost Hendriks";
    for (const [format, textOf] of [
      ["HTML", flat(html.replace(/<[^>]+>/g, " "))],
      ["PDF", pdf],
      ["DOCX", docx],
    ] as const) {
      expect(textOf, format).toContain("How the Netherlands prepares for the next great flood");
      expect(textOf, format).toContain(byline);
      expect(textOf, format).toContain("14 March 2025");
      expect(textOf, format).not.toContain("2025-03-14");
    }
    expect(html).toContain(
      '<p class="authors">Marit de Vries (Delta Policy Institute) and Joost Hendriks</p>',
    );
    expect(sheet).toContain("Marit de Vries");
    expect(sheetPage).toContain("14 March 2025");
  });

  it("heads every page after the cover with the title, not the country", () => {
    expect(pdfAll).toMatch(/Ready for High Water\? .*Page 2 of 2/);
    expect(pdfAll).not.toMatch(/Netherlands Page|Netherlands \d/);
    expect(docxHeader).toContain("Ready for High Water?");
    expect(docxHeader).not.toContain("Netherlands");
  });

  it("punctuates the colophon after a title that ends in a question mark", () => {
    for (const textOf of [pdf, docx, flat(html.replace(/<[^>]+>/g, ""))]) {
      expect(textOf).toContain("Ready for High Water? Published by Delta Policy Institute, 14 March 2025.");
      expect(textOf).not.toContain("?.");
    }
  });

  it("writes dates as each language does", () => {
    expect(formatDate("2025-03-14", "en-GB")).toBe("14 March 2025");
    expect(formatDate("2025-03-14", "en-US")).toBe("March 14, 2025");
    expect(formatDate("2025-03-14", "fr")).toBe("14 mars 2025");
    expect(formatDate("2025-03", "en-GB")).toBe("March 2025");
    expect(formatDate("Spring 2025", "en-GB")).toBe("Spring 2025");
  });

  it("warns at a heading that skips a level, and every format keeps its whole contents", () => {
    const jump = model.file.messages.find((m) => m.ruleId === "heading-level");
    expect(jump?.line).toBe(text.split("\n").indexOf("### The State of the Dikes") + 1);
    expect(jump?.reason).toMatch(/jumps from 1 to 3/);
    const listed = [
      "Summary",
      "Part One: Lessons of 1953",
      "Part Two",
      "The State of the Dikes",
      "What Remains to Be Done",
    ];
    expect(model.contents.entries.map((e) => e.text)).toEqual(listed);
    const nav = html.slice(html.indexOf('<nav class="toc"'), html.indexOf("</nav>"));
    for (const heading of listed) {
      expect(nav, "HTML").toContain(heading);
      expect(pdf.slice(0, pdf.indexOf("Summary A quarter")), "PDF cover").toContain(heading);
    }
    expect(docx.slice(0, docx.indexOf("A quarter of"))).toContain("The State of the Dikes");
  });

  it("makes an image alone in its paragraph a figure with its caption in all three formats", () => {
    const caption = "The Delta Works at the mouth of the Eastern Scheldt";
    expect(html).toMatch(
      new RegExp(
        `<figure class="figure"(?: id="src-\\d+")?><img[^>]*alt="${caption}"[^>]*><figcaption aria-hidden="true">${caption}</figcaption></figure>`,
      ),
    );
    expect(pdf).toContain(caption);
    expect(docx).toContain(caption);
  });
});

describe("every mistake at once, where the editor looks", () => {
  const broken = variant("broken", (t) =>
    t
      .replace("author:\n", "auhthor:\n")
      .replace("lang: en-GB", "lang: en-GB\nyear: twenty")
      .replace('value: "3,700"', 'value: "3,800"')
      .replace("(delta-works.png)", "(delta-work.png)")
      .replace("places: [Rotterdam,", "places: [Rotterdm,")
      .replace("near Rotterdam", "near Rotterdm"),
  );
  const lines = readFileSync(broken.path, "utf8").split("\n");
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  const run = runFolio(["build", "high-water.md", "--out", "out"], broken.dir);
  const messages = run.stderr.trim().split("\n");

  it("fails once, with every error of the source, sorted by line, then the warnings", () => {
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
    const errors = messages.filter((m) => m.includes(": error: "));
    const warnings = messages.filter((m) => m.includes(": warning: "));
    expect(errors.map((m) => Number(m.split(":")[1]))).toEqual([
      lineOf("year: twenty"),
      lineOf('value: "3,800"'),
      lineOf("delta-work.png"),
    ]);
    expect(errors[0]).toContain("Front matter field `year`");
    expect(errors[1]).toContain("The value “3,800” does not stand in the fact’s quote");
    expect(errors[2]).toContain("Image `delta-work.png` not found");
    expect(messages.indexOf(warnings[0] as string)).toBeGreaterThan(messages.indexOf(errors[2] as string));
    expect(warnings.map((m) => Number(m.split(":")[1]))).toEqual(
      [...warnings.map((m) => Number(m.split(":")[1]))].sort((a, b) => a - b),
    );
    expect(messages.at(-1)).toBe("3 errors, 4 warnings"); // auhthor, Rotterdm, two Valkenburgs, the heading jump
  });

  it("points a wrong value at its `value:` line and suggests the field and the place meant", () => {
    expect(run.stderr).toContain(`high-water.md:${lineOf('value: "3,800"')}:`);
    expect(run.stderr).toContain(
      `high-water.md:${lineOf("auhthor:")}:1: warning: Unknown front matter field \`auhthor\` (ignored): did you mean \`author\`?`,
    );
    expect(run.stderr).toMatch(/Place “Rotterdm” not found in the gazetteer .*did you mean “Rotterdam”\?/);
  });

  it("suggests the command meant", async () => {
    // The command's entry in this process: cli.test.ts runs a usage error through the process.
    const typo = await mainInProcess(["biuld"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command `biuld`: did you mean `build`?");
  });
});

describe("a theme font that is not installed", () => {
  it("blames the theme's field, not the report, and says how to install it", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-theme-"));
    const templates = join(dir, "templates");
    cpSync("templates", templates, { recursive: true });
    const theme = join(templates, "theme.json");
    const json = JSON.parse(readFileSync(theme, "utf8")) as { fonts: Record<string, unknown> };
    json.fonts.body = { family: "Source Serif 4" }; // one edit: the package follows the family
    writeFileSync(theme, JSON.stringify(json, null, 2));
    const { path } = variant("theme", (t) => t);
    const run = runFolio(["build", path, "--out", join(dir, "out")], dir, { FOLIO_TEMPLATES: templates });
    expect(run.code).toBe(1);
    const line =
      readFileSync(theme, "utf8")
        .split("\n")
        .findIndex((l) => l.includes('"Source Serif 4"')) + 1;
    expect(run.stderr).toMatch(new RegExp(`theme\\.json:${line}:\\d+: error: Theme field \`fonts\\.body\``));
    expect(run.stderr).toContain("run `npm install @fontsource/source-serif-4`");
    expect(run.stderr).not.toMatch(/Cannot find module|Require stack|Internal error/);
  });
});
