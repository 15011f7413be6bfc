// Where the pages break, read back from the artifacts as a reader sees them: no page ends with a
// heading, and no paragraph of three or more lines leaves one line alone at the foot or the head of
// a page (docs/pagination.md). Every fixture that builds, and the fixtures of test/fixtures/layout/,
// which place a heading or a paragraph exactly at a page's foot (README there); the PDF edition and
// the DOCX as LibreOffice lays it out.
import { globSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { VFileMessage } from "vfile-message";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { pdfDocument } from "../src/render/pdf/document.ts";
import { pdfFonts } from "../src/render/pdf/fonts.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { docxToPdf } from "./support/libreoffice.ts";
import { badBreaks, headingKeys, pageLinesOfEach, paragraphKeys } from "./support/page-lines.ts";
import { loadModel, optionsFor, sharedBytes, testAssets } from "./support/render.ts";

const assets = testAssets();
const margins = assets.theme.page.margins;
const layoutFixtures = globSync("test/fixtures/layout/*.md")
  .filter((path) => basename(path) !== "README.md")
  .sort();
// test/fixtures/perf/ is the bench's 300 KB corpus document: measured by `make bench`, not laid out
// here again (it shows two known breaks, listed in docs/pagination.md).
const allFixtures = globSync("test/fixtures/**/*.md")
  .filter((path) => basename(path) !== "README.md" && !path.startsWith("test/fixtures/perf/"))
  .sort();
const work = mkdtempSync(join(tmpdir(), "folio-keep-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A fixture's model as a build of the PDF or DOCX loads it (without the fact sheet's facts), or
 * undefined when it does not build (some fixtures are errors on purpose).
 */
function loadOnce(path: string): ReportModel | undefined {
  try {
    const model = loadModel(path, { baseDir: dirname(path) });
    return model.file.messages.some((m) => m.fatal) ? undefined : model;
  } catch {
    return undefined;
  }
}
// Loaded once for every check of the file (a renderer changes nothing in a model:
// architecture/pure-renderers), not once per edition.
const loaded = new Map<string, ReportModel | undefined>();
function load(path: string): ReportModel | undefined {
  if (!loaded.has(path)) loaded.set(path, loadOnce(path));
  return loaded.get(path);
}

/** A render's bytes, or undefined when the format refuses the fixture at its line (on purpose: a table no page holds). */
async function refusedOnPurpose(render: () => Promise<Uint8Array>): Promise<Uint8Array | undefined> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof VFileMessage && error.fatal && error.line) return undefined;
    throw error;
  }
}

