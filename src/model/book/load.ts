import { dirname } from "node:path";
import { slug } from "github-slugger";
import type { Heading, Root, RootContent } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import type { Assets } from "../../assets/types.ts";
import { type AbbreviationDefinition, mergeDefinitions, placeAbbreviationList } from "../abbreviations.ts";
import { numberBook } from "../apparatus/book-numbering.ts";
import type { BookCitations } from "../apparatus/citations.ts";
import { numberChartSources } from "../charts/read-charts.ts";
import { planContents } from "../contents.ts";
import { frontMatterPlace, sourceIndex } from "../frontmatter.ts";
import { byPlace, type LoadOptions, loadReport, reservedIds } from "../load.ts";
import { structureLevels } from "../outline.ts";
import { runningHeader } from "../parts.ts";
import { resolveReferences } from "../references.ts";
import type { ReportMeta } from "../schema.ts";
import { foldSpace, readerText } from "../sentences.ts";
import type { OutlineEntry, ReportModel } from "../types.ts";
import { visit } from "../visit.ts";
import {
  type AdoptedChapter,
  adoptChapter,
  BookIds,
  bibliographyIdsIn,
  chapterByline,
  type LinkTarget,
  linksIn,
  relinkChapter,
  treeIds,
} from "./assemble.ts";
import { resolveBookCrossReferences } from "./cross-references.ts";
import { locateChapter, sourceKey } from "./paths.ts";
import type { BookChapter, BookPart, BookPlan, BookStart } from "./types.ts";

/** A source loaded for a book: its model, or only the vfile that says why it did not load. */
export interface LoadedSource {
  model?: ReportModel;
  file: VFile;
}

/**
 * Loads one chapter by path with `loadReport` (the build passes one that loads each path once),
 * with its book's citation fields, leaving a label of another chapter to the book (`inBook`).
 */
export type LoadSource = (path: string, bookCitations?: BookCitations) => LoadedSource;

export interface BookOptions {
  /** Loads the chapters; by default each with `loadReport`, every time. */
  loadSource?: LoadSource;
  /**
   * Receives the vfile of each chapter that does not load, to report after the book's (a chapter's
   * warnings are its own build's: the book reports only what stops it).
   */
  chapterFiles?: VFile[];
}

/** Whether a source's front matter makes it a book. */
export function isBook(meta: ReportMeta): boolean {
  return meta.chapters !== undefined || meta.parts !== undefined;
}

/** Loads a source into the document model: a report as `loadReport` does, a book assembled from its chapters. */
export function loadDocument(
  path: string,
  assets: Assets,
  options: LoadOptions & BookOptions = {},
): ReportModel {
  const model = loadReport(path, assets, options);
  return isBook(model.meta) ? loadBook(model, assets, options) : model;
}

/** Loads a source on its own, keeping its vfile when it fails (`factSheet`: see `LoadOptions`). */
export function loadAlone(
  path: string,
  assets: Assets,
  factSheet = false,
  chapter: { bookCitations?: BookCitations; inBook?: boolean } = {},
): LoadedSource {
  const file = new VFile({ path });
  try {
    return { model: loadReport(path, assets, { file, factSheet, ...chapter }), file };
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error;
    return { file };
  }
}

interface Entry {
  written: string;
  /** Its place in the front matter, as a path (`["parts", 0, "chapters", 1]`). */
  at: Array<string | number>;
  part?: number;
}

interface Chapter {
  entry: Entry;
  model: ReportModel;
  name: string;
  path: string;
  folder: string;
}

const pageBreak = (): LeafDirective => ({
  type: "leafDirective",
  name: "pagebreak",
  attributes: {},
  children: [],
});

function heading(depth: 1 | 2, title: string, id: string): Heading {
  return {
    type: "heading",
    depth,
    children: [{ type: "text", value: title }],
    data: { id, hProperties: { id } },
  };
}

/**
 * Assembles a book (pandoc's way: one document from its chapters' models). `book` is the book
 * source's own model (title block, front text). Each chapter is loaded by `loadReport` through
 * `options.loadSource`, then copied in: the book's tree is its front text, the contents (where the
 * front text has no `::toc`), then per part a part heading and per chapter a chapter heading and
 * its body, headings nesting part > chapter > section, ids unique, links between chapters made
 * internal, each part and chapter after a `::pagebreak`. The contents plan, labels and parts are
 * the book's. A missing, repeated, outside or failing chapter, or one that is itself a book, is an
 * error at its line of the book's front matter; the load throws the first error after all are found.
 */
