import JSZip from "jszip";
import { sourceAnchorPrefix, sourceProperties } from "../model/source-anchor.ts";
import { descendants, type Element, isWord, parseXml, textOf, wordChildren } from "./xml.ts";

/** Who made a tracked change, and when (Word's `w:author` and `w:date`; LibreOffice writes both too). */
export interface Revision {
  author: string;
  date: string;
}

/** Bold and italic of a run (direct formatting only: what a reviewer toggles). */
export interface RunFormat {
  bold: boolean;
  italic: boolean;
}

/** A piece of a paragraph's text: unchanged, inserted or deleted (a move is a deletion plus an insertion). */
export interface Segment {
  kind: "same" | "ins" | "del";
  text: string;
  revision?: Revision;
  /** A formatting change Word recorded on this text (`w:rPrChange`): the format before, and now. */
  format?: { before: RunFormat; after: RunFormat; revision: Revision };
}

/** A comment's range in a paragraph's original text (`start` and `end` are offsets into it). */
export interface CommentMark {
  id: string;
  start?: number;
  end?: number;
}

/** One Word paragraph of a reviewed brief, with its tracked changes. */
export interface ReviewParagraph {
  part: "body" | "footnote" | "header" | "footer";
  /** The `_folio_` bookmark's name it carries, if any. */
  anchor?: string;
  style?: string;
  segments: Segment[];
  /** The paragraph mark was inserted (a paragraph split or added) or deleted (joined with the next). */
  mark?: { kind: "ins" | "del"; revision: Revision };
  comments: CommentMark[];
}

/** A Word comment: its author, date and text. */
export interface WordComment extends Revision {
  id: string;
  text: string;
}

/** What `folio review` reads from a reviewed brief. */
export interface ReviewedBrief {
  paragraphs: ReviewParagraph[];
  comments: Map<string, WordComment>;
  /** Custom document properties (Folio's name the source and its hash). */
  properties: Map<string, string>;
}

/** Why a file cannot be read as a reviewed brief: not a zip, not a Word document. */
export class BriefError extends Error {}

/**
 * Reads a DOCX as Word or LibreOffice saved it: the body's, notes', headers' and footers'
 * paragraphs with their insertions, deletions, moves, formatting changes and comment ranges,
 * whatever the namespace prefixes, revision ids, split runs, smart tags, fields and proofing marks.
 */
export async function readReviewedBrief(bytes: Uint8Array): Promise<ReviewedBrief> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new BriefError("is not a DOCX (not a zip archive)");
  }
  const part = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) return undefined;
    const text = await entry.async("string");
    try {
      return parseXml(text);
    } catch (error) {
      throw new BriefError(
        `is not a readable DOCX: ${name} is not well-formed XML (${(error as Error).message.split("\n")[0]})`,
      );
    }
  };
  const document = await part("word/document.xml");
  if (!document) throw new BriefError("is not a Word document (it has no word/document.xml)");
  const paragraphs = paragraphsOf(document, "body");
  const footnotes = await part("word/footnotes.xml");
  if (footnotes) paragraphs.push(...paragraphsOf(footnotes, "footnote"));
  for (const name of Object.keys(zip.files).sort()) {
    const kind = /^word\/(header|footer)\d*\.xml$/.exec(name)?.[1] as "header" | "footer" | undefined;
    if (!kind) continue;
    const root = await part(name);
    if (root) paragraphs.push(...paragraphsOf(root, kind));
  }
  return {
    paragraphs,
    comments: readComments(await part("word/comments.xml")),
    properties: readProperties(await part("docProps/custom.xml")),
  };
}

function paragraphsOf(root: Element, part: ReviewParagraph["part"]): ReviewParagraph[] {
  const out: ReviewParagraph[] = [];
  for (const element of descendants(root)) if (isWord(element, "p")) out.push(readParagraph(element, part));
  return out;
}

/** Revision wrappers: what their runs become. */
const revisionKinds: Record<string, Segment["kind"]> = {
  ins: "ins",
  moveTo: "ins",
  del: "del",
  moveFrom: "del",
};

