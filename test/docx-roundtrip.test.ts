import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findInOrder, foldSpace, treeSentences } from "../src/model/sentences.ts";
import { formats } from "../src/pipeline/formats.ts";
import type { Format } from "../src/render/format.ts";
import { openDocx } from "./docx-package.ts";
import { docxToPdf } from "./support/libreoffice.ts";
import { artifactsOf, loadReport } from "./support/render.ts";

/**
 * The DOCX as other programs read it: LibreOffice lays it out as PDF, pandoc reads its structure
 * back. Both run once, in beforeAll; LibreOffice gets a fresh profile so parallel runs do not clash.
 */
describe("out/mali-2021.docx read by LibreOffice and pandoc", () => {
  const model = loadReport("source/mali-2021.md");
  const sentences = treeSentences(model.tree);
  const work = mkdtempSync(join(tmpdir(), "folio-docx-rt-"));
  const docx = join(work, "mali-2021.docx");
  let pdfText = "";
  let markdown = "";
  let plain = "";

  beforeAll(async () => {
    // Through the format registry, as the CLI build calls it.
    const format = await (formats.docx as () => Promise<Format>)();
    const artifacts = await artifactsOf(format, model, { sourceDateEpoch: 1_700_000_000 });
    expect(artifacts.map((a) => a.suffix)).toEqual([".docx"]);
    writeFileSync(docx, artifacts[0]?.bytes ?? new Uint8Array());
    docxToPdf([docx], work, { profile: join(work, "lo-profile"), timeout: 180_000 });
    pdfText = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", join(work, "mali-2021.pdf"), "-"], {
      encoding: "utf8",
    });
    markdown = execFileSync("pandoc", ["-f", "docx", "-t", "markdown", "--wrap=none", docx], {
      encoding: "utf8",
    });
    plain = execFileSync("pandoc", ["-f", "docx", "-t", "plain", "--wrap=none", docx], { encoding: "utf8" });
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("converts to a PDF that holds every sentence of the report", () => {
    // A sentence may run over a page: pdftotext puts the page's running footer and the next one's
    // header between its halves, so they are left out (the PDF/HTML checks read the content area only).
    const running = (parts: typeof model.parts.header) =>
      new RegExp(
        `^\f?${parts.map((p) => (typeof p === "string" ? p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : "\\d+")).join("")}$`,
      );
    const [header, footer] = [running(model.parts.header), running(model.parts.footer)];
    const body = pdfText
      .split("\n")
      .filter((line) => !header.test(line) && !footer.test(line))
      .join("\n");
    // pdftotext -raw keeps a line-end hyphen of the text ("suicide-⏎vehicle"); joined, it is one word again.
    const result = findInOrder(body.replace(/-[ \t]*\n\s*/g, "-"), sentences);
    expect(result.missing).toBeUndefined();
    expect(result.found).toBe(sentences.length);
    expect(pdfText).toContain("Page 2 of");
  });

  it("reads back every section heading as a heading and every incident as a list item", () => {
    const headings = markdown.split("\n").filter((line) => /^#{1,6} /.test(line));
    expect(headings.map((line) => line.replace(/^#+ /, "").replace(/\s*\{.*\}$/, ""))).toEqual(
      model.outline.map((e) => e.text),
    );
    const items = markdown
      .split("\n")
      .filter((line) => /^-\s+\S/.test(line))
      .map((line) => foldSpace(line.replace(/^-\s+/, "")));
    expect(items).toHaveLength(4);
    const incidents =
      /:\n\n((?:- .*\n)+)/.exec(readFileSync("source/mali-2021.md", "utf8"))?.[1]?.trim().split("\n") ?? [];
    expect(incidents).toHaveLength(4);
    incidents.forEach((incident, i) => {
      expect(foldSpace(items[i]?.replace(/["“”]/g, "") ?? "")).toBe(
        foldSpace(incident.slice(2).replace(/["“”]/g, "")).replace(/’/g, "'"),
      );
    });
  });

  it("reads back every sentence and heading in order as plain text", () => {
    const normalise = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/—/g, "---");
    const result = findInOrder(normalise(plain), sentences.map(normalise));
    expect(result.missing).toBeUndefined();
    expect(result.found).toBe(sentences.length);
  });

  it("has numbering definitions and a PAGE field in the footer", async () => {
    const pkg = await openDocx(readFileSync(docx));
    expect(pkg.names).toContain("word/numbering.xml");
    expect(await pkg.part("word/footer1.xml")).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
  });
});
