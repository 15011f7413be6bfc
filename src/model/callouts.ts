import type { Blockquote, Paragraph, Parent, Root, RootContent } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import { toString as nodeText } from "mdast-util-to-string";
import type { VFile } from "vfile";
import type { LabelKey, Labels } from "./labels.ts";
import { suggestion } from "./suggest.ts";
import { SKIP, visit } from "./visit.ts";

// Call-outs: `:::note[Title]` and GitHub's alerts (`> [!WARNING]`) are one kind of node, the
// `note` container directive, decided here once: its kind (colours in the theme's `callouts`) and
// its title (the first child, a paragraph marked `calloutTitle`, with an id that names the note).
// Renderers read both through `calloutParts` and never look at blockquotes or labels themselves.

/** GitHub's five alert kinds, in its order. */
export const calloutKinds = ["note", "tip", "important", "warning", "caution"] as const;
export type CalloutKind = (typeof calloutKinds)[number];

declare module "mdast" {
  interface Data {
    /** A `note` directive's kind (from `{kind=…}` or a GitHub alert), set by `markCallouts`. */
    calloutKind?: CalloutKind;
    /** Marks the paragraph that is a call-out's title (its first child). */
    calloutTitle?: boolean;
  }
}

/** Each kind's title, from the report's labels. */
const titleKeys: Record<CalloutKind, LabelKey> = {
  note: "calloutNote",
  tip: "calloutTip",
  important: "calloutImportant",
  warning: "calloutWarning",
  caution: "calloutCaution",
};

/** A call-out as every renderer reads it. */
export interface CalloutParts {
  /** Undefined for a plain `:::note` (the theme's note colours). */
  kind?: CalloutKind;
  /** The title paragraph (its `data.hProperties.id` names the call-out), if it has one. */
  title?: Paragraph;
  body: ContainerDirective["children"];
}

/** The kind, title and body of a `note` directive (after `markCallouts`). */
export function calloutParts(node: ContainerDirective): CalloutParts {
  const [first, ...rest] = node.children;
  const kind = node.data?.calloutKind;
  if (first?.type === "paragraph" && first.data?.calloutTitle) return { kind, title: first, body: rest };
  return { kind, body: node.children };
}

/** The id of a call-out's title (what an HTML `aria-labelledby` points at). */
export function calloutTitleId(title: Paragraph): string | undefined {
  const id = title.data?.hProperties?.id;
  return typeof id === "string" ? id : undefined;
}

const warn = (file: VFile, reason: string, place: RootContent["position"]) =>
  file.message(reason, { place, ruleId: "callout", source: "folio" });

/**
 * Turns GitHub alerts into `note` directives of their kind and gives every note its title: the
 * `[label]` written after `:::note`, else its kind's label ("Warning") in the report's language.
 * Each title gets an id unused by `taken` (heading ids, reserved ids). A blockquote that looks like
 * an alert and is not one by GitHub's rules stays a quote, with a warning at its line.
 */
export function markCallouts(tree: Root, file: VFile, labels: Labels, taken: Iterable<string>): void {
  alertsToNotes(tree, file);
  const ids = new Set(taken);
  visit(tree, (node) => {
    const id = node.data?.hProperties?.id;
    if (typeof id === "string") ids.add(id);
  });
  let count = 0;
  const nextId = () => {
    let id: string;
    do id = `note-title-${++count}`;
    while (ids.has(id));
    ids.add(id);
    return id;
  };
  visit(tree, "containerDirective", (node) => {
    if (node.name !== "note") return;
    const kind = noteKind(node, file);
    if (kind) node.data = { ...node.data, calloutKind: kind };
    const first = node.children[0];
    const label = first?.type === "paragraph" && first.data?.directiveLabel ? first : undefined;
    // `:::note[]`: an empty label is no title.
    if (label && !nodeText(label).trim()) node.children.shift();
    let title = label && nodeText(label).trim() ? label : undefined;
    if (!title && kind) {
      title = { type: "paragraph", children: [{ type: "text", value: labels.text(titleKeys[kind]) }] };
      node.children.unshift(title);
    }
    if (title)
      title.data = {
        ...title.data,
        calloutTitle: true,
        hProperties: { ...title.data?.hProperties, id: nextId(), className: ["note-title"] },
      };
  });
}

/** The kind a `:::note{kind=…}` asks for; an unknown one is a warning and a plain note. */
function noteKind(node: ContainerDirective, file: VFile): CalloutKind | undefined {
  const asked = node.attributes?.kind;
  if (asked === undefined || asked === null) return undefined;
  const kind = calloutKinds.find((k) => k === asked.trim().toLowerCase());
  if (!kind)
    warn(
      file,
      `Unknown note kind \`${asked}\`${suggestion(asked, calloutKinds)} (one of ${calloutKinds.join(", ")}): set as a plain note`,
      node.position,
    );
  return kind;
}

/** `[!NOTE]` at the very start of a blockquote, and what follows it on the same line. */
const marker = /^\[!([A-Za-z]+)\]([^\n]*)/;

/**
 * GitHub's rules: the marker (any case) alone on the blockquote's first line, text after it, and
 * the blockquote not inside another element (a Folio `keep-together` block is no element).
 */
function alertsToNotes(tree: Root, file: VFile): void {
  visit(tree, "blockquote", (node: Blockquote, index, parent: Parent | undefined) => {
    const paragraph = node.children[0];
    if (paragraph?.type !== "paragraph" || !parent || index === undefined) return;
    const text = paragraph.children[0];
    const match = text?.type === "text" ? marker.exec(text.value) : null;
    if (!match || text?.type !== "text") return;
    const written = `[!${match[1]}]`;
    const kind = calloutKinds.find((k) => k === match[1]?.toLowerCase());
    const upper = calloutKinds.map((k) => k.toUpperCase());
    const endsLine = text.value.length === match[0].length;
    const sameLine =
      (match[2] ?? "").trim() !== "" ||
      (endsLine && paragraph.children.length > 1 && paragraph.children[1]?.type !== "break");
    const rest = text.value.slice(match[0].length).replace(/^\n/, "");
    const empty =
      !rest.trim() && paragraph.children.slice(endsLine ? 2 : 1).length === 0 && node.children.length === 1;
    const topLevel =
      parent.type === "root" ||
      (parent.type === "containerDirective" && (parent as ContainerDirective).name === "keep-together");
    const problem = !kind
      ? `Unknown alert \`${written}\`${suggestion(match[1] ?? "", upper)}: GitHub's are ${upper.map((k) => `[!${k}]`).join(", ")}`
      : sameLine
        ? `\`${written}\` makes an alert only alone on the quote's first line`
        : empty
          ? `The alert \`${written}\` has no text`
          : !topLevel
            ? `The alert \`${written}\` is inside another block: GitHub makes alerts only at the top level`
            : undefined;
    if (problem || !kind) {
      warn(file, `${problem}; kept as a quote`, text.position ?? node.position);
      return;
    }
    // The marker's line goes; a hard break after it too; an emptied first paragraph too.
    text.value = rest;
    if (endsLine && paragraph.children[1]?.type === "break") paragraph.children.splice(1, 1);
    if (!text.value) paragraph.children.shift();
    const first = paragraph.children[0];
    if (first?.type === "text") first.value = first.value.replace(/^[ \t]*\n?/, "");
    const children = paragraph.children.length ? node.children : node.children.slice(1);
    const note: ContainerDirective = {
      type: "containerDirective",
      name: "note",
      attributes: { kind },
      children,
      position: node.position,
    };
    parent.children.splice(index, 1, note as never);
    return [SKIP, index + 1];
  });
}
