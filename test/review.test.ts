import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../src/model/book/load.ts";
import { runReviewCommand } from "../src/review/command.ts";
import { type ReviewedBrief, readReviewedBrief } from "../src/review/docx-read.ts";
import { reviewBrief } from "../src/review/review.ts";
import { runFolio } from "./support/cli.ts";
import { loadReport, renderDocx, testAssets } from "./support/render.ts";
import { reviewAsWord, type WordEdit } from "./support/word-review.ts";

const fixtures = join(import.meta.dirname, "fixtures/review");
const sourcePath = join(fixtures, "brief.md");
const source = readFileSync(sourcePath, "utf8");
const date = "2026-12-01T10:00:00Z";
const edits: WordEdit[] = [
  { anchor: "_folio_L2C1", find: "Delta", kind: "replace", text: "River Delta", author: "Ana Ruiz", date },
  {
    anchor: "_folio_L7C1",
    find: "Overview",
    kind: "insertAfter",
    text: " and outlook",
    author: "Ana Ruiz",
    date,
  },
  { anchor: "_folio_L9C1", find: "water", kind: "comment", text: "Which water?", author: "Ben Ode", date },
  { anchor: "_folio_L9C1", find: " knows", kind: "delete", author: "Ana Ruiz", date },
  { anchor: "_folio_L9C1", find: "rising fast", kind: "replace", text: "climbing", author: "Ana Ruiz", date },
  { anchor: "_folio_L11C1", find: "beyond", kind: "replace", text: "past", author: "Ben Ode", date },
  { anchor: "_folio_L13C3", find: "First item", kind: "italic", author: "Ana Ruiz", date },
  { anchor: "_folio_L18C1", find: "North", kind: "replace", text: "Northern", author: "Ana Ruiz", date },
  { anchor: "_folio_L20C7", find: "note", kind: "replace", text: "remark", author: "Ben Ode", date },
];
const move = { anchor: "_folio_L14C3", afterAnchor: "_folio_L9C1", author: "Ana Ruiz", date };

/** Each paragraph's text with every change accepted, as Word's "Accept All" leaves it (empty ones left out). */
function acceptedTexts(brief: ReviewedBrief, part = "body"): string[] {
  return brief.paragraphs
    .filter((p) => p.part === part && (p.anchor || p.segments.length))
    .map((p) =>
      p.segments
        .filter((s) => s.kind !== "del")
        .map((s) => s.text)
        .join(""),
    )
    .filter((text) => text.trim() !== "");
}

/** The body's paragraphs from its first source block on (the cover's contents and colophon are generated). */
function bodyFrom(texts: string[], first: string): string[] {
  return texts.slice(texts.indexOf(first));
}

