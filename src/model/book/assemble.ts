import { posix } from "node:path";
import type { Heading, Link, Nodes, Parent, Root, RootContent } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { VFile } from "vfile";
import type { ImageAsset, ReportModel } from "../types.ts";
import { decodeOrAsTyped } from "../url-decode.ts";
import { SKIP, visit } from "../visit.ts";

/** A chapter to adopt into a book: its own model (never changed) and where it sits in the book. */
export interface ChapterSource {
  model: ReportModel;
  /** Base name of its source: the prefix of its ids. */
  name: string;
  /** Its source path as the build names it (messages about its nodes name this file). */
  path: string;
  /** Its folder relative to the book's folder, POSIX (`""` beside the book). */
  folder: string;
}

/** A line of a chapter's opening, rendered by the title block's own directive in every format. */
function bylineLine(name: "subtitle" | "authors" | "dateline", value: string): LeafDirective {
  return { type: "leafDirective", name, attributes: {}, children: [{ type: "text", value }] };
}

/**
 * The lines under a chapter's heading: its subtitle, then its authors and its date where they are
 * not the book's own (a volume by one author does not repeat the name on every chapter). Each
 * is the directive the title block uses (`::subtitle`, `::authors`, `::dateline`), so every format
 * sets a chapter's byline as it sets the book's.
 */
export function chapterByline(chapter: ReportModel, book: ReportModel): LeafDirective[] {
  const lines: LeafDirective[] = [];
  if (chapter.meta.subtitle) lines.push(bylineLine("subtitle", chapter.meta.subtitle));
  const authors = chapter.credits.byline;
  if (authors && authors !== book.credits.byline) lines.push(bylineLine("authors", authors));
  const date = chapter.credits.date;
  if (date && date !== book.credits.date) lines.push(bylineLine("dateline", date));
  return lines;
}

/** A chapter's nodes as the book holds them: copied, heading levels shifted, ids, notes and images renamed. */
export interface AdoptedChapter {
  source: ChapterSource;
  nodes: RootContent[];
  /** The chapter's own ids (headings, quoted blocks) → the book's. */
  ids: Map<string, string>;
  links: Link[];
}

/** Ids taken in one book: a wanted id already taken gets `-1`, `-2` … (as GitHub's slugger does). */
export class BookIds {
  private readonly taken = new Set<string>();
  constructor(taken: Iterable<string>) {
    for (const id of taken) this.taken.add(id);
  }
  claim(wanted: string): string {
    let id = wanted;
    for (let n = 1; this.taken.has(id); n++) id = `${wanted}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** Every id the tree's nodes carry (headings' `data.id`, quoted blocks' `hProperties.id`). */
export function treeIds(nodes: readonly RootContent[]): string[] {
  const ids: string[] = [];
  visit({ type: "root", children: [...nodes] } as Root, (node) => {
    const id = node.data?.id ?? (node.data?.hProperties?.id as string | undefined) ?? bibEntryId(node);
    if (id) ids.push(id);
  });
  return ids;
}

/** The anchor of a bibliography entry, which citations link to. */
const bibEntryId = (node: Nodes): string | undefined => (node.type === "bibEntry" ? node.id : undefined);

/** The anchors of every bibliography entry of the tree, in order. */
export function bibliographyIdsIn(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, "bibEntry", (entry) => {
    found.push(entry.id);
  });
  return found;
}

const deepest = 6;

/**
 * Copies a chapter's body into the book: headings shifted so the chapter's top sections sit one
 * level below its heading (`depth`), clamped at 6 with a warning where that flattens two levels;
 * every id prefixed with the chapter's name (`mali-2021-overview`) and made unique in the book;
 * footnote labels prefixed the same way (each chapter keeps its notes); images renamed by their
 * path from the book's folder (the same file is one image); the chapter's own `::toc` dropped
 * (the book's contents list it). Positions stay the chapter's, recorded in `origins`.
 */
export function adoptChapter(
  source: ChapterSource,
  context: {
    depth: number;
    ids: BookIds;
    images: Map<string, ImageAsset>;
    origins: WeakMap<object, string>;
    file: VFile;
  },
): AdoptedChapter {
  const { model, name, path } = source;
  const nodes = structuredClone(model.tree.children);
  const top = Math.min(...model.outline.map((e) => e.depth));
  const shift = Number.isFinite(top) ? context.depth + 1 - top : 0;
  const ids = new Map<string, string>();
  const links: Link[] = [];
  const root = { type: "root", children: nodes } as Root;
  visit(root, (node: Nodes, index, parent: Parent | undefined) => {
    if (node.position) context.origins.set(node.position, path);
    if (
      node.type === "leafDirective" &&
      (node as LeafDirective).name === "toc" &&
      parent &&
      index !== undefined
    ) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type === "heading") shiftHeading(node, shift, source, context.file);
    const own = node.data?.id ?? (node.data?.hProperties?.id as string | undefined) ?? bibEntryId(node);
    if (own) {
      const id = context.ids.claim(`${name}-${own}`);
      ids.set(own, id);
      // A bibliography entry's anchor is its own field (chapters citing one work each have its entry).
      if (node.type === "bibEntry") node.id = id;
      node.data = {
        ...node.data,
        ...(node.type === "heading" ? { id } : {}),
        hProperties: { ...node.data?.hProperties, id },
      };
    }
    if (node.type === "footnoteReference" || node.type === "footnoteDefinition") {
      node.identifier = `${name}-${node.identifier}`;
      node.label = `${name}-${node.label ?? node.identifier}`;
    } else if (node.type === "image") {
      const asset = model.images.get(node.url);
      if (asset) {
        const url = posix.join(source.folder, asset.path.split("\\").join("/"));
        if (!context.images.has(url)) context.images.set(url, { ...asset, url, path: url });
        node.url = url;
      }
    } else if (node.type === "link") links.push(node);
    // A figure's or a captioned table's anchor, prefixed as a heading's is.
    const captioned = node.data?.figure ?? node.data?.tableCaption;
    if (captioned?.id) {
      const id = context.ids.claim(`${name}-${captioned.id}`);
      ids.set(captioned.id, id);
      captioned.id = id;
    }
    return undefined;
  });
  // Cross-references follow their targets' new ids (a reference may come before its target).
  visit(root, "crossReference", (node) => {
    const id = ids.get(node.id);
    if (!id) return;
    node.id = id;
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, href: `#${id}` } };
  });
  // So do the tables charts are drawn from (src/model/charts).
  visit(root, "image", (node) => {
    const source = node.data?.chart?.source;
    if (source?.kind === "table") source.id = ids.get(source.id) ?? source.id;
  });
  return { source, nodes, ids, links };
}

