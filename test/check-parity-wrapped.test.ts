import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBuild } from "../src/check/check.ts";
import { wordXmlText } from "../src/check/extract-docx.ts";
import { pdfText } from "../src/check/extract-pdf.ts";
import { readInOrder } from "../src/check/reading.ts";
import { buildInProject, mainInProcess, runFolio } from "./support/cli.ts";

const fixture = join(import.meta.dirname, "fixtures", "check", "wrapped-cells.md");
let dir: string;
let out: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "folio-check-wrapped-"));
  out = join(dir, "out");
  // The artifacts `check` reads, built in this process (it throws on any error): the `check`
  // command's process is what the tests below run.
  await buildInProject(dir, [fixture], ["html", "pdf", "docx"]);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("folio check reads wrapped table cells as a reader does", () => {
  it("builds a PDF whose table cells really wrap at a dash, a hyphen or a slash", async () => {
    // Without such wraps the test would prove nothing about reading them (where exactly a cell
    // wraps is the table layout's choice: "FY2022–|FY2024", "Approved/|final").
    const { text } = await pdfText(readFileSync(join(out, "wrapped-cells.pdf")));
    const table = text.slice(text.indexOf("State"), text.indexOf("Table notes"));
    expect(table).toMatch(/\p{L}[-‐–—/]\n\p{L}|\d–\nFY/u);
  });

  it("passes every sentence of the source in the PDF, the DOCX and the HTML", async () => {
    const report = await checkBuild([fixture], out);
    expect(report.problems).toEqual([]);
    for (const suffix of [".html", ".pdf", ".docx"]) {
      const line = report.lines.find((l) => l.includes(`wrapped-cells${suffix}:`));
      expect(line, suffix).toMatch(/: (\d+)\/\1 sentences in order$/);
    }
  });

  it("exits 0 from the CLI", () => {
    const result = runFolio(["check", fixture, "--out", out], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}.*wrapped-cells\.pdf: \d+\/\d+ sentences in order$/m);
  });

  it("still names a sentence the artifacts do not hold, and exits 1", async () => {
    // The same source with one sentence added and one header cell changed, checked against the build.
    const source = join(dir, "wrapped-cells.md");
    copyFileSync(fixture, source);
    const text = readFileSync(source, "utf8");
    writeFileSync(
      source,
      text.replace("## Findings\n", "## Findings\n\nA sentence that was never built appears here.\n"),
    );
    const report = await checkBuild([source], out);
    expect(report.problems).toHaveLength(3);
    for (const problem of report.problems)
      expect(problem).toMatch(/missing: “A sentence that was never built appears here\.”/);

    writeFileSync(source, text.replace("FY2022–FY2024 ($", "FY2022–FY2025 ($"));
    const changed = await checkBuild([source], out);
    expect(changed.problems.join("\n")).toMatch(/wrapped-cells\.pdf: .*missing: “Awards, FY2022–FY2025/);
    // The command's exit status and report, through its entry in this process (its own process
    // is run by the test before).
    const result = await mainInProcess(["check", source, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^FAIL .*wrapped-cells\.pdf: sentence \d+ of \d+ missing/m);
  });
});

describe("reading an artifact's text", () => {
  const reads = (artifact: string, sentence: string, pdf = false) =>
    readInOrder(artifact, [sentence], { spacesMayBeMarks: pdf }).missing === undefined;

  it("reads a line break as the source's space, or as nothing inside a word", () => {
    expect(reads("Awards, FY2022–\nFY2024 ($ millions)", "Awards, FY2022–FY2024 ($ millions)")).toBe(true);
    expect(reads("Community-\nwater-system\ncount", "Community-water-system count")).toBe(true);
    expect(reads("Loans\n—principal", "Loans—principal")).toBe(true);
    expect(reads("https://www.epa.gov/dw\nsrf/guidance", "https://www.epa.gov/dwsrf/guidance")).toBe(true);
  });

  it("reads a Word line break inside a table cell the same way", () => {
    const cell =
      '<w:p><w:r><w:t xml:space="preserve">Community-water-</w:t></w:r><w:r><w:br/></w:r>' +
      '<w:r><w:t xml:space="preserve">system count</w:t></w:r></w:p>';
    expect(reads(wordXmlText(cell), "Community-water-system count")).toBe(true);
    expect(reads(wordXmlText(cell.replace("system", "sys")), "Community-water-system count")).toBe(false);
  });

  it("never reads soft hyphens, zero-width spaces or joiners, on either side", () => {
    expect(reads("infra\u00adstructure", "infrastructure")).toBe(true);
    expect(reads("infrastructure", "infra\u00adstructure")).toBe(true);
    expect(reads("infra-\nstructure", "infra\u00adstructure")).toBe(true);
    expect(reads("https://\u200bwww.epa.gov/\u200bdwsrf", "https://www.epa.gov/dwsrf")).toBe(true);
    expect(reads("https://www.epa.gov/\ndwsrf", "https://\u200bwww.epa.gov/\u200bdwsrf")).toBe(true);
    expect(reads("non\u2011community", "non-community")).toBe(true);
  });

  it("reads a PDF's space at an invisible mark as nothing, and nowhere else", () => {
    expect(reads("https:// www.epa.gov/ dwsrf", "https://www.epa.gov/dwsrf", true)).toBe(true);
    expect(reads("https:// www.epa.gov/ dwsrf", "https://www.epa.gov/dwsrf")).toBe(false);
  });

  it("does not read words run together, a changed word or a dropped one", () => {
    expect(reads("Awards,FY2022", "Awards, FY2022")).toBe(false);
    expect(reads("FY2022–\nFY2025", "FY2022–FY2024")).toBe(false);
    expect(reads("Community-\nsystem count", "Community-water-system count")).toBe(false);
    expect(reads("infra-\nstructure", "infrastructure", true)).toBe(false);
  });

  it("reads the sentences in order and says where the last one read ends", () => {
    const reading = readInOrder("One.\nTwo\nthree. Four.", ["One.", "Two three.", "Five."]);
    expect(reading.found).toBe(2);
    expect(reading.missing).toBe("Five.");
    expect(reading.text.slice(reading.end)).toBe(" Four.");
    expect(readInOrder("Two. One.", ["One.", "Two."]).missing).toBe("Two.");
  });
});
