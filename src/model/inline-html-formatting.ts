import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import type {
  Data,
  Delete,
  Emphasis,
  Html,
  InlineCode,
  Link,
  Nodes,
  Parent,
  PhrasingContent,
  Root,
  Strong,
} from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import type { VFile } from "vfile";

// `H<sub>2</sub>O`, `21<sup>st</sup>`, `<strong>note:</strong>` arrive from the parser as an opening
// tag, text and a closing tag that only the HTML edition understood: the PDF and the Word brief
// printed the text plain (“H2O”, “21st”). Here each pair becomes the node Markdown has for it, or
// one of its own for raised and lowered text, so every format renders the same decision.

/** Text set raised and smaller (`<sup>`): an ordinal's letters, an exponent. */
export interface Superscript extends Parent {
  type: "superscript";
  children: PhrasingContent[];
  data?: Data;
}

/** Text set lowered and smaller (`<sub>`): a chemical formula's counts. */
export interface Subscript extends Parent {
  type: "subscript";
  children: PhrasingContent[];
  data?: Data;
}

/** Underlined text (`<u>`, or `<ins>`, which the HTML edition keeps as `<ins>`): amended text of a bill, a title. */
export interface Underline extends Parent {
  type: "underline";
  children: PhrasingContent[];
  data?: Data;
}

/** Highlighted text (`<mark>`): a passage singled out, behind the theme's highlight colour. */
export interface Highlight extends Parent {
  type: "highlight";
  children: PhrasingContent[];
  data?: Data;
}

declare module "mdast" {
  interface PhrasingContentMap {
    superscript: Superscript;
    subscript: Subscript;
    underline: Underline;
    highlight: Highlight;
  }
  interface RootContentMap {
    superscript: Superscript;
    subscript: Subscript;
    underline: Underline;
    highlight: Highlight;
  }
}

type Formatted =
  | Strong
  | Emphasis
  | Delete
  | Superscript
  | Subscript
  | Underline
  | Highlight
  | Link
  | InlineCode;

/** Code as typed, in every format's code face (its text is never made typographic); `name` in HTML. */
const codeAs =
  (name: string) =>
  (children: PhrasingContent[]): InlineCode => ({
    type: "inlineCode",
    value: plainText({ type: "paragraph", children }),
    ...(name === "code" ? {} : { data: { hName: name } }),
  });

/**
 * The node each tag becomes. `<b>` and `<i>` are read as `<strong>` and `<em>`, as Markdown's marks
 * are; `<a href>` is a link, which the PDF and the Word brief used to print as plain text; `<code>`
 * is Markdown's inline code (what Markdown read inside it, such as `*`, is its text).
 */
const nodeOf: Record<string, (children: PhrasingContent[], tag: Tag) => Formatted> = {
  a: (children, { href, title }) => ({
    type: "link",
    url: href ?? "",
    ...(title ? { title } : {}),
    children: withoutLinks(children),
  }),
  strong: (children) => ({ type: "strong", children }),
  b: (children) => ({ type: "strong", children }),
  em: (children) => ({ type: "emphasis", children }),
  i: (children) => ({ type: "emphasis", children }),
  s: (children) => ({ type: "delete", children }),
  del: (children) => ({ type: "delete", children }),
  strike: (children) => ({ type: "delete", children }),
  sup: (children) => ({ type: "superscript", children, data: { hName: "sup" } }),
  sub: (children) => ({ type: "subscript", children, data: { hName: "sub" } }),
  u: (children) => ({ type: "underline", children, data: { hName: "u" } }),
  code: codeAs("code"),
  tt: codeAs("code"),
  // A key to press (`<kbd>Ctrl</kbd>`), a program's output (`<samp>`): the code face in the PDF and
  // Word, their own elements in HTML.
  kbd: codeAs("kbd"),
  samp: codeAs("samp"),
  // A variable's name: italic, as browsers show it.
  var: (children) => ({ type: "emphasis", children, data: { hName: "var" } }),
  ins: (children) => ({ type: "underline", children, data: { hName: "ins" } }),
  mark: (children) => ({ type: "highlight", children, data: { hName: "mark" } }),
};

/**
 * Inline tags that format text in a browser which no node here stands for: the PDF and the Word
 * brief print their text plain, and GitHub's sanitising rules drop some from the web page too.
 */
const formattedOnlyInBrowsers = new Set(["small", "big", "q", "cite", "dfn", "font", "bdo"]);

/**
 * A link's text without links in it: `<a href=…>https://…</a>` holds the address as text, which
 * GFM's autolink literals made a link of its own. A link in a link is no HTML (a browser ends the
 * first at the second, leaving an empty link with no name): the outer address wins.
 */
function withoutLinks(children: PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((child): PhrasingContent[] => {
    if (child.type === "link") return withoutLinks(child.children);
    return "children" in child
      ? [{ ...child, children: withoutLinks(child.children as PhrasingContent[]) } as PhrasingContent]
      : [child];
  });
}

/** An inline HTML tag of ours; an opening `<a>` with its address and title, read once. */
interface Tag {
  name: string;
  closing: boolean;
  href?: string;
  title?: string;
}

