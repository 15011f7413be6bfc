import type { Data, Nodes, Parent, PhrasingContent, Root, Text } from "mdast";
import type { VFile } from "vfile";

// CriticMarkup (`{++ inserted ++}`, `{-- deleted --}`, `{~~ old ~> new ~~}`, `{>> comment <<}`,
// `{== highlighted ==}`) is what `folio review --apply` writes. It is read once, here, into
// `critic` nodes; every format renders that one decision: the HTML shows the marks, the PDF and
// DOCX the text as if every change were accepted (and the build warns that changes are pending).

/** A CriticMarkup mark: what it does to its text. A substitution is a deletion then an insertion. */
export interface Critic extends Parent {
  type: "critic";
  kind: "insert" | "delete" | "comment" | "highlight";
  children: PhrasingContent[];
  /**
   * Empty for a deletion or comment: mdast-util-to-string then reads the text as accepted, so a
   * heading's id, the outline and the description do not hold deleted text or comments.
   */
  value?: string;
  /**
   * Who made an insertion or deletion, and when: from a comment right after it that holds only
   * "author, date" (as `folio review --apply` writes), which then is not shown as a comment.
   */
  attribution?: string;
  data?: Data;
}

declare module "mdast" {
  interface PhrasingContentMap {
    critic: Critic;
  }
  interface RootContentMap {
    critic: Critic;
  }
}

