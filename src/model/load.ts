import { readFileSync, statSync } from "node:fs";
import { basename, dirname, extname } from "node:path";
import type { Heading, Root, Yaml } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import type { Assets } from "../assets/types.ts";
import {
  frontMatterDefinitions,
  markAbbreviations,
  mergeDefinitions,
  placeAbbreviationList,
  takeDefinitionLines,
  warnAt,
} from "./abbreviations.ts";
import { abbreviationsFromHtml, markFirstUses } from "./abbreviations-html.ts";
import { checkAltText } from "./alt-text.ts";
import { anchorQuotableBlocks } from "./anchors.ts";
import { type BookCitations, resolveCitations } from "./apparatus/citations.ts";
import { parseCitations } from "./apparatus/cite-syntax.ts";
import { resolveCrossReferences } from "./apparatus/cross-references.ts";
import { readFigures, readHeadingLabels, readTableCaptions } from "./apparatus/figures.ts";
import { definedLabels, numberApparatus } from "./apparatus/numbering.ts";
import { markCallouts } from "./callouts.ts";
import { numberChartSources, readDataDirectives } from "./charts/read-charts.ts";
import { planContents } from "./contents.ts";
import { credits } from "./credits.ts";
import { markCriticChanges } from "./critic-markup.ts";
import { checkDirectives } from "./directives.ts";
import { checkEntityTypos } from "./entity-typos.ts";
import { withLazyFacts } from "./facts/report-facts.ts";
import { checkFootnotes } from "./footnote-checks.ts";
import { frontMatterPlace, parseFrontMatter, readFrontMatter } from "./frontmatter.ts";
import { checkHeadingTypos } from "./heading-typos.ts";
import { loadImages, resourceFolders } from "./images.ts";
import { dropStrippedInlineContent, rawBreaksToBreaks } from "./inline-html.ts";
import { formattingFromHtml } from "./inline-html-formatting.ts";
import { checkJoinedSentences } from "./joined-sentences.ts";
import { labelsFor, warnMissingLabels } from "./labels.ts";
import { checkNestingBeforeParse, checkSourceSize, checkTreeLimits } from "./limits.ts";
import { checkLinkTargets } from "./link-targets.ts";
import { checkLinkText } from "./link-text.ts";
import { checkListIndents } from "./list-indent.ts";
import { checkNoteContinuations } from "./note-continuation.ts";
import { buildOutline, checkHeadingLevels, structureLevels } from "./outline.ts";
import { parseMarkdown } from "./parse.ts";
import { renderParts } from "./parts.ts";
import { plainText } from "./plain-text.ts";
import { resolveReferences } from "./references.ts";
import type { ReportMeta } from "./schema.ts";
import { smartenMeta, smartenTree } from "./smart-quotes.ts";
import { byPlace } from "./source-place.ts";
import { checkTableLikeParagraphs } from "./table-like.ts";
import { checkTableRows } from "./table-rows.ts";
import { checkTagLikeText } from "./tag-like-text.ts";
import { checkTypedAsText } from "./typed-as-text.ts";
import type { ReportModel } from "./types.ts";
import { checkUnclosedBlocks } from "./unclosed-blocks.ts";
import { checkUnclosedMarks } from "./unclosed-emphasis.ts";
import { checkUndefinedReferences } from "./undefined-references.ts";
import { checkUnspacedItems } from "./unspaced-items.ts";

/** Ids the page shell uses itself; heading slugs never take them. */
export const reservedIds = ["main", "contents", "title", "colophon", "footnotes"];

export interface LoadOptions {
  /** Source text; read from `path` when absent. */
  text?: string;
  /** Folder images resolve against; the source's folder by default. */
  baseDir?: string;
  /** Where messages go (the caller keeps them when the load fails); a new vfile by default. */
  file?: VFile;
  /**
   * Whether the build makes the fact sheet: then a load that fails still checks and drafts the
   * facts first, so their errors are reported with the load's (a load that succeeds leaves them
   * to `reportFacts`, when the sheet renders).
   */
  factSheet?: boolean;
  /** A book's `bibliography:`, `references:` and `csl:`, which its chapter uses where it names none. */
  bookCitations?: BookCitations;
  /**
   * The source is loaded as a chapter of a book: a cross-reference to a label it does not define
   * is left for the book, which resolves it over every chapter (book/cross-references.ts).
   */
  inBook?: boolean;
}