export function loadBook(book: ReportModel, assets: Assets, options: BookOptions = {}): ReportModel {
  const { meta, file } = book;
  const load =
    options.loadSource ??
    ((path: string, lent?: BookCitations) =>
      loadAlone(path, assets, false, { ...(lent ? { bookCitations: lent } : {}), inBook: true }));
  // The book's `bibliography:`, `references:` and `csl:` serve every chapter that names none of its own.
  const citations: BookCitations | undefined =
    meta.bibliography !== undefined || meta.references !== undefined || meta.csl !== undefined
      ? { meta, baseDir: dirname(book.path) }
      : undefined;
  const placeOf = (at: Array<string | number>) => frontMatterPlace(meta, at);
  const fail = (reason: string, at: Array<string | number>, ruleId: string) => {
    const message = file.message(reason, { place: placeOf(at), ruleId, source: "folio" });
    message.fatal = true;
  };
  const lineOf = (entry: Entry) => placeOf(entry.at)?.line;

  if (meta.chapters && meta.parts)
    fail(
      "A book lists `chapters:` or `parts:`, not both: put every chapter in a part",
      ["chapters"],
      "book-parts",
    );
  const entries: Entry[] = [];
  if (meta.parts) {
    meta.parts.forEach((part, i) => {
      part.chapters.forEach((written, j) => {
        entries.push({ written, at: ["parts", sourceIndex(meta.parts, i), "chapters", j], part: i });
      });
    });
  } else {
    meta.chapters?.forEach((written, j) => {
      entries.push({ written, at: ["chapters", sourceIndex(meta.chapters, j)] });
    });
  }

  const self = sourceKey(book.path);
  const byFile = new Map<string, Entry>();
  const byName = new Map<string, Entry>();
  const chapters: Chapter[] = [];
  for (const entry of entries) {
    const { written } = entry;
    const location = locateChapter(book.path, written);
    if ("problem" in location) {
      fail(location.problem, entry.at, "book-chapter-path");
      continue;
    }
    if (location.real === self) {
      fail(
        `Chapter \`${written}\` is this book itself: a book cannot be its own chapter`,
        entry.at,
        "book-cycle",
      );
      continue;
    }
    const twice = byFile.get(location.real);
    if (twice) {
      fail(
        `Chapter \`${written}\` is already in the book (line ${lineOf(twice)}): a chapter appears once`,
        entry.at,
        "book-duplicate",
      );
      continue;
    }
    byFile.set(location.real, entry);
    const namesake = byName.get(location.name);
    if (namesake) {
      fail(
        `Chapter \`${written}\` has the name of \`${namesake.written}\` (line ${lineOf(namesake)}): their ids and web pages would be the same; rename one file`,
        entry.at,
        "book-duplicate",
      );
      continue;
    }
    byName.set(location.name, entry);
    const loaded = load(location.path, citations);
    if (!loaded.model) {
      options.chapterFiles?.push(loaded.file);
      const errors = loaded.file.messages.filter((m) => m.fatal).length;
      fail(
        `Chapter \`${written}\` does not load: ${errors === 1 ? "1 error" : `${errors} errors`} in ${location.path}, listed with it`,
        entry.at,
        "book-chapter-error",
      );
      continue;
    }
    if (isBook(loaded.model.meta)) {
      fail(
        `Chapter \`${written}\` is itself a book (it lists \`chapters:\` or \`parts:\`): books do not nest`,
        entry.at,
        "book-cycle",
      );
      continue;
    }
    const chapterBrand = loaded.model.meta.brand?.trim();
    if (chapterBrand && chapterBrand !== assets.brand?.name)
      file.message(
        `Chapter \`${written}\` names the brand \`${chapterBrand}\`, ${assets.brand ? `not the book's \`${assets.brand.name}\`` : "but the book names none"}: in the book it is dressed as every chapter is, in ${assets.brand ? `\`${assets.brand.name}\`` : "Folio's own look"}`,
        { place: placeOf(entry.at), ruleId: "book-brand", source: "folio" },
      );
    chapters.push({
      entry,
      model: loaded.model,
      name: location.name,
      path: location.path,
      folder: location.folder,
    });
  }
  if (entries.length === 0)
    fail("A book needs at least one chapter", [meta.parts ? "parts" : "chapters"], "book-chapter-path");
  const errors = file.messages.filter((m) => m.fatal);
  if (errors.length > 0) throw errors.sort(byPlace)[0];

  return assemble(book, assets, chapters);
}