const slug = (path: string) => path.replace(/^test\/fixtures\//, "").replace(/[/.]/g, "-");

/**
 * The breaks a reader would notice in each PDF, made of its report: the PDFs read together, in one
 * pdftotext run over them joined into `joined` (pageLinesOfEach).
 */
function breaksInEach(pdfs: ReadonlyArray<{ pdf: string; model: ReportModel }>, joined: string) {
  const pages = pageLinesOfEach(
    pdfs.map(({ pdf }) => pdf),
    margins,
    join(work, joined),
  );
  return pdfs.map(({ model }, i) =>
    badBreaks(pages[i] as string[][], headingKeys(model), paragraphKeys(model.tree)),
  );
}

/** The PDF pdfmake makes of the report with none of Folio's page-break rules. */
async function withoutRules(model: ReportModel): Promise<Uint8Array> {
  const theme = { ...assets.theme, pagination: { orphans: 1, widows: 1 } };
  const plan = pdfDocument(
    model,
    { ...assets, theme },
    optionsFor(model, { sourceDateEpoch: 0 }),
    model.file,
  );
  (plan.definition as TDocumentDefinitions).pageBreakBefore = undefined;
  return pdfFonts(assets.fonts).printer().render(plan.definition, plan.resources);
}

describe("the page-break checker", () => {
  it("finds a heading at a page's foot and lone lines of a long paragraph", () => {
    const headings = new Set(["thestrandedheading"]);
    const paragraph = "one two three. four five six. seven eight nine.";
    const paragraphs = [paragraph.replace(/[^a-z]/g, "")];
    const pages = (foot: string[], head: string[]) => [["Filler line."], foot, head];
    expect(badBreaks(pages(["The stranded", "heading"], ["Text."]), headings, paragraphs)).toMatchObject([
      { page: 2, kind: "heading last on its page" },
    ]);
    expect(
      badBreaks(pages(["one two three."], ["four five six.", "seven eight nine."]), headings, paragraphs),
    ).toMatchObject([{ page: 2, kind: "orphan" }]);
    expect(
      badBreaks(pages(["one two three.", "four five six."], ["seven eight nine."]), headings, paragraphs),
    ).toMatchObject([{ page: 3, kind: "widow" }]);
    // A two-line paragraph split one and one, and a contents line (heading and page number), are fine.
    expect(
      badBreaks(pages(["one two three."], ["four five six."]), headings, ["onetwothreefourfivesix"]),
    ).toEqual([]);
    expect(badBreaks(pages(["The stranded heading 3"], ["x"]), headings, paragraphs)).toEqual([]);
  });

  it("finds in each layout fixture, laid out without the rules, the break it was written for", async () => {
    expect(layoutFixtures.length).toBeGreaterThanOrEqual(5);
    const bare: Array<{ path: string; pdf: string; model: ReportModel }> = [];
    for (const path of layoutFixtures) {
      const model = load(path) as ReportModel;
      const pdf = join(work, `${slug(path)}-bare.pdf`);
      writeFileSync(pdf, await withoutRules(model));
      bare.push({ path, pdf, model });
    }
    const found = breaksInEach(bare, "bare-joined.pdf");
    bare.forEach(({ path }, i) => {
      expect(found[i]?.length, path).toBeGreaterThan(0);
    });
  }, 120_000);
});

describe("the PDF edition", () => {
  it("never ends a page with a heading nor leaves a lone line of a long paragraph, in any fixture", async () => {
    const built: Array<{ path: string; pdf: string; model: ReportModel }> = [];
    for (const path of allFixtures) {
      const model = load(path);
      if (!model) continue;
      const bytes = await refusedOnPurpose(() => sharedBytes(pdfFormat, model, { sourceDateEpoch: 0 }));
      if (!bytes) continue;
      const pdf = join(work, `${slug(path)}.pdf`);
      writeFileSync(pdf, bytes);
      built.push({ path, pdf, model });
    }
    const found = breaksInEach(built, "pdf-joined.pdf");
    built.forEach(({ path }, i) => {
      expect(found[i], path).toEqual([]);
    });
    expect(built.length).toBeGreaterThanOrEqual(layoutFixtures.length + 10);
  }, 300_000);
});

describe("the DOCX as LibreOffice lays it out", () => {
  const models = new Map<string, ReportModel>();
  beforeAll(async () => {
    for (const path of allFixtures) {
      const model = load(path);
      if (!model) continue;
      const bytes = await refusedOnPurpose(() => sharedBytes(docxFormat, model, { sourceDateEpoch: 0 }));
      if (!bytes) continue;
      models.set(slug(path), model);
      writeFileSync(join(work, `${slug(path)}.docx`), bytes);
    }
    docxToPdf(
      [...models.keys()].map((name) => join(work, `${name}.docx`)),
      join(work, "docx"),
      { profile: join(work, "lo-profile"), timeout: 300_000 },
    );
  }, 400_000);

  it("never ends a page with a heading nor leaves a lone line of a long paragraph, in any fixture", () => {
    expect(models.size).toBeGreaterThanOrEqual(layoutFixtures.length + 10);
    const laidOut = [...models].map(([name, model]) => ({
      name,
      pdf: join(work, "docx", `${name}.pdf`),
      model,
    }));
    const found = breaksInEach(laidOut, "docx-joined.pdf");
    laidOut.forEach(({ name }, i) => {
      expect(found[i], name).toEqual([]);
    });
  });
});
