import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBuild, expectedSentences } from "../src/check/check.ts";
import type { ReportModel } from "../src/model/types.ts";
import { pdfPages } from "./pdf-text.ts";
import { buildInProject } from "./support/cli.ts";
import { loadReport, renderDocx, renderHtml, renderPdf } from "./support/render.ts";

const source = `---
title: Pending changes
---

# Water{++ and outlook++}{>>Ana Ruiz, 2026-12-01T10:00:00Z<<}

Levels rose {--sharply --}{~~last~>this~~} year{>>Ana Ruiz, 2026-12-01: Which year?<<}, {==as forecast==}.

Spans *emphasis*: {++new *words* here++} and {~~old~>new~~} and \`{++code++}\`.
`;

describe("CriticMarkup, read once in the model", () => {
  let model: ReportModel;
  let html: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-critic-"));
    const path = join(dir, "pending.md");
    writeFileSync(path, source);
    model = loadReport(path);
    html = await renderHtml(model);
  });

  it("warns at the first mark that changes are pending", () => {
    const pending = model.file.messages.filter((m) => m.ruleId === "critic-pending");
    expect(pending).toHaveLength(1);
    // Seven: the "author, date" comment after "and outlook" is part of that change, not counted.
    expect(pending[0]?.reason).toMatch(/^7 CriticMarkup changes and comments pending/);
    expect(pending[0]?.line).toBe(5);
  });

  it("HTML shows the marks: ins, del, mark, and the comment as a visible note", () => {
    // A comment of only "author, date" after a change titles the change, and is not a note.
    expect(html).toContain('Water<ins title="Ana Ruiz, 2026-12-01T10:00:00Z"> and outlook</ins></h');
    expect(html).toContain(
      '<del class="critic-delete">sharply </del><del class="critic-delete">last</del><ins>this</ins> year',
    );
    expect(html).toContain(
      '<span class="critic-comment" role="note"> [Comment: Ana Ruiz, 2026-12-01: Which year?]</span>',
    );
    expect(html).toContain("<mark>as forecast</mark>");
    expect(html).toContain("<ins>new <em>words</em> here</ins>");
    expect(html).toContain('<del class="critic-delete">old</del><ins>new</ins>');
    expect(html).toContain("<code>{++code++}</code>");
    // The heading's id is the accepted text's.
    expect(html).toContain('id="water-and-outlook"');
  });

  it("PDF and DOCX show the text as if every change were accepted", async () => {
    const pdf = (await pdfPages(await renderPdf(model)))
      .map((p) => p.text)
      .join(" ")
      .replace(/\s+/g, " ");
    expect(pdf).toContain("Levels rose this year, as forecast.");
    expect(pdf).toContain("Spans emphasis: new words here and new and {++code++}.");
    expect(pdf).not.toMatch(/sharply|Which year|\{\+\+new/);
    const zip = await JSZip.loadAsync(await renderDocx(model));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(text).toContain("Levels rose this year, as forecast.");
    expect(text).toContain("Water and outlook");
    expect(text).not.toMatch(/sharply|Which year/);
  });

  it("names a comment in the report's language, from the labels", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-critic-"));
    for (const [lang, word] of [
      ["fr", "Commentaire"],
      ["es", "Comentario"],
    ]) {
      const path = join(dir, `${lang}.md`);
      writeFileSync(
        path,
        `---\ntitle: Relecture\nlang: ${lang}\n---\n\nTexte{>>Ana Ruiz, 2026-12-01: Pourquoi ?<<}.\n`,
      );
      const localised = await renderHtml(loadReport(path));
      expect(localised).toContain(`role="note"> [${word}: Ana Ruiz, 2026-12-01: Pourquoi ?]</span>`);
      expect(localised).not.toContain("[Comment:");
    }
  });

  it("folio check finds every accepted sentence in the HTML, PDF and DOCX, and no false missing one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-critic-check-"));
    const path = join(dir, "pending.md");
    writeFileSync(path, source);
    const out = join(dir, "out");
    // Built in this process (it throws unless the build succeeds): `check` is what is tested.
    await buildInProject(dir, [path], ["html", "pdf", "docx"]);
    const sentences = expectedSentences(model.tree, ".pdf");
    expect(sentences).toContain("Levels rose this year, as forecast.");
    expect(sentences.join(" ")).not.toMatch(/sharply|Which year|Ana Ruiz/);
    const report = await checkBuild([path], out);
    expect(report.problems).toEqual([]);
    for (const suffix of ["html", "pdf", "docx"])
      expect(report.lines).toContain(
        `${join(out, `pending.${suffix}`)}: ${sentences.length}/${sentences.length} sentences in order`,
      );
  }, 120_000);
});
