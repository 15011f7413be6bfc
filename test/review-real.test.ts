// The Word review round trip on every real document (test/fixtures/real): a reviewer's insertion,
// deletion and replacement in a paragraph, a list item and a table cell, made in Word's XML;
// then Word's "Accept All" on that XML and `folio review --accept` on the source must give the
// same text, block by block. One build of each document, and one of its accepted source.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { docxFormat } from "../src/render/docx/format.ts";
import { type ReviewedBrief, readReviewedBrief } from "../src/review/docx-read.ts";
import { type ReviewResult, reviewBrief } from "../src/review/review.ts";
import { loadModel as loadReport, renderDocx, sharedBytes } from "./support/render.ts";
import { reviewAsWord, type WordEdit } from "./support/word-review.ts";

// Documents are loaded as a DOCX build loads them, without the fact sheet's facts (their checks on
// these documents are test/facts-real.test.ts's, which loads every one of them).

// As the other sweeps name it, so that they share one build of each document (sharedRender).
const real = "test/fixtures/real";
const documents = readdirSync(real).filter((name) => name.endsWith(".md") && name !== "README.md");
const date = "2026-12-01T10:00:00Z";
const author = "Ana Ruiz";

type BlockKind = "paragraph" | "listItem" | "tableCell";

/** Each anchored paragraph of the body: its anchor, kind and the plain runs' texts (where an edit can go). */
function anchoredParagraphs(xml: string): Array<{ anchor: string; kind: BlockKind; runs: string[] }> {
  const found: Array<{ anchor: string; kind: BlockKind; runs: string[] }> = [];
  for (const match of xml.matchAll(/w:name="(_folio_L\d+C\d+)"/g)) {
    const at = match.index ?? 0;
    const start = Math.max(xml.lastIndexOf("<w:p>", at), xml.lastIndexOf("<w:p ", at));
    const paragraph = xml.slice(start, xml.indexOf("</w:p>", at));
    if (/w:pStyle w:val="(Heading|Title|Subtitle)/.test(paragraph)) continue;
    const inCell = xml.lastIndexOf("<w:tc>", at) > xml.lastIndexOf("</w:tc>", at);
    const kind: BlockKind = inCell ? "tableCell" : paragraph.includes("<w:numPr>") ? "listItem" : "paragraph";
    const runs = [
      ...paragraph.matchAll(
        /<w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g,
      ),
    ].map((m) => m[1] ?? "");
    found.push({ anchor: match[1] ?? "", kind, runs });
  }
  return found;
}

/** A word of a run, found once in its paragraph's runs, that an edit can target. */
function wordIn(runs: string[]): string | undefined {
  const all = runs.join("\u0000");
  for (const run of runs)
    for (const word of run.match(/\b[A-Za-z]{5,}\b/g) ?? [])
      if (all.split(word).length === 2 && !/&/.test(run)) return word;
  return undefined;
}

/** The edits of a review: in the first paragraph, list item and table cell that have a word to edit. */
function reviewEdits(xml: string): WordEdit[] {
  const edits: WordEdit[] = [];
  const plans: Array<[BlockKind, (find: string) => Pick<WordEdit, "kind" | "text">]> = [
    ["paragraph", () => ({ kind: "insertAfter", text: " (reviewed)" })],
    ["paragraph", () => ({ kind: "delete" })],
    ["paragraph", (find) => ({ kind: "replace", text: `${find}s` })],
    ["listItem", () => ({ kind: "insertAfter", text: " indeed" })],
    ["listItem", (find) => ({ kind: "replace", text: find.toUpperCase() })],
    ["tableCell", (find) => ({ kind: "replace", text: `new ${find}` })],
    ["tableCell", () => ({ kind: "delete" })],
  ];
  const used = new Set<string>();
  const paragraphs = anchoredParagraphs(xml);
  for (const [kind, plan] of plans) {
    const target = paragraphs.find((p) => p.kind === kind && !used.has(p.anchor) && wordIn(p.runs));
    if (!target) continue;
    used.add(target.anchor);
    const find = wordIn(target.runs) ?? "";
    edits.push({ anchor: target.anchor, find, author, date, ...plan(find) });
  }
  return edits;
}

/** Each paragraph's text with every change accepted, as Word's "Accept All" leaves it (empty ones left out). */
function acceptedTexts(brief: ReviewedBrief, part: string): string[] {
  return brief.paragraphs
    .filter((p) => p.part === part)
    .map((p) =>
      p.segments
        .filter((s) => s.kind !== "del")
        .map((s) => s.text)
        .join("")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((text) => text !== "");
}

describe.each(documents)("the Word review round trip on the real document %s", (name) => {
  let edits: WordEdit[];
  let inWord: ReviewedBrief;
  let rebuilt: ReviewedBrief;
  let accepted: ReviewResult;
  let file: VFile;

  beforeAll(async () => {
    const path = join(real, name);
    const source = readFileSync(path, "utf8");
    // The build the other sweeps of the real documents read too (test/real-documents.test.ts).
    const built = await sharedBytes(docxFormat, loadReport(path), { sourceDateEpoch: 0 });
    const xml = (await (await JSZip.loadAsync(built)).file("word/document.xml")?.async("string")) ?? "";
    edits = reviewEdits(xml);
    const reviewed = await reviewAsWord(built, edits);
    inWord = await readReviewedBrief(reviewed);
    file = new VFile({ path });
    accepted = await reviewBrief(source, reviewed, file, "accept");
    // The accepted source beside the original, so that its images are found at the same paths.
    const dir = mkdtempSync(join(tmpdir(), "folio-review-real-"));
    const acceptedPath = join(dir, name);
    writeFileSync(acceptedPath, accepted.text ?? "");
    for (const entry of readdirSync(real))
      if (entry === "images") copyImages(join(real, entry), join(dir, entry));
    rebuilt = await readReviewedBrief(await renderDocx(loadReport(acceptedPath)));
    // Two DOCX builds of the longest real document, on a loaded machine (or waiting for a sweep's).
  }, 300_000);

  it("edits a paragraph, and a list item and a table cell where the document has them", () => {
    expect(edits.filter((e) => e.anchor).length).toBeGreaterThanOrEqual(3);
    expect(file.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([]);
    // Every edit is listed, placed at a source line.
    expect(accepted.changes.length).toBe(edits.length);
    expect(accepted.changes.every((c) => c.start !== undefined)).toBe(true);
  });

  it("builds from the --accept'ed source the text Word's Accept All gives, block by block", () => {
    expect(acceptedTexts(rebuilt, "body")).toEqual(acceptedTexts(inWord, "body"));
    expect(acceptedTexts(rebuilt, "footnote")).toEqual(acceptedTexts(inWord, "footnote"));
  });
});

function copyImages(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true }))
    if (entry.isDirectory()) copyImages(join(from, entry.name), join(to, entry.name));
    else copyFileSync(join(from, entry.name), join(to, entry.name));
}