describe("folio review on a brief reviewed in Word", () => {
  let built: Uint8Array;
  let reviewed: Uint8Array;
  let listed: VFile;
  const run = async (mode: "list" | "apply" | "accept") => {
    const file = new VFile({ path: sourcePath });
    const result = await reviewBrief(source, reviewed, file, mode);
    return { file, result };
  };

  beforeAll(async () => {
    built = await renderDocx(loadReport(sourcePath));
    reviewed = await reviewAsWord(built, edits, move);
    listed = (await run("list")).file;
  });

  it("anchors every source block of the DOCX with a hidden _folio_ bookmark and names the source", async () => {
    const zip = await JSZip.loadAsync(built);
    const document = await zip.file("word/document.xml")?.async("string");
    const names = [...(document ?? "").matchAll(/w:name="(_folio_[^"]+)"/g)].map((m) => m[1]);
    // Title and subtitle (front matter lines), heading, two paragraphs, two items, four cells.
    expect(names).toEqual([
      "_folio_L2C1",
      "_folio_L3C1",
      "_folio_L7C1",
      "_folio_L9C1",
      "_folio_L11C1",
      "_folio_L13C3",
      "_folio_L14C3",
      "_folio_L16C1",
      "_folio_L16C10",
      "_folio_L18C1",
      "_folio_L18C10",
    ]);
    expect(await zip.file("word/footnotes.xml")?.async("string")).toContain('w:name="_folio_L20C7"');
    const custom = await zip.file("docProps/custom.xml")?.async("string");
    expect(custom).toContain('name="FolioSource"><vt:lpwstr>brief.md<');
    expect(custom).toMatch(/name="FolioSourceSha256"><vt:lpwstr>[0-9a-f]{64}</);
  });

  it("lists each change and comment at its source line and column, with author and date", () => {
    const lines = [...listed.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((m) => `${m.line}:${m.column} ${m.reason}`);
    expect(lines).toEqual([
      `2:22 Ana Ruiz (${date}) replaced “Delta” with “River Delta”`,
      `7:11 Ana Ruiz (${date}) inserted “ and outlook”`,
      `9:14 Ben Ode (${date}) commented on “water”: “Which water?”`,
      `9:37 Ana Ruiz (${date}) deleted “ knows”`,
      `9:51 Ana Ruiz (${date}) replaced “rising fast” with “climbing”`,
      `9:99 Ana Ruiz (${date}) inserted “¶Second item”`,
      `11:38 Ben Ode (${date}) replaced “beyond” with “past”`,
      `13:3 Ana Ruiz (${date}) made “First item” italic`,
      `14:3 Ana Ruiz (${date}) deleted “Second item”`,
      `18:3 Ana Ruiz (${date}) replaced “North” with “Northern”`,
      `20:9 Ben Ode (${date}) replaced “note” with “remark”`,
    ]);
    expect(listed.messages.every((m) => m.fatal !== true)).toBe(true);
    // The place is the exact source character, past markup and escapes: check the text there.
    const at = (line: number, column: number, length: number) =>
      (source.split("\n")[line - 1] ?? "").slice(column - 1, column - 1 + length);
    expect(at(9, 51, 11)).toBe("rising fast");
    expect(at(11, 38, 6)).toBe("beyond");
    expect(at(20, 9, 4)).toBe("note");
  });

  it("--apply writes every change as CriticMarkup with its author and date", async () => {
    const { result } = await run("apply");
    const text = result.text ?? "";
    expect(text).toContain("# Overview{++ and outlook++}{>>Ana Ruiz, 2026-12-01T10:00:00Z<<}");
    expect(text).toContain('"water{>>Ben Ode, 2026-12-01T10:00:00Z: Which water?<<}"');
    expect(text).toContain("*everyone*{-- knows--}{>>Ana Ruiz, 2026-12-01T10:00:00Z<<}");
    expect(text).toContain(
      "[{~~rising fast~>climbing~~}{>>Ana Ruiz, 2026-12-01T10:00:00Z<<}](https://example.org)",
    );
    expect(text).toContain("- {~~First item~>*First item*~~}");
    expect(text).toContain('title: "Water in the River Delta" # review: Ana Ruiz');
  });

  it("round trip: the --accept'ed source builds the text of the brief with every change accepted, block by block", async () => {
    const { result } = await run("accept");
    const dir = mkdtempSync(join(tmpdir(), "folio-review-"));
    const accepted = join(dir, "brief.md");
    writeFileSync(accepted, result.text ?? "");
    expect(result.text).toContain("- *First item* with **bold** text");
    const rebuilt = await readReviewedBrief(await renderDocx(loadReport(accepted)));
    const inWord = await readReviewedBrief(reviewed);
    expect(bodyFrom(acceptedTexts(rebuilt), "Overview and outlook")).toEqual(
      bodyFrom(acceptedTexts(inWord), "Overview and outlook"),
    );
    expect(acceptedTexts(rebuilt)[0]).toBe("Water in the River Delta");
    expect(acceptedTexts(rebuilt, "footnote")).toEqual(acceptedTexts(inWord, "footnote"));
  });
});

describe("folio review refuses a brief that is not this source's", () => {
  it("names a DOCX Folio did not build (pandoc's Word-saved fixture) and one of another source", async () => {
    const pandoc = readFileSync(join(fixtures, "pandoc/track_changes_insertion.docx"));
    const file = new VFile({ path: sourcePath });
    await reviewBrief(source, pandoc, file, "accept");
    expect(file.messages.map((m) => [m.fatal, m.ruleId])).toEqual([[true, "review-not-folio"]]);
    const other = new VFile({ path: sourcePath });
    const built = await renderDocx(loadReport(sourcePath));
    const result = await reviewBrief(`${source}\nOne more line.\n`, built, other, "accept");
    expect(other.messages[0]?.reason).toMatch(/another version of `brief\.md`/);
    expect(result.text).toBeUndefined();
  });

  it("says plainly that a book is not reviewed yet, on a real book's DOCX", async () => {
    const bookPath = join(import.meta.dirname, "fixtures/book/crt-2021.md");
    const bookDocx = await renderDocx(loadDocument(bookPath, testAssets()));
    const zip = await JSZip.loadAsync(bookDocx);
    const bookXml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect([...bookXml.matchAll(/w:name="(_folio_[^"]+)"/g)].map((m) => m[1])).toEqual([]);
    const file = new VFile({ path: bookPath });
    const result = await reviewBrief(readFileSync(bookPath, "utf8"), bookDocx, file, "accept");
    expect(file.messages.map((m) => [m.fatal, m.ruleId])).toEqual([[true, "review-book"]]);
    expect(file.messages[0]?.reason).toMatch(/does not review a book yet.*Build a chapter alone/);
    expect(result.text).toBeUndefined();
  });

  it("writes nothing on an error, and replaces the source in one piece otherwise (through the command)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-review-cli-"));
    const path = join(dir, "brief.md");
    writeFileSync(path, source);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const notDocx = join(dir, "notes.docx");
    writeFileSync(notDocx, "not a zip");
    expect(await runReviewCommand(path, notDocx, "accept", io)).toBe(1);
    expect(err.join("")).toMatch(
      /brief\.md: error: The brief is not a DOCX \(not a zip archive\)[\s\S]*nothing written/,
    );
    expect(readFileSync(path, "utf8")).toBe(source);
    const reviewedPath = join(dir, "brief.docx");
    writeFileSync(
      reviewedPath,
      await reviewAsWord(await renderDocx(loadReport(sourcePath)), edits.slice(0, 2)),
    );
    expect(await runReviewCommand(path, reviewedPath, "reject", io)).toBe(0);
    expect(out.join("")).toContain(`brief.md:7:11: warning: Ana Ruiz (${date}) inserted “ and outlook”`);
    expect(readFileSync(path, "utf8")).toBe(source);
    expect(await runReviewCommand(path, reviewedPath, "accept", io)).toBe(0);
    expect(readFileSync(path, "utf8")).toContain("# Overview and outlook\n");
  });
});