function readParagraph(p: Element, part: ReviewParagraph["part"]): ReviewParagraph {
  const paragraph: ReviewParagraph = { part, segments: [], comments: [] };
  const comments = new Map<string, CommentMark>();
  let original = 0;
  const properties = wordChildren(p, "pPr")[0];
  if (properties) {
    paragraph.style = wordChildren(properties, "pStyle")[0]?.attrs.val;
    const markProps = wordChildren(properties, "rPr")[0];
    for (const kind of ["ins", "del"] as const) {
      const change = markProps && wordChildren(markProps, kind)[0];
      if (change) paragraph.mark = { kind, revision: revisionOf(change) };
    }
  }
  const push = (segment: Segment) => {
    if (!segment.text) return;
    const last = paragraph.segments.at(-1);
    if (last && last.kind === segment.kind && sameRevision(last, segment)) last.text += segment.text;
    else paragraph.segments.push(segment);
    if (segment.kind !== "ins") original += segment.text.length;
  };
  const walk = (node: Element, kind: Segment["kind"], revision: Revision | undefined) => {
    for (const child of node.children) {
      if (typeof child === "string") continue;
      if (child.ns !== node.ns) {
        // Markup compatibility's fallback repeats its choice's content: read once.
        if (child.local !== "Fallback") walk(child, kind, revision);
        continue;
      }
      switch (child.local) {
        case "pPr":
        case "instrText":
        case "delInstrText":
          break; // a field's instruction is not text a reader sees
        case "r":
          readRun(child, kind, revision, push);
          break;
        case "bookmarkStart":
          if (child.attrs.name?.startsWith(sourceAnchorPrefix)) paragraph.anchor ??= child.attrs.name;
          break;
        case "commentRangeStart":
          comments.set(child.attrs.id ?? "", { id: child.attrs.id ?? "", start: original });
          break;
        case "commentRangeEnd": {
          const id = child.attrs.id ?? "";
          const mark = comments.get(id) ?? { id };
          mark.end = original;
          comments.set(id, mark);
          break;
        }
        case "commentReference": {
          const id = child.attrs.id ?? "";
          if (!comments.has(id)) comments.set(id, { id, start: original, end: original });
          break;
        }
        default: {
          const wrapped = revisionKinds[child.local];
          if (wrapped) walk(child, wrapped, revisionOf(child));
          else walk(child, kind, revision); // hyperlinks, smart tags, fields, content controls
        }
      }
    }
  };
  walk(p, "same", undefined);
  paragraph.comments = [...comments.values()];
  return paragraph;
}

function readRun(
  run: Element,
  kind: Segment["kind"],
  revision: Revision | undefined,
  push: (segment: Segment) => void,
): void {
  const props = wordChildren(run, "rPr")[0];
  const format = props ? formatChange(props) : undefined;
  for (const child of run.children) {
    if (typeof child === "string" || child.ns !== run.ns) continue;
    const text =
      child.local === "t" || child.local === "delText"
        ? textOf(child)
        : child.local === "tab"
          ? "\t"
          : child.local === "br" || child.local === "cr"
            ? "\n"
            : child.local === "noBreakHyphen"
              ? "-"
              : "";
    push({ kind, text, ...(revision ? { revision } : {}), ...(format ? { format } : {}) });
  }
}

/** A run's recorded formatting change, when it toggled bold or italic. */
function formatChange(props: Element): Segment["format"] {
  const change = wordChildren(props, "rPrChange")[0];
  if (!change) return undefined;
  const before = formatOf(wordChildren(change, "rPr")[0]);
  const after = formatOf(props);
  if (before.bold === after.bold && before.italic === after.italic) return undefined;
  return { before, after, revision: revisionOf(change) };
}

function formatOf(props: Element | undefined): RunFormat {
  const on = (name: string) => {
    const element = props && wordChildren(props, name)[0];
    return element !== undefined && !["0", "false", "off"].includes(element.attrs.val ?? "true");
  };
  return { bold: on("b"), italic: on("i") };
}

function revisionOf(element: Element): Revision {
  return { author: element.attrs.author ?? "unknown", date: element.attrs.date ?? "" };
}

function sameRevision(a: Segment, b: Segment): boolean {
  return (
    a.revision?.author === b.revision?.author &&
    a.revision?.date === b.revision?.date &&
    JSON.stringify(a.format) === JSON.stringify(b.format)
  );
}

function readComments(root: Element | undefined): Map<string, WordComment> {
  const out = new Map<string, WordComment>();
  if (!root) return out;
  for (const comment of wordChildren(root, "comment")) {
    const id = comment.attrs.id ?? "";
    const text = [...descendants(comment)]
      .filter((e) => isWord(e, "p"))
      .map((p) =>
        [...descendants(p)]
          .filter((e) => isWord(e, "t"))
          .map(textOf)
          .join(""),
      )
      .join("\n")
      .trim();
    out.set(id, { id, ...revisionOf(comment), text });
  }
  return out;
}

function readProperties(root: Element | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!root) return out;
  for (const property of root.children) {
    if (typeof property === "string" || property.local !== "property") continue;
    const name = property.attrs.name;
    if (name) out.set(name, textOf(property).trim());
  }
  return out;
}

/** The property names a Folio brief carries. */
export const folioProperties = sourceProperties;