const openers = {
  "{++": "insert",
  "{--": "delete",
  "{~~": "substitute",
  "{>>": "comment",
  "{==": "highlight",
} as const;
const closers: Record<keyof typeof openers, string> = {
  "{++": "++}",
  "{--": "--}",
  "{~~": "~~}",
  "{>>": "<<}",
  "{==": "==}",
};
const anyOpener = /\{(\+\+|--|~~|>>|==)/;

/**
 * Turns CriticMarkup in the source's text into `critic` nodes (a mark may span emphasis, links and
 * other inline markup within one paragraph), before smart punctuation (which would read `--` as a
 * dash). Warns once, at the first mark, that changes are pending. Returns how many marks it read.
 */
export function markCriticChanges(tree: Root, file: VFile): number {
  let count = 0;
  let first: Critic | undefined;
  const walk = (node: Nodes) => {
    if (!("children" in node) || node.type === "critic") return;
    const parent = node as Parent;
    const mayHold = (child: Nodes) =>
      child.type === "text" && (anyOpener.test(child.value) || child.value.endsWith("{"));
    if (parent.children.some(mayHold)) {
      const marked = transform(parent.children as PhrasingContent[]);
      if (marked.count > 0) {
        parent.children = marked.children;
        count += marked.count;
        first ??= marked.first;
      }
    }
    for (const child of parent.children) walk(child as Nodes);
  };
  walk(tree);
  if (count > 0)
    file.message(
      `${count} CriticMarkup change${count === 1 ? "" : "s"} and comment${count === 1 ? "" : "s"} pending: the HTML shows them; the PDF and DOCX show the text as if every change were accepted (accept or reject them in the source)`,
      { place: first?.position, ruleId: "critic-pending", source: "folio" },
    );
  return count;
}

function transform(input: PhrasingContent[]): { children: PhrasingContent[]; count: number; first?: Critic } {
  const children = strikethroughSubstitutions(input);
  const out: PhrasingContent[] = [];
  let count = 0;
  let first: Critic | undefined;
  let i = 0;
  while (i < children.length) {
    const node = children[i] as PhrasingContent;
    const match = node.type === "text" ? anyOpener.exec(node.value) : null;
    if (node.type !== "text" || !match) {
      if ((node as Nodes).type === "critic") {
        count++;
        first ??= node as unknown as Critic;
      }
      out.push(node);
      i++;
      continue;
    }
    const opener = match[0] as keyof typeof openers;
    const closer = closers[opener];
    const before = node.value.slice(0, match.index);
    const rest = node.value.slice(match.index + 3);
    // The closer in this text, or in a later sibling's.
    let inner: PhrasingContent[] | undefined;
    let after = "";
    let next = i + 1;
    const here = rest.indexOf(closer);
    if (here >= 0) {
      inner = rest.slice(0, here) ? [text(rest.slice(0, here))] : [];
      after = rest.slice(here + 3);
    } else {
      for (let j = i + 1; j < children.length; j++) {
        const candidate = children[j] as PhrasingContent;
        const at = candidate.type === "text" ? candidate.value.indexOf(closer) : -1;
        if (at < 0) continue;
        inner = [
          ...(rest ? [text(rest)] : []),
          ...children.slice(i + 1, j),
          ...(at > 0 ? [text((candidate as Text).value.slice(0, at))] : []),
        ];
        after = (candidate as Text).value.slice(at + 3);
        next = j + 1;
        break;
      }
    }
    if (!inner) {
      // No closer: the text stays as typed.
      out.push(text(node.value.slice(0, match.index + 3), node));
      children[i] = text(rest);
      if (!rest) i++;
      continue;
    }
    if (before) out.push(text(before));
    const marks = critics(openers[opener], inner);
    for (const mark of marks) mark.position = node.position;
    first ??= marks[0];
    count += marks.length > 0 ? 1 : 0;
    out.push(...marks);
    // What follows the closer is read again: it may open another mark.
    if (after) children.splice(next, 0, text(after));
    i = next;
  }
  const { children: marked, folded } = attributed(out);
  // An "author, date" comment is part of its change, not a change or comment of its own.
  return { children: marked, count: count - folded, ...(first ? { first } : {}) };
}

/** "Ana Ruiz, 2026-12-01" or "Ana Ruiz, 2026-12-01T10:00:00Z": a comment that only says whose a change is. */
const attributionText = /^[^,{}]+, \d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** Folds each "author, date" comment that follows a change into that change (both marks of a substitution). */
function attributed(children: PhrasingContent[]): { children: PhrasingContent[]; folded: number } {
  const out: PhrasingContent[] = [];
  let folded = 0;
  for (const node of children) {
    const previous = out.at(-1);
    const said = node.type === "critic" && node.kind === "comment" ? commentText(node) : undefined;
    if (said && attributionText.test(said) && previous?.type === "critic" && previous.kind !== "comment") {
      previous.attribution = said;
      const before = out.at(-2);
      if (previous.kind === "insert" && before?.type === "critic" && before.kind === "delete")
        before.attribution = said;
      folded++;
      continue;
    }
    out.push(node);
  }
  return { children: out, folded };
}

function commentText(node: Critic): string | undefined {
  return node.children.every((child) => child.type === "text")
    ? node.children
        .map((child) => (child as Text).value)
        .join("")
        .trim()
    : undefined;
}

function critics(kind: (typeof openers)[keyof typeof openers], inner: PhrasingContent[]): Critic[] {
  if (kind !== "substitute") return [mark(kind, trimmed(inner, kind))];
  // `old~>new`: split at the first `~>` in a text node.
  for (const [index, node] of inner.entries()) {
    const at = node.type === "text" ? node.value.indexOf("~>") : -1;
    if (at < 0) continue;
    const value = (node as Text).value;
    const old = [...inner.slice(0, index), ...(at > 0 ? [text(value.slice(0, at))] : [])];
    const added = [...(value.slice(at + 2) ? [text(value.slice(at + 2))] : []), ...inner.slice(index + 1)];
    return [mark("delete", old), mark("insert", added)];
  }
  return [mark("delete", inner)];
}

function mark(kind: Critic["kind"], children: PhrasingContent[]): Critic {
  return {
    type: "critic",
    kind,
    children,
    ...(kind === "delete" || kind === "comment" ? { value: "" } : {}),
  };
}

/** A comment's text without the spaces that set it off from its marks. */
function trimmed(inner: PhrasingContent[], kind: Critic["kind"]): PhrasingContent[] {
  if (kind !== "comment") return inner;
  return inner.map((node, i) =>
    node.type === "text"
      ? text(
          i === 0
            ? node.value.replace(/^\s+/, "")
            : i === inner.length - 1
              ? node.value.replace(/\s+$/, "")
              : node.value,
        )
      : node,
  );
}

/**
 * `{~~old~>new~~}` with no spaces inside is GFM strikethrough between braces to the parser: a text
 * ending in `{`, a `delete` holding `~>`, a text starting with `}`. Back to text, to be read above.
 */
function strikethroughSubstitutions(children: PhrasingContent[]): PhrasingContent[] {
  const out = [...children];
  for (let i = 1; i < out.length - 1; i++) {
    const [before, struck, after] = [out[i - 1], out[i], out[i + 1]];
    if (before?.type !== "text" || struck?.type !== "delete" || after?.type !== "text") continue;
    if (!before.value.endsWith("{") || !after.value.startsWith("}")) continue;
    const inner = struck.children;
    if (!inner.some((node) => node.type === "text" && node.value.includes("~>"))) continue;
    out.splice(i - 1, 3, text(`${before.value}~~`), ...inner, text(`~~${after.value}`));
    i += inner.length;
  }
  // Adjacent texts join, so an opener and its closer are found within one text where they can be.
  const joined: PhrasingContent[] = [];
  for (const node of out) {
    const last = joined.at(-1);
    if (node.type === "text" && last?.type === "text")
      joined[joined.length - 1] = text(last.value + node.value, last);
    else joined.push(node);
  }
  return joined;
}

function text(value: string, like?: Nodes): Text {
  return { type: "text", value, ...(like?.position ? { position: like.position } : {}) };
}

/** What a format that cannot show marks prints of one (PDF, DOCX): the text as if the change were accepted. */
export function acceptedContent(node: Critic): PhrasingContent[] {
  return node.kind === "insert" || node.kind === "highlight" ? node.children : [];
}
