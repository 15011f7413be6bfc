import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { VFile } from "vfile";
import { sourceAnchorPlace } from "../model/source-anchor.ts";
import { alignRendered } from "./align.ts";
import { blockChanges, type Change, describeChange, type ReviewBlock, reviewBlocks } from "./changes.ts";
import { BriefError, folioProperties, readReviewedBrief } from "./docx-read.ts";
import { applyEdits, type Edit, editsFor } from "./edits.ts";
import type { PlacedChange } from "./placed.ts";
import { SourceIndex } from "./source-blocks.ts";

export type { PlacedChange } from "./placed.ts";

/** What to do with a reviewed brief's changes: list them, write them as CriticMarkup, or accept them. */
export type ReviewMode = "list" | "apply" | "accept" | "reject";

/** What a review produced: its messages went to `file`; `text` is the new source for --apply and --accept. */
export interface ReviewResult {
  changes: PlacedChange[];
  text?: string;
}

/**
 * Reads a reviewed brief and places each tracked change and comment in the source `text` (the
 * source's path is `file.path`). Each change is a warning at its place in `file`; a brief that is
 * not Folio's or not this source's, or changes that cannot all be written, are errors there, and
 * then there is no `text`.
 */
export async function reviewBrief(
  text: string,
  brief: Uint8Array,
  file: VFile,
  mode: ReviewMode,
): Promise<ReviewResult> {
  const fail = (reason: string, ruleId: string) => {
    file.message(reason, { ruleId, source: "folio" }).fatal = true;
    return { changes: [] };
  };
  if (isBook(text, String(file.path)))
    return fail(
      "`folio review` does not review a book yet: a book's DOCX carries no source anchors (its chapters' places would share names). Build a chapter alone (`folio build CHAPTER.md`), have that brief reviewed, and review it against the chapter",
      "review-book",
    );
  let read: Awaited<ReturnType<typeof readReviewedBrief>>;
  try {
    read = await readReviewedBrief(brief);
  } catch (error) {
    if (error instanceof BriefError) return fail(`The brief ${error.message}`, "review-not-docx");
    throw error;
  }
  const builtFrom = read.properties.get(folioProperties.name);
  const hash = read.properties.get(folioProperties.hash);
  const anchored = read.paragraphs.some((p) => p.anchor);
  if (!builtFrom || !hash || !anchored)
    return fail(
      "The brief is not one Folio built (it carries no Folio source anchors): `folio review` reads the DOCX `folio build` wrote, after review in Word or LibreOffice",
      "review-not-folio",
    );
  const name = basename(String(file.path));
  if (builtFrom !== name)
    return fail(
      `The brief was built from \`${builtFrom}\`, not from \`${name}\`: review it against that source`,
      "review-other-source",
    );
  if (createHash("sha256").update(text).digest("hex") !== hash)
    return fail(
      `The brief was built from another version of \`${name}\` (its text has changed since): review against the version the brief was built from, or build the brief again and have it reviewed`,
      "review-other-source",
    );

  const source = new SourceIndex(text);
  const { blocks, comments } = reviewBlocks(read);
  const placed: PlacedChange[] = [];
  const firstBody = blocks.findIndex((b) => b.part === "body" && b.anchor && !isCover(b));
  for (const [index, block] of blocks.entries()) {
    const changes = blockChanges(block, comments.get(block) ?? [], read.comments);
    if (changes.length === 0 && !block.joined) continue;
    const where = placeBlock(block, source);
    if (typeof where === "string" || where === undefined) {
      const reason = where ?? generatedWhere(block, index < firstBody);
      for (const change of changes) placed.push({ change, block, unplaced: reason });
      continue;
    }
    const map = alignRendered(block.original, text.slice(where.start, where.end));
    for (const change of changes)
      placed.push({ ...placeChange(change, block, where, map), field: where.type === "field" });
    const accepted = block.segments
      .filter((s) => s.kind !== "del")
      .map((s) => s.text)
      .join("");
    if (block.original.trim() && !accepted.trim() && where.type !== "tableCell" && where.type !== "field") {
      const first = placed.findLast((p) => p.block === block && p.change.kind === "delete");
      if (first)
        first.wholeBlock = { start: lineStart(text, where.start), end: nextBlockStart(text, where.end) };
    }
    if (block.joined)
      file.message(
        `${block.joined.author}${block.joined.date ? ` (${block.joined.date})` : ""} joined this paragraph with the next: join them in the source by hand`,
        { place: source.placeOf(where.end), ruleId: "review-join", source: "folio" },
      );
  }
  for (const item of placed) report(item, source, file);
  if (mode === "list" || mode === "reject") return { changes: placed };

  const edits: Edit[] = [];
  // A block deleted whole goes with its lines; its other changes go with it, its comments stay before it.
  const gone = new Map(placed.filter((p) => p.wholeBlock).map((p) => [p.block, p.wholeBlock]));
  for (const item of placed) {
    if (item.start === undefined) continue;
    const whole = mode === "accept" ? gone.get(item.block) : undefined;
    if (whole && !item.wholeBlock) {
      if (item.change.kind === "comment")
        edits.push(...editsFor({ ...item, start: whole.start, end: whole.start }, text, mode));
      continue;
    }
    edits.push(...editsFor(item, text, mode));
  }
  const result = applyEdits(text, edits);
  if (typeof result !== "string") {
    file.message(`Two changes overlap here (${result.reason}): nothing was written; apply them by hand`, {
      place: source.placeOf(result.at),
      ruleId: "review-overlap",
      source: "folio",
    }).fatal = true;
    return { changes: placed };
  }
  return { changes: placed, text: result };
}