/**
 * Decodes source bytes as UTF-8 (a BOM dropped). Fails at the line and column of the first invalid
 * byte, or at 1:1 for a UTF-16 or UTF-32 file (recognised by its byte-order mark), which an editor
 * can save as UTF-8.
 */
export function decodeSource(bytes: Uint8Array, file: VFile): string {
  const fail = (reason: string, line: number, column: number): never =>
    file.fail(reason, { place: { line, column }, ruleId: "encoding", source: "folio" });
  const utf16 = utf16Name(bytes);
  if (utf16) fail(`The source is ${utf16}, not UTF-8: save it as UTF-8`, 1, 1);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    // Everything before the bad byte is valid: its lines and characters give the place.
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset)).replace(/^\uFEFF/, "");
    const lines = before.split(/\r\n?|\n/);
    const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return fail(
      `Not valid UTF-8 (byte 0x${hex}, at byte offset ${offset}): save the file as UTF-8`,
      lines.length,
      [...(lines.at(-1) ?? "")].length + 1,
    );
  }
}

/** "UTF-16 (little-endian)" and the like for bytes that start with a UTF-16 or UTF-32 byte-order mark. */
function utf16Name(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe)
    return c === 0 && d === 0 ? "UTF-32 (little-endian)" : "UTF-16 (little-endian)";
  if (a === 0xfe && b === 0xff) return "UTF-16 (big-endian)";
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "UTF-32 (big-endian)";
  return undefined;
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (linear in the length). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const size =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0) return i;
    const second = bytes[i + 1] ?? 0;
    // The second byte's range depends on the first (no overlong forms, surrogates or code points past U+10FFFF).
    const [low, high] =
      b === 0xe0
        ? [0xa0, 0xbf]
        : b === 0xed
          ? [0x80, 0x9f]
          : b === 0xf0
            ? [0x90, 0xbf]
            : b === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    if (size > 1 && (i + 1 >= bytes.length || second < low || second > high)) return i;
    for (let k = 2; k < size; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += size;
  }
  return bytes.length;
}

/**
 * Loads a report: reads and parses the source once, validates its metadata, resolves images,
 * decides its contents and labels, anchors the blocks a fact can quote and renders the shared
 * template parts (from `assets`). Fatal problems throw a VFileMessage naming file:line:column.
 * What only one format needs is not done here: the fact sheet's facts are `reportFacts`, run when
 * the fact sheet renders.
 */