describe("the DOCX reader on Word's own files (pandoc's fixtures, saved by Word)", () => {
  const read = (name: string) => readReviewedBrief(readFileSync(join(fixtures, "pandoc", name)));

  it("reads insertions, deletions, moves and comment ranges through Word's rsid noise and bookmarks", async () => {
    const insertion = await read("track_changes_insertion.docx");
    expect(insertion.paragraphs[0]?.segments).toEqual([
      { kind: "same", text: "This is a text with " },
      { kind: "ins", text: "two exciting ", revision: { author: "eng-dept", date: "2014-06-25T10:40:00Z" } },
      { kind: "same", text: "insertions." },
    ]);
    const deletion = await read("track_changes_deletion.docx");
    expect(deletion.paragraphs[0]?.segments.map((s) => [s.kind, s.text])).toEqual([
      ["same", "This is a text with a"],
      ["del", "n excessively modified"],
      ["same", " deletion."],
    ]);
    const moved = await read("track_changes_move.docx");
    const kinds = moved.paragraphs.flatMap((p) => p.segments.map((s) => `${s.kind}:${s.text}`));
    expect(kinds).toEqual([
      "same:Here is some text.",
      "ins:Here is the text to be moved.",
      "same:Here is some more text.",
      "del:Here is the text to be moved.",
    ]);
    const comments = await read("comments.docx");
    expect(comments.paragraphs[0]?.comments).toEqual([{ id: "0", start: 7, end: 35 }]);
    expect(comments.comments.get("0")).toMatchObject({
      author: "Jesse Rosenthal",
      text: "I left a comment.",
    });
  });
});

