import type { Heading, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { VFile } from "vfile";
import { frontMatterPlace } from "../frontmatter.ts";
import type { Labels } from "../labels.ts";
import type { ReportMeta } from "../schema.ts";
import { suggestion } from "../suggest.ts";
import { type CslItem, cslLang, loadBibliography, localeXml, readStyle } from "./bibliography-files.ts";
import type { BibEntry, Bibliography } from "./bibliography-node.ts";
import { type Cite, type CiteItem, isCrossReferenceKey } from "./cite-syntax.ts";
import { type CslCitationItem, formatWithCsl } from "./csl-engine.ts";
import { citationPhrasing, entryPhrasing, itemEnd, itemMark } from "./csl-html.ts";
import { reportUnresolvedCitations } from "./unresolved-citations.ts";

// Citations resolved once, here: the CSL processor formats every citation of the bibliography in
// document order and the bibliography of what is cited; each `cite` node becomes its formatted
// text, each item a link to its entry, and the bibliography a node where `::bibliography` stands
// (else at the end under the labels' "References"). Renderers only draw the result.

/** What the citations of one source need besides its tree. */
export interface CitationSources {
  meta: ReportMeta;
  file: VFile;
  /** The source's folder: bibliography and style files are read there and nowhere else. */
  baseDir: string;
  labels: Labels;
  /** The book's citation fields, when the source is one of its chapters. */
  book?: BookCitations;
}

/** A book's front matter and folder: a chapter naming no `bibliography:`/`references:` (or `csl:`) uses the book's. */
export interface BookCitations {
  meta: ReportMeta;
  baseDir: string;
}

const namesEntries = (meta: ReportMeta) => meta.bibliography !== undefined || meta.references !== undefined;

/**
 * Where the source's entries and style come from: its own front matter, else (a chapter) the book's,
 * read in the book's folder. A book's files failing to load are the book's errors, reported by its
 * own load (which then stops), so here they only leave the chapter's citations unformatted.
 */
function citationOrigins(sources: CitationSources) {
  const own = { meta: sources.meta, baseDir: sources.baseDir, file: sources.file };
  const book = sources.book && { ...sources.book, file: new VFile({ path: "book" }) };
  const entries = namesEntries(own.meta) ? own : book && namesEntries(book.meta) ? book : undefined;
  const style = own.meta.csl === undefined && book?.meta.csl !== undefined ? book : own;
  return { entries, style };
}

/** The `cite` nodes of the tree that cite the bibliography, with their parents, in document order. */
function bibliographyCites(tree: Root): Array<{ node: Cite; parent: Parent }> {
  const found: Array<{ node: Cite; parent: Parent }> = [];
  const walk = (parent: Parent): void => {
    for (const child of parent.children as RootContent[]) {
      if (child.type === "cite") {
        // A cite mixing cross-references and keys is an error the cross-references report.
        if (child.items.every((item) => !isCrossReferenceKey(item.key))) found.push({ node: child, parent });
      } else if ("children" in child) walk(child as Parent);
    }
  };
  walk(tree);
  return found;
}

/** Whether a node is `::bibliography`, where the bibliography goes. */
const isBibliographyDirective = (node: RootContent) =>
  node.type === "leafDirective" && node.name === "bibliography";

/**
 * Resolves the source's citations (see above). A key not in the bibliography is an error at its
 * citation with the nearest key; with no bibliography at all, every citation is one. Returns the
 * bibliography entries' ids (anchors every format must place).
 */
export function resolveCitations(tree: Root, sources: CitationSources): string[] {
  const { meta, file } = sources;
  const cites = bibliographyCites(tree);
  const hasDirective = tree.children.some(isBibliographyDirective);
  const origins = citationOrigins(sources);
  const error = (reason: string, place: unknown) => {
    const message = file.message(reason, { place: place as never, ruleId: "citation", source: "folio" });
    message.fatal = true;
  };
  if (cites.length === 0 && !hasDirective) {
    // Nothing cited, nothing listed: the files are still read, so that their mistakes are reported
    // (a book's, before its chapters borrow them), but no engine is built.
    if (namesEntries(meta)) loadBibliography(meta, file, sources.baseDir);
    if (meta.csl !== undefined) readStyle(meta, sources.baseDir, error);
    // A key in a cite that also holds cross-references still needs a bibliography.
    if (!origins.entries) reportUnresolvedCitations(tree, file);
    return [];
  }
  if (!origins.entries) {
    reportUnresolvedCitations(tree, file);
    const directive = tree.children.find(isBibliographyDirective);
    if (directive)
      file.message("`::bibliography` with no `bibliography:` or `references:`: nothing to list there", {
        place: directive.position,
        ruleId: "citation",
        source: "folio",
      });
    dropDirectives(tree);
    return [];
  }
  const from = origins.entries;
  const items = loadBibliography(from.meta, from.file, from.baseDir);
  const unreadable = from.file.messages.some((m) => m.fatal && m.ruleId === "bibliography");
  if (unreadable && from.file !== file)
    error("The book's bibliography does not load (its errors are the book's)", cites[0]?.node.position);
  let known = !unreadable;
  // A bibliography that did not load would make every key look unknown: its own error says enough.
  if (!unreadable)
    for (const { node } of cites)
      for (const item of node.items)
        if (!items.has(item.key)) {
          known = false;
          error(`No bibliography entry \`${item.key}\`${suggestion(item.key, items.keys())}`, node.position);
        }
  const styleFrom = origins.style;
  const style = readStyle(styleFrom.meta, styleFrom.baseDir, (reason, place) => {
    if (styleFrom.file === file) error(reason, place);
    else error(`The book's citation style cannot be read: ${reason}`, cites[0]?.node.position);
  });
  if (!known || style === undefined) {
    dropDirectives(tree);
    return [];
  }

  const anchors = anchorIds([...items.keys()]);
  const requests: CslCitationItem[][] = [];
  const plans = cites.map(({ node, parent }) => {
    const targets = node.items.map((item) => anchors.get(item.key) as string);
    const first = requests.length;
    if (node.mode === "narrative") {
      // pandoc's narrative citation: the author in the text, then the rest in parentheses.
      const head = node.items[0] as CiteItem;
      requests.push([marked({ id: head.key, "author-only": true }, 0)]);
      requests.push(node.items.map((item, i) => cslItem(item, i, i === 0 || item.suppressAuthor)));
    } else requests.push(node.items.map((item, i) => cslItem(item, i, item.suppressAuthor)));
    return { node, parent, targets, first, count: requests.length - first };
  });
  const itemMap = new Map<string, CslItem>([...items].map(([id, loaded]) => [id, loaded.item]));
  let result: ReturnType<typeof formatWithCsl>;
  try {
    result = formatWithCsl(style.xml, cslLang(meta.lang), localeXml, itemMap, requests);
  } catch (problem) {
    error(
      `Citation style \`${style.name}\` cannot be used: ${(problem as Error).message?.split("\n")[0] ?? problem}`,
      styleFrom.file === file ? frontMatterPlace(meta, ["csl"]) : cites[0]?.node.position,
    );
    dropDirectives(tree);
    return [];
  }

  for (const plan of plans) {
    const [author, cluster] = [result.citations[plan.first] ?? "", result.citations[plan.first + 1] ?? ""];
    const content: PhrasingContent[] =
      plan.count === 2
        ? [
            ...citationPhrasing(author, plan.targets),
            { type: "text", value: " " },
            ...citationPhrasing(cluster, plan.targets),
          ]
        : citationPhrasing(author, plan.targets);
    const index = plan.parent.children.indexOf(plan.node as never);
    (plan.parent.children as PhrasingContent[]).splice(index, 1, ...content);
  }

  const bibliography: Bibliography = {
    type: "bibliography",
    hangingIndent: result.hangingIndent,
    children: result.entries.map(
      (entry): BibEntry => ({
        type: "bibEntry",
        id: anchors.get(entry.id) as string,
        children: entryPhrasing(entry.html),
      }),
    ),
  };
  placeBibliography(tree, bibliography, sources.labels);
  return bibliography.children.map((entry) => entry.id);
}

/** A cited item as citeproc takes it, its prefix and suffix carrying the marks that find it in the output. */
function cslItem(item: CiteItem, index: number, suppressAuthor: boolean): CslCitationItem {
  const suffix = item.suffix && !/^[,.;:]/.test(item.suffix) ? ` ${item.suffix}` : item.suffix;
  return marked(
    {
      id: item.key,
      ...(item.locator ? { locator: item.locator, label: item.label ?? "page" } : {}),
      ...(item.prefix ? { prefix: `${item.prefix} ` } : {}),
      ...(suffix ? { suffix } : {}),
      ...(suppressAuthor ? { "suppress-author": true } : {}),
    },
    index,
  );
}

function marked(item: CslCitationItem, index: number): CslCitationItem {
  return { ...item, prefix: itemMark(index) + (item.prefix ?? ""), suffix: (item.suffix ?? "") + itemEnd };
}

/** Each key's anchor (`ref-epa2023`): letters, digits, `-` and `_` only (a Word bookmark's), unique. */
function anchorIds(keys: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  for (const key of keys) {
    const base = `ref-${key.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
    let id = base;
    for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(key, id);
  }
  return ids;
}

/** The first `::bibliography` becomes the bibliography (later ones are dropped); without one it goes at the end under its heading. */
function placeBibliography(tree: Root, bibliography: Bibliography, labels: Labels): void {
  const at = tree.children.findIndex(isBibliographyDirective);
  if (at >= 0) {
    bibliography.position = tree.children[at]?.position;
    tree.children.splice(at, 1, bibliography);
    dropDirectives(tree);
    return;
  }
  if (bibliography.children.length === 0) return;
  const depths = tree.children
    .filter((n): n is Heading => n.type === "heading" && n.depth > 1)
    .map((n) => n.depth);
  const heading: Heading = {
    type: "heading",
    depth: (depths.length > 0 ? Math.min(...depths) : 2) as Heading["depth"],
    children: [{ type: "text", value: labels.text("references") }],
  };
  tree.children.push(heading, bibliography);
}

function dropDirectives(tree: Root): void {
  tree.children = tree.children.filter((node) => !isBibliographyDirective(node));
}