function shiftHeading(heading: Heading, shift: number, source: ChapterSource, file: VFile): void {
  const wanted = heading.depth + shift;
  if (wanted > deepest) {
    const message = file.message(
      `In the book this heading would be level ${wanted} (the chapter's sections sit below its part and chapter headings): set at level ${deepest}, the deepest there is, beside the level above it`,
      { place: heading.position, ruleId: "book-heading-level", source: "folio" },
    );
    message.file = source.path;
  }
  heading.depth = Math.max(1, Math.min(deepest, wanted)) as Heading["depth"];
}

/** A chapter as a link target: its folder and name (the link's path without extension) and ids. */
export interface LinkTarget {
  /** The chapter's heading id. */
  id: string;
  ids: ReadonlyMap<string, string>;
  path: string;
}

/** Extensions a link to a chapter may name: its source, or its web page as built alone. */
const chapterLink = /^(?<file>[^?#]*?)\.(?:md|markdown|html)(?:\?[^#]*)?(?:#(?<fragment>.*))?$/i;

/**
 * Points the links of one part of the book (a chapter, or the book's front text at folder `""`)
 * into the book: `#section` to the chapter's own renamed heading, `niger-2021.md`,
 * `niger-2021.md#section` and `niger-2021.html#…` (relative to the linking file's folder) to
 * that chapter's heading or section. Links to files that are not chapters stay as written.
 */
export function relinkChapter(
  links: readonly Link[],
  from: { folder: string; ids: ReadonlyMap<string, string>; name?: string; path: string },
  targets: ReadonlyMap<string, LinkTarget>,
  file: VFile,
  origins: WeakMap<object, string>,
): void {
  for (const link of links) {
    const url = link.url;
    if (url.startsWith("#")) {
      const fragment = decodeOrAsTyped(url.slice(1));
      const id = from.ids.get(fragment) ?? (from.name ? `${from.name}-${fragment}` : fragment);
      link.url = `#${id}`;
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("/")) continue;
    const match = chapterLink.exec(url);
    if (!match?.groups) continue;
    const key = posix.normalize(posix.join(from.folder, decodeOrAsTyped(match.groups.file ?? "")));
    const target = targets.get(key);
    if (!target) continue;
    const fragment = match.groups.fragment === undefined ? undefined : decodeOrAsTyped(match.groups.fragment);
    let id = target.id;
    if (fragment) {
      const found = target.ids.get(fragment);
      if (found) id = found;
      else {
        const message = file.message(
          `Link \`${url}\`: ${target.path} has no heading \`#${fragment}\`; in the book it goes to the chapter's start`,
          { place: link.position, ruleId: "book-link", source: "folio" },
        );
        const origin = link.position && origins.get(link.position);
        if (origin) message.file = origin;
      }
    }
    link.url = `#${id}`;
  }
}

/** Collects the links of nodes (the book's front text). */
export function linksIn(nodes: readonly RootContent[]): Link[] {
  const links: Link[] = [];
  visit({ type: "root", children: [...nodes] } as Root, "link", (link: Link) => {
    links.push(link);
  });
  return links;
}