describe("folio review on a brief LibreOffice saved (libreoffice/brief.docx, see the README there)", () => {
  it("places LibreOffice's tracked changes and comment as it places Word's, and accepts them", async () => {
    const saved = readFileSync(join(fixtures, "libreoffice/brief.docx"));
    const file = new VFile({ path: sourcePath });
    const { text } = await reviewBrief(source, saved, file, "accept");
    const lines = [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((m) => `${m.line}:${m.column} ${m.reason}`);
    const when = "Lia Ortiz (2026-12-02T09:30:00Z)";
    expect(lines).toEqual([
      `7:11 ${when} inserted “ and outlook”`,
      `9:14 ${when} commented on “water”: “Which water?”`,
      `9:37 ${when} deleted “ knows”`,
      `9:51 ${when} replaced “rising fast” with “climbing”`,
      `18:3 ${when} replaced “North” with “Northern”`,
      `20:9 ${when} replaced “note” with “remark”`,
    ]);
    expect(text).toContain("[climbing](https://example.org)");
    expect(text).toContain("[^1]: A remark about the *floods*.");
  });
});

describe("folio review on the command line", () => {
  it("is listed, and takes a source, a brief and at most one of --apply, --accept, --reject", () => {
    const one = runFolio(["review", "brief.md"], fixtures);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("folio: review takes SOURCE.md and BRIEF.docx");
    const both = runFolio(["review", "brief.md", "b.docx", "--apply", "--accept"], fixtures);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("review takes one of --apply, --accept and --reject");
  });
});

describe("a change Folio cannot place", () => {
  it("is listed with what it was and where, never dropped, and not written", async () => {
    const zip = await JSZip.loadAsync(await renderDocx(loadReport(sourcePath)));
    const header = (await zip.file("word/header1.xml")?.async("string")) ?? "";
    const changed = header.replace(
      '<w:r><w:t xml:space="preserve">Water in the Delta</w:t></w:r>',
      '<w:r><w:t xml:space="preserve">Water in the Delta</w:t></w:r><w:ins w:id="7" w:author="Ben Ode" w:date="2026-12-03T08:00:00Z"><w:r><w:t xml:space="preserve"> (draft)</w:t></w:r></w:ins>',
    );
    expect(changed).not.toBe(header);
    zip.file("word/header1.xml", changed);
    const file = new VFile({ path: sourcePath });
    const { text } = await reviewBrief(
      source,
      await zip.generateAsync({ type: "uint8array" }),
      file,
      "accept",
    );
    expect(file.messages.map((m) => [m.line ?? null, m.fatal ?? false, m.reason])).toEqual([
      [
        null,
        false,
        "Cannot place in the source: Ben Ode (2026-12-03T08:00:00Z) inserted “ (draft)”, in the running header, which Folio writes from the front matter",
      ],
    ]);
    expect(text).toBe(source);
  });
});

describe("folio review in a figure's caption and in link text", () => {
  const captionPath = join(fixtures, "caption.md");
  const captionSource = readFileSync(captionPath, "utf8");
  const captionEdits: WordEdit[] = [
    // "survey" is in the link's text and in its URL: the change is the text's.
    { anchor: "_folio_L5C1", find: "survey", kind: "replace", text: "poll", author: "Ana Ruiz", date },
    { anchor: "_folio_L7C1", find: "utility", kind: "replace", text: "system", author: "Ben Ode", date },
  ];
  let file: VFile;
  let accepted: string;

  beforeAll(async () => {
    const reviewed = await reviewAsWord(await renderDocx(loadReport(captionPath)), captionEdits);
    file = new VFile({ path: captionPath });
    accepted = (await reviewBrief(captionSource, reviewed, file, "accept")).text ?? "";
  });

  it("maps each change to its character in the link text and in the image's alt text", () => {
    const place = (needle: string) => {
      const at = captionSource.indexOf(needle);
      const before = captionSource.slice(0, at).split("\n");
      return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
    };
    const lines = [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((m) => `${m.line}:${m.column} ${m.reason}`);
    expect(lines).toEqual([
      `${place("survey of")} Ana Ruiz (${date}) replaced “survey” with “poll”`,
      `${place("utility")} Ben Ode (${date}) replaced “utility” with “system”`,
    ]);
  });

  it("--accept changes the link text and the alt text, not the URL or the image's path", () => {
    expect(accepted).toContain("[poll of utilities](https://example.org/survey)");
    expect(accepted).toContain("![Median rate increase by system size](images/rate-increases.png)");
  });
});
