import type {
  ReviewedBrief,
  ReviewParagraph,
  Revision,
  RunFormat,
  Segment,
  WordComment,
} from "./docx-read.ts";

/** Paragraphs of one source block: an anchored paragraph and the paragraphs a reviewer split off or added after it. */
export interface ReviewBlock {
  part: ReviewParagraph["part"];
  anchor?: string;
  style?: string;
  /** Text and changes in order; a paragraph break a reviewer added is an inserted "\n\n". */
  segments: Segment[];
  /** Its text before review (unchanged and deleted text). */
  original: string;
  /** Its paragraph mark was deleted: joined with the next paragraph. */
  joined?: Revision;
}

/** One tracked change or comment, at offsets into its block's original text. */
export type Change =
  | { kind: "insert"; at: number; text: string; revision: Revision }
  | { kind: "delete"; start: number; end: number; text: string; revision: Revision }
  | { kind: "replace"; start: number; end: number; text: string; old: string; revision: Revision }
  | {
      kind: "format";
      start: number;
      end: number;
      text: string;
      before: RunFormat;
      after: RunFormat;
      revision: Revision;
    }
  | { kind: "comment"; start: number; end: number; text: string; revision: Revision; range: string };

/** Groups a brief's paragraphs into source blocks (empty paragraphs between are left out: no text, no change). */
export function reviewBlocks(brief: ReviewedBrief): {
  blocks: ReviewBlock[];
  comments: Map<ReviewBlock, CommentAt[]>;
} {
  const blocks: ReviewBlock[] = [];
  const comments = new Map<ReviewBlock, CommentAt[]>();
  const seen = new Set<string>();
  let current: ReviewBlock | undefined;
  let splitOff: Revision | undefined;
  for (const paragraph of brief.paragraphs) {
    const empty = paragraph.segments.length === 0 && paragraph.comments.length === 0;
    const added = paragraph.segments.length > 0 && paragraph.segments.every((s) => s.kind === "ins");
    const continues =
      !paragraph.anchor && current?.part === paragraph.part && (splitOff !== undefined || added);
    if (empty && !paragraph.mark) continue;
    if (continues && current) {
      const revision = splitOff ?? paragraph.segments[0]?.revision;
      current.segments.push({ kind: "ins", text: "\n\n", ...(revision ? { revision } : {}) });
    } else {
      current = {
        part: paragraph.part,
        segments: [],
        original: "",
        ...(paragraph.anchor ? { anchor: paragraph.anchor } : {}),
        ...(paragraph.style ? { style: paragraph.style } : {}),
      };
      blocks.push(current);
    }
    const offset = current.original.length;
    for (const segment of paragraph.segments) {
      current.segments.push({ ...segment });
      if (segment.kind !== "ins") current.original += segment.text;
    }
    for (const mark of paragraph.comments) {
      if (seen.has(mark.id)) continue;
      seen.add(mark.id);
      const list = comments.get(current) ?? [];
      list.push({
        id: mark.id,
        start: offset + (mark.start ?? 0),
        end: offset + (mark.end ?? paragraphLength(paragraph)),
      });
      comments.set(current, list);
    }
    splitOff = paragraph.mark?.kind === "ins" ? paragraph.mark.revision : undefined;
    if (paragraph.mark?.kind === "del") current.joined = paragraph.mark.revision;
  }
  return { blocks, comments };
}

/** Where a comment's range lies in its block's original text. */
export interface CommentAt {
  id: string;
  start: number;
  end: number;
}

function paragraphLength(paragraph: ReviewParagraph): number {
  return paragraph.segments.reduce((n, s) => n + (s.kind === "ins" ? 0 : s.text.length), 0);
}

/**
 * The changes of a block, in order: an adjacent deletion and insertion by the same reviewer are
 * one replacement; a formatting change (bold, italic) on unchanged text is its own change.
 */
export function blockChanges(
  block: ReviewBlock,
  comments: readonly CommentAt[],
  words: ReadonlyMap<string, WordComment>,
): Change[] {
  const out: Change[] = [];
  let at = 0;
  const unknown: Revision = { author: "unknown", date: "" };
  for (const segment of block.segments) {
    const revision = segment.revision ?? unknown;
    const previous = out.at(-1);
    if (segment.kind === "same") {
      if (segment.format)
        out.push({
          kind: "format",
          start: at,
          end: at + segment.text.length,
          text: segment.text,
          before: segment.format.before,
          after: segment.format.after,
          revision: segment.format.revision,
        });
      at += segment.text.length;
    } else if (segment.kind === "del") {
      if (previous?.kind === "insert" && previous.at === at && previous.revision.author === revision.author)
        out[out.length - 1] = {
          kind: "replace",
          start: at,
          end: at + segment.text.length,
          text: previous.text,
          old: segment.text,
          revision,
        };
      else
        out.push({ kind: "delete", start: at, end: at + segment.text.length, text: segment.text, revision });
      at += segment.text.length;
    } else if (
      previous?.kind === "delete" &&
      previous.end === at &&
      previous.revision.author === revision.author
    ) {
      out[out.length - 1] = {
        kind: "replace",
        start: previous.start,
        end: previous.end,
        text: segment.text,
        old: previous.text,
        revision,
      };
    } else if (previous?.kind === "insert" && previous.at === at) {
      previous.text += segment.text;
    } else {
      out.push({ kind: "insert", at, text: segment.text, revision });
    }
  }
  for (const mark of comments) {
    const word = words.get(mark.id);
    if (!word) continue;
    out.push({
      kind: "comment",
      start: mark.start,
      end: Math.max(mark.start, mark.end),
      text: word.text,
      revision: { author: word.author, date: word.date },
      range: block.original.slice(mark.start, mark.end),
    });
  }
  return out;
}

/** A change in words, as `folio review` lists it: “Ana Ruiz (2026-12-01T10:00:00Z) replaced “a” with “b””. */
export function describeChange(change: Change): string {
  const who = `${change.revision.author}${change.revision.date ? ` (${change.revision.date})` : ""}`;
  const q = (text: string) => `“${text.replace(/\n\n/g, "¶").replace(/\s+/g, " ")}”`;
  switch (change.kind) {
    case "insert":
      return `${who} inserted ${q(change.text)}`;
    case "delete":
      return `${who} deleted ${q(change.text)}`;
    case "replace":
      return `${who} replaced ${q(change.old)} with ${q(change.text)}`;
    case "format":
      return `${who} made ${q(change.text)} ${formatWords(change.before, change.after)}`;
    case "comment":
      return `${who} commented${change.range ? ` on ${q(change.range)}` : ""}: ${q(change.text)}`;
  }
}

function formatWords(before: RunFormat, after: RunFormat): string {
  const words: string[] = [];
  if (before.bold !== after.bold) words.push(after.bold ? "bold" : "not bold");
  if (before.italic !== after.italic) words.push(after.italic ? "italic" : "not italic");
  return words.join(" and ");
}
