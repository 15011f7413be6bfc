import { type Change, describeChange } from "./changes.ts";
import type { PlacedChange } from "./placed.ts";

/** A replacement of source[start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The source edits of a placed change: with `apply`, the change as CriticMarkup followed by its
 * author and date as a CriticMarkup comment; with `accept`, the change made. A comment is a
 * CriticMarkup comment after the text it is on, in both.
 */
export function editsFor(item: PlacedChange, source: string, mode: "apply" | "accept"): Edit[] {
  const { change } = item;
  const start = item.start as number;
  const end = item.end ?? start;
  const old = source.slice(start, end);
  const note = `{>>${attribution(change)}<<}`;
  // YAML has no CriticMarkup: a front matter field takes the change, and a YAML comment says whose it was.
  if (item.field && mode === "apply") {
    const made = editsFor(item, source, "accept");
    const lineEnd = source.indexOf("\n", end);
    const at = lineEnd < 0 ? source.length : lineEnd;
    const what =
      change.kind === "comment" ? `${attribution(change)}: ${change.text}` : describeChange(change);
    return [
      ...made.filter((e) => change.kind !== "comment" || e.start !== end),
      { start: at, end: at, text: ` # review: ${what.replace(/\s+/g, " ")}` },
    ];
  }
  switch (change.kind) {
    case "comment":
      return [{ start: end, end, text: `{>>${attribution(change)}: ${criticSafe(change.text)}<<}` }];
    case "insert": {
      const [head, ...paragraphs] = change.text.split(/\n\n/);
      if (mode === "accept")
        return [
          { start, end, text: [head ?? "", ...paragraphs].map((part) => escapeMarkdown(part)).join("\n\n") },
        ];
      const marked = (part: string) => (part ? `{++${criticSafe(escapeMarkdown(part))}++}` : "");
      const text = [marked(head ?? ""), ...paragraphs.map(marked)].join("\n\n");
      return [{ start, end, text: `${text}${note}` }];
    }
    case "delete":
      if (mode === "accept")
        return item.wholeBlock ? [{ ...item.wholeBlock, text: "" }] : [deletion(source, start, end)];
      return [{ start, end, text: `{--${old}--}${note}` }];
    case "replace": {
      const text = escapeMarkdown(change.text);
      if (mode === "accept") return [{ start, end, text }];
      return [{ start, end, text: `{~~${old}~>${criticSafe(text)}~~}${note}` }];
    }
    case "format": {
      const changed = formatted(source, start, end, change);
      if (mode === "accept") return [changed];
      const after = source.slice(changed.start, start) + changed.text + source.slice(end, changed.end);
      return [
        {
          start: changed.start,
          end: changed.end,
          text: `{~~${source.slice(changed.start, changed.end)}~>${after}~~}${note}`,
        },
      ];
    }
  }
}

/** Adds or removes emphasis (`*…*`) and strong emphasis (`**…**`) around source[start, end). */
function formatted(
  source: string,
  start: number,
  end: number,
  change: Extract<Change, { kind: "format" }>,
): Edit {
  let from = start;
  let to = end;
  let text = source.slice(start, end);
  for (const [key, marker] of [
    ["italic", "*"],
    ["bold", "**"],
  ] as const) {
    if (change.before[key] === change.after[key]) continue;
    if (change.after[key]) {
      text = `${marker}${text}${marker}`;
      continue;
    }
    // Removed: the markers around the text go (`*` or `_`, as the source writes them).
    const size = marker.length;
    const open = source.slice(from - size, from);
    const close = source.slice(to, to + size);
    if (open === close && /^(\*+|_+)$/.test(open)) {
      from -= size;
      to += size;
    }
  }
  return { start: from, end: to, text };
}

/**
 * A deletion of all of an emphasis's, strong emphasis's or strikethrough's text takes its markers
 * too: `**Location**` deleted whole leaves nothing, not `****` (which reads as text).
 */
function withMarkers(source: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  for (;;) {
    const open = /(\*+|_+|~+)$/.exec(source.slice(Math.max(0, from - 3), from))?.[0];
    if (!open || source.slice(to, to + open.length) !== open || from === to) return { start: from, end: to };
    from -= open.length;
    to += open.length;
  }
}

/**
 * The edit that deletes source[start, end): with the markers of an emphasis emptied whole, and a
 * space it would leave just inside a marker moved outside it (`** types**` is not emphasis).
 */
function deletion(source: string, start: number, end: number): Edit {
  const span = withMarkers(source, start, end);
  if (span.start !== start || span.end !== end) return { ...span, text: "" };
  // An opening marker follows a line start, a space or an opening bracket; a closing one precedes the opposite.
  const open = /(?:^|[\s([{|])(\*+|_+|~+)$/.exec(source.slice(Math.max(0, start - 4), start))?.[1];
  const spaceAfter = /^[ \t]+/.exec(source.slice(end))?.[0];
  if (open && spaceAfter)
    return { start: start - open.length, end: end + spaceAfter.length, text: spaceAfter + open };
  const close = /^(\*+|_+|~+)(?=$|[\s)\]}|.,;:!?])/.exec(source.slice(end))?.[1];
  const spaceBefore = /[ \t]+$/.exec(source.slice(0, start))?.[0];
  if (close && spaceBefore)
    return { start: start - spaceBefore.length, end: end + close.length, text: close + spaceBefore };
  return { start, end, text: "" };
}

function attribution(change: Change): string {
  const { author, date } = change.revision;
  return criticSafe(date ? `${author}, ${date}` : author);
}

/** Text that cannot close a CriticMarkup mark early. */
function criticSafe(text: string): string {
  return text.replace(/(\+\+|--|~~|<<|>>|==)\}/g, "$1\\}").replace(/~>/g, "~\\>");
}

/** Inserted text as Markdown that shows exactly that text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/^([#>+-]|\d+[.)])(?=\s)/gm, "\\$1");
}

/** Applies edits to the source; overlapping edits are refused (the offset where they meet). */
export function applyEdits(source: string, edits: readonly Edit[]): string | { at: number; reason: string } {
  const ordered = edits
    .map((edit, i) => ({ edit, i }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.i - b.i,
    );
  for (let k = 1; k < ordered.length; k++) {
    const before = (ordered[k - 1] as { edit: Edit }).edit;
    const after = (ordered[k] as { edit: Edit }).edit;
    if (after.start < before.end) return { at: after.start, reason: "one changes text another changes" };
  }
  let out = "";
  let at = 0;
  for (const { edit } of ordered) {
    out += source.slice(at, edit.start) + edit.text;
    at = Math.max(at, edit.end);
  }
  return out + source.slice(at);
}