interface BlockPlace {
  start: number;
  end: number;
  after: number;
  type: string;
}

function placeBlock(block: ReviewBlock, source: SourceIndex): BlockPlace | string | undefined {
  const place = block.anchor ? sourceAnchorPlace(block.anchor) : undefined;
  if (!place) return undefined;
  const offset = source.offsetOf(place);
  if (offset === undefined) return `its anchor ${block.anchor} lies past the source's end`;
  return source.blockAt(offset);
}

/** Where Folio generated an unanchored paragraph (what a reviewer changed there), in words. */
function generatedWhere(block: ReviewBlock, beforeBody: boolean): string {
  if (block.part === "header") return "the running header, which Folio writes from the front matter";
  if (block.part === "footer") return "the running footer, which Folio writes";
  if (/^TOC|^ContentsHeading/i.test(block.style ?? ""))
    return "the contents, which Folio generates from the headings";
  if (beforeBody)
    return `the title block or contents Folio generates${block.style ? ` (style ${block.style})` : ""}`;
  return `text Folio generated, not from the source${block.style ? ` (style ${block.style})` : ""}`;
}

function isCover(block: ReviewBlock): boolean {
  return block.style === "Title" || block.style === "Subtitle";
}

function placeChange(change: Change, block: ReviewBlock, where: BlockPlace, map: Int32Array): PlacedChange {
  const base = where.start;
  if (change.kind === "insert") {
    // After the character before it, else before the character after it, else the block's end.
    if (change.text.startsWith("\n\n") && change.at >= block.original.length)
      return { change, block, start: where.after, end: where.after };
    const before = lastMatched(map, change.at - 1);
    if (before >= 0) return { change, block, start: base + before + 1, end: base + before + 1 };
    const after = firstMatched(map, change.at);
    const at = after >= 0 ? base + after : where.end;
    return { change, block, start: at, end: at };
  }
  const first = firstMatched(map, change.start, change.end);
  const last = lastMatched(map, change.end - 1, change.start);
  if (first < 0 || last < 0) {
    if (change.kind === "comment") return { change, block, start: where.end, end: where.end };
    return { change, block, unplaced: "text Folio generated in this block, not from the source" };
  }
  return { change, block, start: base + first, end: base + last + 1 };
}

function firstMatched(map: Int32Array, from: number, to = map.length): number {
  for (let i = Math.max(0, from); i < Math.min(to, map.length); i++)
    if ((map[i] as number) >= 0) return map[i] as number;
  return -1;
}

function lastMatched(map: Int32Array, from: number, to = 0): number {
  for (let i = Math.min(from, map.length - 1); i >= to; i--)
    if ((map[i] as number) >= 0) return map[i] as number;
  return -1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** After a block's last line: past its line break. */
function nextBlockStart(text: string, end: number): number {
  const lineEnd = text.indexOf("\n", end);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

function report(item: PlacedChange, source: SourceIndex, file: VFile): void {
  const ruleId = `review-${item.change.kind}`;
  const what = describeChange(item.change);
  if (item.start === undefined) {
    file.message(`Cannot place in the source: ${what}, in ${item.unplaced}`, { ruleId, source: "folio" });
    return;
  }
  file.message(what, {
    place: { start: source.placeOf(item.start), end: source.placeOf(item.end ?? item.start) },
    ruleId,
    source: "folio",
  });
}

/** A book: a YAML manifest, or a source whose front matter lists `chapters:` or `parts:`. */
function isBook(text: string, path: string): boolean {
  if (/\.ya?ml$/i.test(path)) return true;
  const frontMatter = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/.exec(text)?.[1] ?? "";
  return /^(chapters|parts)\s*:/m.test(frontMatter);
}