export function loadReport(path: string, assets: Assets, options: LoadOptions = {}): ReportModel {
  const file = options.file ?? new VFile({ path });
  const bytes = options.text === undefined ? readSource(path, file) : new TextEncoder().encode(options.text);
  checkSourceSize(bytes, file);
  // CRLF (Windows editors) and lone CR become LF: the parser keeps line endings inside text and
  // code, so without this the same document would build different artifacts. Lines keep their numbers.
  const text = (options.text ?? decodeSource(bytes, file)).replace(/\r\n?/g, "\n");
  if (text.includes("\u0000")) {
    const before = text.slice(0, text.indexOf("\u0000")).split("\n");
    file.fail("The source contains a NUL byte: it is not a text file", {
      place: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
      ruleId: "encoding",
      source: "folio",
    });
  }
  file.value = text;
  checkNestingBeforeParse(text, file);
  const tree = parseMarkdown(text, path);
  checkTreeLimits(tree, file);
  dropStrippedInlineContent(tree);
  rawBreaksToBreaks(tree);
  formattingFromHtml(tree, file);
  markCriticChanges(tree, file);
  // Before typographic quotes: citations are read from the text as typed.
  parseCitations(tree, text, file);

  const yaml = tree.children[0]?.type === "yaml" ? (tree.children.shift() as Yaml) : undefined;
  const firstH1Index = tree.children.findIndex((n) => n.type === "heading" && n.depth === 1);
  const firstH1 = tree.children[firstH1Index] as Heading | undefined;
  const meta = readFrontMatter(
    file,
    yaml,
    firstH1 ? nodeText(firstH1).trim() || undefined : undefined,
    firstH1?.position?.start,
  );
  applyDefaults(meta, yaml, assets.defaults);
  const declared = takeDefinitionLines(tree, file, text);
  // A title taken from the first heading moves into the title block instead of appearing twice.
  if (firstH1 && !yamlHasTitle(yaml) && meta.title === nodeText(firstH1).trim())
    tree.children.splice(firstH1Index, 1);
  // Typographic quotes and dashes, decided once here so every format prints the same characters.
  if (meta.smart) {
    smartenTree(tree);
    smartenMeta(meta);
  }

  checkDirectives(tree, file, text);
  checkTagLikeText(tree, file, text);
  checkFootnotes(tree, file, text);
  checkTableLikeParagraphs(tree, file, text);
  checkTableRows(tree, file, text);
  checkLinkText(tree, file);
  checkUndefinedReferences(tree, file, text);
  checkUnclosedMarks(tree, file, text);
  checkTypedAsText(tree, file, text);
  checkJoinedSentences(tree, file, text);
  checkHeadingTypos(tree, file, text);
  checkUnclosedBlocks(tree, file, text);
  checkUnspacedItems(tree, file, text);
  checkEntityTypos(tree, file, text);
  checkNoteContinuations(tree, file);
  checkListIndents(tree, file);
  checkAltText(tree, file);
  // Before the outline: a bibliography placed at the end brings its heading.
  const bibliographyIds = resolveCitations(tree, {
    meta,
    file,
    baseDir: options.baseDir ?? dirname(path),
    labels: labelsFor(assets.labels, meta.lang),
    book: options.bookCitations,
  });
  const footnotes = resolveReferences(tree);
  // Figures, table captions and labels, decided once for every format (src/model/apparatus).
  readFigures(tree, file);
  readTableCaptions(tree, file);
  // Data tables and charts (`::table{src=…}`, `::chart{…}`): tables and figures like any other.
  readDataDirectives(tree, {
    file,
    text,
    path,
    sourceDir: options.baseDir ?? dirname(path),
    theme: assets.theme,
    labels: labelsFor(assets.labels, meta.lang),
    name: basename(path, extname(path)),
  });
  readHeadingLabels(tree);
  const outline = buildOutline(tree, [...reservedIds, ...definedLabels(tree)]);
  checkHeadingLevels(tree, file);
  const images = loadImages(tree, file, options.baseDir ?? dirname(path), resourceFolders(meta));
  const contents = planContents(tree, outline, meta, file);
  const labels = labelsFor(assets.labels, meta.lang);
  const apparatus = numberApparatus(tree, file, {
    titles: new Map(outline.map((entry) => [entry.id, entry.text])),
  });
  numberChartSources(apparatus);
  // A book's own front text and its chapters may name a label of another chapter: the book resolves those.
  const pendingCrossReferences = resolveCrossReferences(tree, apparatus.targets, labels, file, {
    keepUnknown: options.inBook === true || meta.chapters !== undefined || meta.parts !== undefined,
  });
  warnMissingLabels(assets.labels, meta.lang, file, frontMatterPlace(meta, ["lang"]));
  markCallouts(tree, file, labels, [...reservedIds, ...outline.map((entry) => entry.id)]);
  abbreviationsFromHtml(tree);
  const abbreviations = mergeDefinitions([...frontMatterDefinitions(meta, path), ...declared], warnAt(file));
  markAbbreviations(tree, abbreviations);
  markFirstUses(tree, assets.theme.abbreviations.expandFirstUse);
  // A book lists every chapter's abbreviations: it places its list once it has them all (book/load.ts).
  if (meta.chapters === undefined && meta.parts === undefined)
    placeAbbreviationList(tree, abbreviations, labels);
  // After every transform of the body: the ids a fact sheet links to, whether or not one is built.
  anchorQuotableBlocks(tree, [...reservedIds, ...outline.map((entry) => entry.id)]);
  if (!options.inBook && meta.chapters === undefined && meta.parts === undefined)
    checkLinkTargets(tree, file, [
      ...reservedIds,
      ...outline.map((entry) => entry.id),
      ...[...apparatus.targets.values()].map((target) => target.id),
      ...(bibliographyIds ?? []),
    ]);
  const fullTitle =
    meta.series && !meta.title.includes(meta.series) ? `${meta.series}: ${meta.title}` : meta.title;
  const name = basename(path, extname(path));
  const credit = credits(meta);
  const parts = renderParts(assets.templates, {
    meta,
    credits: credit,
    fullTitle,
    sourceName: basename(path),
    folioVersion: assets.version,
    labels,
    logo: assets.brand?.logo !== undefined,
  });
  const model = withLazyFacts(assets.gazetteer, {
    path,
    name,
    tree,
    meta,
    fullTitle,
    description: meta.description ?? meta.abstract ?? firstSentence(tree) ?? fullTitle,
    outline,
    headingLevels: structureLevels(outline),
    images,
    footnotes,
    frontMatter: yaml,
    parts,
    contents,
    labels,
    apparatus,
    credits: credit,
    file,
    abbreviations,
    bibliographyIds,
    ...(pendingCrossReferences > 0 ? { pendingCrossReferences } : {}),
    ...(assets.brand?.logo ? { logo: assets.brand.logo } : {}),
  });
  // Every error found above was recorded where it was found; the report fails with all of them
  // (and with the facts' errors, when the fact sheet was asked for: recorded as they are derived).
  if (options.factSheet && file.messages.some((m) => m.fatal)) {
    try {
      void model.facts;
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error;
    }
  }
  const errors = file.messages.filter((m) => m.fatal);
  if (errors.length > 0) throw errors.sort(byPlace)[0];
  return model;
}

