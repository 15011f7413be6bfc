import type { Nodes, Parent, PhrasingContent, Root, Text } from "mdast";
import remarkSmartypants from "remark-smartypants";
import type { Transformer } from "unified";
import { KeptByKey } from "../assets/kept.ts";
import type { ReportMeta } from "./schema.ts";

/**
 * remark-smartypants (on retext-smartypants) as pandoc's `smart` extension sets it: `--` an en
 * dash, `---` an em dash, `...` an ellipsis, straight quotes and apostrophes curly.
 */
const smartypants = (remarkSmartypants as unknown as (options: object) => Transformer<Root>)({
  dashes: "oldschool",
});

/** Blocks whose children are a run of inline text: each is made typographic on its own. */
const inlineContainers = new Set(["paragraph", "heading", "tableCell", "leafDirective"]);

/** Raw inline HTML elements whose text is code, kept as typed. */
const codeElements = /^<(code|kbd|samp|pre|tt|var)[\s>]/i;

/**
 * Elisions SmartyPants takes for an opening quote (`rock 'n' roll`, `'tis`): an apostrophe is
 * what a reader expects there. (`'90s` it already gets right.)
 */
const elision = /(^|[\s([{—–])‘(?=(?:n’|tis|twas|em|til|cause)(?![\p{L}\p{N}]))/giu;

/**
 * Runs the library over one block's inline content. The library reads a block's text as one
 * string (so a quote that opens before a link and closes after it pairs up) and treats inline
 * code as opaque; text that must stay as typed (an autolink's URL, raw `<code>` content) is
 * passed as inline code for the run.
 */
function smartenInline(children: PhrasingContent[]): void {
  // Most blocks have nothing to change (or were typed typographic): the library's two passes of
  // natural-language parsing are skipped for them.
  if (!children.some(hasStraightMarks)) return;
  // A block as it was before (a watch rebuild after an edit elsewhere) gets the texts it got then.
  let ran = false;
  const texts = smartened.get(JSON.stringify(children, withoutPlaces), () => {
    ran = true;
    smartenRun(children);
    return textsOf(children).map((node) => node.value);
  });
  if (!ran)
    textsOf(children).forEach((node, i) => {
      node.value = texts[i] as string;
    });
}

/**
 * The texts the library gave a block, by the block's content: its nodes' types, values and URLs,
 * all the run depends on, without their places (`position`) and model data. Up to 4 million
 * characters of keys and texts, then afresh; none from the snapshot's training.
 */
const smartened = new KeptByKey<string[]>(4_000_000, {
  weigh: (texts, key) => key.length + texts.reduce((sum, text) => sum + text.length, 0),
  notInSnapshot: true,
});
const withoutPlaces = (key: string, value: unknown) =>
  key === "position" || key === "data" ? undefined : value;

/** How many blocks' texts are kept now (for tests: that a block met again comes from the keep). */
export function smartenedBlocksKept(): number {
  return smartened.size;
}

/** The text nodes of phrasing content, in document order. */
function textsOf(nodes: readonly Nodes[], found: Text[] = []): Text[] {
  for (const node of nodes) {
    if (node.type === "text") found.push(node);
    else if ("children" in node) textsOf(node.children as Nodes[], found);
  }
  return found;
}

/** The library's run over one block (see smartenInline). */
function smartenRun(children: PhrasingContent[]): void {
  const kept = keptAsTyped(children);
  for (const node of kept) (node as { type: string }).type = "inlineCode";
  const root: Root = { type: "root", children: [{ type: "paragraph", children }] };
  void smartypants(root, undefined as never, () => {});
  for (const node of kept) (node as { type: string }).type = "text";
  const fixElisions = (nodes: readonly Nodes[]): void => {
    for (const node of nodes) {
      if (node.type === "text" && !kept.has(node)) node.value = node.value.replace(elision, "$1’");
      else if ("children" in node) fixElisions(node.children as Nodes[]);
    }
  };
  fixElisions(children);
}

/** Straight quotes, apostrophes, `--` or `...` that the library would change. */
const straightMarks = /['"]|--|\.\.\./;

function hasStraightMarks(node: Nodes): boolean {
  if (node.type === "text") return straightMarks.test(node.value);
  return "children" in node && (node.children as Nodes[]).some(hasStraightMarks);
}

const withoutScheme = (url: string) => url.replace(/^(?:mailto:|https?:\/\/)/i, "");

/** Text nodes in `children` (at any depth) a reader expects exactly as typed. */
function keptAsTyped(children: readonly PhrasingContent[]): Set<Text> {
  const kept = new Set<Text>();
  let inCode: string | undefined;
  for (const child of children) {
    if (child.type === "html") {
      const open = codeElements.exec(child.value)?.[1]?.toLowerCase();
      if (open && !new RegExp(`</${open}\\s*>`, "i").test(child.value)) inCode = open;
      else if (inCode && new RegExp(`</${inCode}\\s*>`, "i").test(child.value)) inCode = undefined;
      continue;
    }
    if (child.type === "text" && inCode) kept.add(child);
    // An autolink (`<https://…>`, `www.…`) shows its URL as its text: `--` in it is not a dash.
    if (child.type === "link") {
      const only = child.children.length === 1 ? child.children[0] : undefined;
      if (only?.type === "text" && withoutScheme(child.url) === withoutScheme(only.value)) kept.add(only);
    }
    if ("children" in child && child.type !== "link")
      for (const node of keptAsTyped(child.children as PhrasingContent[])) kept.add(node);
  }
  return kept;
}

/** A plain string made typographic the same way as the body's text. */
export function smartenText(value: string): string {
  const text: Text = { type: "text", value };
  smartenInline([text]);
  return text.value;
}

/**
 * Makes the body typographic (pandoc's `smart`): every block's text and every image's alt text;
 * code, inline code, raw HTML, URLs and front matter are left as typed.
 */
export function smartenTree(tree: Root): void {
  const walk = (node: Nodes): void => {
    if (node.type === "image" || node.type === "imageReference") {
      if (node.alt) node.alt = smartenText(node.alt);
      return;
    }
    if (!("children" in node)) return;
    if (inlineContainers.has(node.type)) {
      const children = (node as Parent).children as PhrasingContent[];
      smartenInline(children);
      // Images inside the run keep their alt text apart from the run's quotes.
      for (const child of children) walk(child);
      return;
    }
    for (const child of (node as Parent).children) walk(child as Nodes);
  };
  walk(tree);
}

/**
 * The front matter's reader-facing words made typographic: title, subtitle, abstract, names, and
 * the fact sheet's labels and summaries. Quotes (checked against the body, see
 * facts/provenance.ts) and values stay as typed.
 */
export function smartenMeta(meta: ReportMeta): void {
  const keys = [
    "title",
    "subtitle",
    "abstract",
    "description",
    "series",
    "publisher",
    "bureau",
    "rights",
  ] as const;
  for (const key of keys) {
    const value = meta[key];
    if (value !== undefined) meta[key] = smartenText(value);
  }
  for (const author of meta.author ?? []) {
    author.name = smartenText(author.name);
    if (author.affiliation) author.affiliation = smartenText(author.affiliation);
  }
  for (const fact of meta.facts ?? []) {
    fact.label = smartenText(fact.label);
    if (fact.unit) fact.unit = smartenText(fact.unit);
  }
  for (const incident of meta.incidents ?? []) {
    // The place stays as typed: the gazetteer looks it up.
    incident.summary = smartenText(incident.summary);
  }
  for (const group of meta.groups ?? []) {
    group.label = smartenText(group.label);
    for (const item of group.items) item.name = smartenText(item.name);
  }
}