/** The element an inline HTML node opens (`<sup>`, `<b class="x">`) or closes (`</sup>`), if it is one of ours. */
function tagOf(node: Nodes): Tag | undefined {
  if (node.type !== "html") return undefined;
  const match = /^<(\/?)([a-z]+)(?:\s[^<>]*)?>$/i.exec((node as Html).value.trim());
  const name = match?.[2]?.toLowerCase();
  if (!match || !name || !(name in nodeOf) || (match[1] === "/" && /\s/.test(node.value.trim())))
    return undefined;
  // An anchor without an address (`<a id="x">`, `<a name>`) is a target, not a link: left to the HTML edition.
  if (name !== "a" || match[1] === "/") return { name, closing: match[1] === "/" };
  const attributes = attributesOf(node.value.trim(), "a");
  return attributes.href === undefined ? undefined : { name, closing: false, ...attributes };
}

/** The `href` and `title` of an opening tag, parsed as a browser does (entities decoded, quotes or none). */
function attributesOf(tag: string, name: string): { href?: string; title?: string } {
  const element = fromHtml(`${tag}</${name}>`, { fragment: true }).children[0] as Element | undefined;
  const { href, title } = element?.properties ?? {};
  return {
    ...(typeof href === "string" ? { href } : {}),
    ...(typeof title === "string" && title.trim() ? { title: title.trim() } : {}),
  };
}

/**
 * Replaces each inline pair of formatting tags in one paragraph (a heading, a cell) with its node.
 * An opening tag that is not closed there runs to the end, as a browser reads it, with a warning:
 * a hurried `<sup>2</sub>` raised the rest of the paragraph. A closing tag with no opening one is
 * left as it is (no format prints it), with a warning too.
 */
export function formattingFromHtml(tree: Root, file: VFile): void {
  // Only tags among a paragraph's (a heading's, a cell's) phrasing: `<del>` on a line of its own is
  // an HTML block, which encloses blocks the HTML edition alone can show (GFM example 137).
  // Each node's tag read once: the search for an opening tag's close reads the siblings after it.
  const tags = new Map<Nodes, Tag | undefined>();
  const tagAt = (node: Nodes) => {
    if (!tags.has(node)) tags.set(node, tagOf(node));
    return tags.get(node);
  };
  // Each tag formatted only in browsers is named once, at its first use.
  const warned = new Set<string>();
  const stack: Array<[Nodes, boolean]> = [[tree, false]];
  while (stack.length > 0) {
    const [node, inLine] = stack.pop() as [Nodes, boolean];
    if (!("children" in node)) continue;
    const children = node.children as Nodes[];
    const phrasing =
      inLine || node.type === "paragraph" || node.type === "heading" || node.type === "tableCell";
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Nodes;
      const tag = phrasing ? tagAt(child) : undefined;
      // The `</a>` of an anchor left as HTML (`<a id="x">…</a>`) closes that anchor.
      const anchorBefore = () =>
        children
          .slice(0, i)
          .some((earlier) => earlier.type === "html" && /^<a[\s>]/i.test(earlier.value.trim()));
      if (tag?.closing) {
        if (!(tag.name === "a" && anchorBefore()))
          file.message(
            `\`${(child as Html).value.trim()}\` closes no \`<${tag.name}>\` opened before it in its paragraph: it is left out`,
            { place: child.position?.start, ruleId: "inline-html-tags", source: "folio" },
          );
      } else if (tag) {
        let depth = 0;
        let end = i + 1;
        for (; end < children.length; end++) {
          const next = tagAt(children[end] as Nodes);
          if (next?.name !== tag.name) continue;
          if (!next.closing) depth++;
          else if (depth-- === 0) break;
        }
        const close = children[end];
        const formatted = (nodeOf[tag.name] as (c: PhrasingContent[], t: Tag) => Formatted)(
          children.slice(i + 1, end) as PhrasingContent[],
          tag,
        );
        if (!close)
          file.message(
            `\`${(child as Html).value.trim()}\` is not closed in its paragraph: the rest of it is ${looks[formatted.type]}, as a browser reads it (close it with \`</${tag.name}>\`)`,
            { place: child.position?.start, ruleId: "inline-html-tags", source: "folio" },
          );
        const start = child.position?.start;
        const stop = (close ?? children[end - 1] ?? child).position?.end;
        if (start && stop) formatted.position = { start, end: stop };
        children.splice(i, end - i + (close ? 1 : 0), formatted as never);
      } else if (phrasing && child.type === "html") {
        const name = /^<([a-z]+)[\s>]/i.exec(child.value.trim())?.[1]?.toLowerCase();
        if (name && formattedOnlyInBrowsers.has(name) && !warned.has(name)) {
          warned.add(name);
          file.message(
            `\`<${name}>\` formats its text only in a browser: the PDF and the Word brief print it plain (use Markdown's marks, or leave the tag out)`,
            { place: child.position?.start, ruleId: "inline-html-tags", source: "folio" },
          );
        }
      }
      stack.push([children[i] as Nodes, phrasing]);
    }
  }
}

/** How the text of each node a tag becomes looks, for the message at a tag left open. */
const looks: Record<Formatted["type"], string> = {
  strong: "bold",
  emphasis: "italic",
  delete: "struck through",
  superscript: "superscript",
  subscript: "subscript",
  underline: "underlined",
  highlight: "highlighted",
  link: "a link",
  inlineCode: "code",
};