/** The paper and language of the report's brand or folio.yaml, where its front matter sets none. */
function applyDefaults(meta: ReportMeta, yaml: Yaml | undefined, defaults: Assets["defaults"]): void {
  if (!defaults) return;
  const { doc } = parseFrontMatter(yaml);
  if (defaults.paper && !doc.has("paper")) meta.paper = defaults.paper;
  if (defaults.lang && !doc.has("lang")) meta.lang = defaults.lang;
}

function readSource(path: string, file: VFile): Uint8Array {
  try {
    // A FIFO would block the build and /dev/zero fill the memory: only a regular file is read.
    const stat = statSync(path);
    if (!stat.isFile() && !stat.isDirectory())
      return file.fail("Not a regular file (a device, a FIFO or a socket): not read", {
        ruleId: "read",
        source: "folio",
      });
    return readFileSync(path);
  } catch (error) {
    if (error instanceof VFileMessage) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "No such file"
        : code === "EISDIR"
          ? "Is a folder, not a Markdown file"
          : `Cannot read (${code})`;
    return file.fail(reason, { ruleId: "read", source: "folio" });
  }
}

function yamlHasTitle(yaml: Yaml | undefined): boolean {
  return yaml ? /^title\s*:/m.test(yaml.value) : false;
}

function firstSentence(tree: Root): string | undefined {
  const paragraph = tree.children.find((n) => n.type === "paragraph");
  if (!paragraph) return undefined;
  const text = plainText(paragraph).replace(/\s+/g, " ").trim();
  const match = /^.{40,}?[.!?](?=\s+[A-Z“"]|$)/.exec(text);
  const sentence = match ? match[0] : text;
  return sentence.length > 300 ? `${sentence.slice(0, 297)}…` : sentence;
}

export { byPlace } from "./source-place.ts";