function assemble(book: ReportModel, assets: Assets, chapters: readonly Chapter[]): ReportModel {
  const { meta, file } = book;
  const hasParts = meta.parts !== undefined;
  const chapterDepth = hasParts ? 2 : 1;
  const front = structuredClone(book.tree.children);
  const ids = new BookIds([...reservedIds, ...treeIds(front)]);
  const partIds = (meta.parts ?? []).map((part) => ids.claim(`part-${slug(part.title) || "untitled"}`));
  const chapterIds = chapters.map((chapter) => ids.claim(chapter.name));
  const images = new Map(book.images);
  const origins = new WeakMap<object, string>();
  const adopted: AdoptedChapter[] = chapters.map((chapter) =>
    adoptChapter(chapter, { depth: chapterDepth, ids, images, origins, file }),
  );
  const targets = new Map<string, LinkTarget>(
    adopted.map((a, i) => [
      a.source.folder ? `${a.source.folder}/${a.source.name}` : a.source.name,
      { id: chapterIds[i] as string, ids: a.ids, path: a.source.path },
    ]),
  );
  relinkChapter(linksIn(front), { folder: "", ids: new Map(), path: book.path }, targets, file, origins);
  for (const a of adopted) relinkChapter(a.links, { ...a.source, ids: a.ids }, targets, file, origins);

  // The volume: front text, the contents (unless the front text places them), then the parts and chapters.
  const children: RootContent[] = [...front];
  if (book.contents.at === undefined && meta.toc !== false) {
    if (children.length > 0) children.push(pageBreak());
    children.push({ type: "leafDirective", name: "toc", attributes: {}, children: [] });
  }
  const frontEnd = children.length;
  const parts: BookPart[] = [];
  const planned: BookChapter[] = [];
  const starts: BookStart[] = [];
  const header = (title: string) =>
    runningHeader(assets.templates, { series: book.fullTitle, title, labels: book.labels });
  const startPage = () => {
    if (children.length > 0) children.push(pageBreak());
  };
  chapters.forEach((chapter, i) => {
    const part = chapter.entry.part;
    if (part !== undefined && parts.length === part) {
      const title = meta.parts?.[part]?.title ?? "";
      const id = partIds[part] as string;
      startPage();
      parts.push({ title, id, node: children.length, chapters: [] });
      children.push(heading(1, title, id));
      starts.push({ kind: "part", id, title, header: header(title) });
    }
    const id = chapterIds[i] as string;
    const title = chapter.model.meta.title;
    startPage();
    const from = children.length;
    children.push(
      heading(chapterDepth, title, id),
      ...chapterByline(chapter.model, book),
      ...(adopted[i] as AdoptedChapter).nodes,
    );
    if (part !== undefined) parts[part]?.chapters.push(planned.length);
    planned.push({
      name: chapter.name,
      path: chapter.path,
      title,
      description: chapter.model.description,
      id,
      part,
      nodes: [from, children.length],
    });
    starts.push({ kind: "chapter", id, title, header: header(title) });
  });

  const tree: Root = { type: "root", children };
  const outline: OutlineEntry[] = [];
  visit(tree, "heading", (node: Heading) => {
    outline.push({ depth: node.depth, text: foldSpace(readerText(node)), id: node.data?.id ?? "" });
  });
  const footnotes = resolveReferences(tree);
  // The only `::toc`s left are the front text's (and the one put after it), which the book's own
  // load has already warned about: the plan's messages would repeat those.
  const contents = planContents(
    tree,
    outline,
    { ...meta, toc: meta.toc ?? true, "toc-depth": meta["toc-depth"] ?? chapterDepth },
    new VFile({ path: book.path }),
  );
  const plan: BookPlan = {
    twoSided: meta["two-sided"] === true,
    html: meta.html ?? "pages",
    parts,
    chapters: planned,
    starts,
    front: frontEnd,
    sourceOf: (place) => (place && typeof place === "object" ? origins.get(place) : undefined),
  };
  const headingLevels = structureLevels(outline);
  // A reference to another chapter's label, left by the chapter's load, points into the book now.
  resolveBookCrossReferences(tree, outline, book.labels, file, plan.sourceOf);
  const errors = file.messages.filter((m) => m.fatal);
  if (errors.length > 0) throw errors.sort(byPlace)[0];
  const apparatus = numberBook(tree, planned, assets.theme.captions.bookNumbering, book.labels);
  numberChartSources(apparatus);
  const abbreviations = bookAbbreviations(book, chapters);
  placeAbbreviationList(tree, abbreviations, book.labels);
  const bibliographyIds = bibliographyIdsIn(tree);
  const volume = {
    ...book,
    tree,
    outline,
    headingLevels,
    images,
    footnotes,
    contents,
    apparatus,
    book: plan,
    abbreviations,
    bibliographyIds,
  };
  // The copy does not carry the source's lazy `facts` (not enumerable): read them from the source.
  return Object.defineProperty(volume, "facts", {
    get: () => book.facts,
    enumerable: false,
    configurable: true,
  });
}

/**
 * The book's abbreviations: its own and its chapters', one per term. One term with two expansions
 * in two sources is a warning at both (a chapter's at its line of the book's front matter, naming
 * the chapter's file and line).
 */
function bookAbbreviations(book: ReportModel, chapters: readonly Chapter[]): AbbreviationDefinition[] {
  const entryOf = new Map(chapters.map((chapter) => [chapter.path, chapter.entry]));
  return mergeDefinitions(
    [...(book.abbreviations ?? []), ...chapters.flatMap((chapter) => chapter.model.abbreviations ?? [])],
    (definition, reason) => {
      const entry = entryOf.get(definition.path);
      const place = entry ? frontMatterPlace(book.meta, entry.at) : definition.place;
      const where = entry ? `In ${definition.path}:${definition.place?.line ?? 1}: ` : "";
      book.file.message(`${where}${reason}`, { place, ruleId: "abbreviation-twice", source: "folio" });
    },
  );
}
