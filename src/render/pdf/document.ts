import type { RootContent } from "mdast";
import type { ContentCanvas, ContentColumns, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { VFile } from "vfile";
import type { Assets } from "../../assets/types.ts";
import type { PdfResources } from "../../engine/pdfmake/printer.ts";
import { reportCharacters } from "../../model/characters.ts";
import type { ReportModel, RunningText } from "../../model/types.ts";
import { contentsOnCover } from "../../theme/theme.ts";
import type { RenderOptions } from "../format.ts";
import { coverage, standInFor, warnMissing } from "../glyphs.ts";
import { blocksToPdf } from "./blocks.ts";
import { bookBody, bookHeader } from "./book.ts";
import type { PdfText } from "./content-types.ts";
import { createPdfContext, nested, type PdfBlock, type PdfContext } from "./context.ts";
import { tocBlock } from "./directives.ts";
import { pdfFonts } from "./fonts.ts";
import { footnoteId, textRuns } from "./inline.ts";
import { headerLogo } from "./logo.ts";
import { pageBreakBefore } from "./pagination.ts";
import { defaultStyle, pdfStyles, runningStyle } from "./styles.ts";

/** A document definition plus what the printer needs beside it. */
export interface PdfDocumentPlan {
  definition: TDocumentDefinitions;
  resources: PdfResources;
  /** Heading ids that were placed, for the outline. */
  placedIds: ReadonlySet<string>;
}

/** Space kept at the foot of the cover for the colophon. */
const colophonSpace = 120;

/**
 * Builds the pdfmake document of a report: cover (title block, contents, colophon), the body,
 * the notes, running header and "Page N of M" footer on every page after the cover, metadata.
 */
export function pdfDocument(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
  file: VFile,
): PdfDocumentPlan {
  const { theme } = assets;
  const fonts = pdfFonts(assets.fonts);
  const page = theme.page[options.paper];
  const margins = theme.page.margins;
  const width = page.width - margins.left - margins.right;
  const height = page.height - margins.top - margins.bottom;
  const { contents } = model;
  // A book: its parts and chapters start pages, and the running header names the current one.
  const book = bookBody(model);
  const ctx = createPdfContext({
    theme,
    fonts,
    labels: model.labels,
    contents,
    file,
    width,
    height,
    images: model.images,
    footnotes: model.footnotes,
    anchors: new Set([
      ...model.outline.map((e) => e.id),
      ...[...model.apparatus.targets.values()].map((t) => t.id),
      ...(model.bibliographyIds ?? []),
    ]),
    tocLevels: new Map(contents.entries.map((entry) => [entry.id, entry.level])),
    structureLevels: model.headingLevels,
    ...(model.logo ? { logo: model.logo } : {}),
    pageStarts: book?.starts,
  });
  // What no face can draw is said once per place; textRuns still draws a tagged blank for each.
  const glyphs = coverage(assets.fonts, reportCharacters(model));
  const lookAlike = glyphs.missing.filter(({ ch }) => standInFor(ch) !== undefined);
  warnMissing(
    file,
    glyphs.missing.filter((entry) => !lookAlike.includes(entry)),
    "the PDF prints a blank for each",
  );
  warnMissing(file, lookAlike, "the PDF prints a look-alike (a hyphen or a dash) in its place");
  // Reported above, so textRuns does not report them again where it meets them.
  for (const { ch } of glyphs.missing) ctx.collected.missingGlyphs.add(ch);

  const body = bodyBlocks(model, ctx, book?.children);
  const wantToc = contents.show && !contents.at;
  const tocOnCover = wantToc && contentsOnCover(ctx.theme.layout, contents.entries.length);

  const cover = coverPage(model, ctx, tocOnCover ? [tocBlock(ctx)] : [], height);
  const tocPage: PdfBlock[] = wantToc && !tocOnCover ? [{ ...tocBlock(ctx), pageBreak: "after" }] : [];
  const date = options.date;

  const definition: TDocumentDefinitions = {
    pageSize: { width: page.width, height: page.height },
    pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
    version: "1.7",
    // Tagged PDF/UA-1: structure from the nodes' `tag`s (src/engine/pdfmake/tagging.ts).
    tagged: true,
    subset: "PDF/UA",
    language: model.meta.lang,
    displayTitle: true,
    info: {
      title: model.fullTitle,
      author: model.credits.names || model.meta.publisher,
      subject: model.description,
      keywords: (model.meta.keywords ?? []).join(", "),
      creator: `Folio ${assets.version}`,
      producer: `Folio ${assets.version} (pdfmake)`,
      creationDate: date,
      modDate: date,
    },
    // A stack rather than an array: pdfmake wraps an array content in a new stack on every layout
    // pass, which would make every node look restyled to the measure cache (measure-cache.ts).
    content: { stack: [...cover, ...tocPage, ...body] },
    header: (current: number) => {
      if (current === 1) return null;
      const header: PdfText = {
        text: running(
          (book && bookHeader(ctx.collected.startBlocks, current)) ?? model.parts.header,
          current,
          0,
          ctx,
        ),
        style: runningStyle,
        margin: [margins.left, margins.top / 2 - 4, margins.right, 0],
      };
      const logo = headerLogo(ctx, page.width - margins.right, margins.top / 2 - 4);
      return logo ? { stack: [header, logo] } : header;
    },
    footer: (current: number, pages: number) =>
      current === 1
        ? null
        : {
            text: running(model.parts.footer, current, pages, ctx),
            style: runningStyle,
            alignment: "right",
            margin: [margins.left, margins.bottom / 2 - 8, margins.right, 0],
          },
    styles: pdfStyles(theme, fonts),
    defaultStyle: defaultStyle(theme, fonts),
    pageBreakBefore: pageBreakBefore(theme),
    images: Object.fromEntries([...ctx.collected.imageNames.values()].map((name) => [name, name])),
  };
  return { definition, resources: ctx.collected.resources, placedIds: ctx.collected.placedIds };
}

/**
 * The body of a report and its notes, rendered with a context made for it (see {@link createPdfContext});
 * `children` replaces the tree's top-level nodes (a book's, see `bookBody`).
 */
export function bodyBlocks(
  model: ReportModel,
  ctx: PdfContext,
  children: readonly RootContent[] = model.tree.children,
): PdfBlock[] {
  return [...blocksToPdf(children, ctx), ...notesSection(model, ctx)];
}

/** Fills the page fields of a running header or footer. */
function running(parts: RunningText, page: number, pages: number, ctx: PdfContext) {
  const text = parts
    .map((p) => (typeof p === "string" ? p : String(p.field === "page" ? page : pages)))
    .join("");
  return textRuns(text, nested(ctx, { role: "heading" }));
}

/**
 * The cover: the shared title block (and the contents when short) at the top, the colophon at the
 * foot. A two-row table whose first row has a fixed height pins the colophon to the page's foot.
 */
function coverPage(model: ReportModel, ctx: PdfContext, toc: PdfBlock[], height: number): PdfBlock[] {
  const title = blocksToPdf(model.parts.titleBlock.children, ctx);
  const rule: ContentCanvas = {
    canvas: [{ type: "line", x1: 0, y1: 0, x2: 60, y2: 0, lineWidth: 3, lineColor: ctx.theme.colors.accent }],
    margin: [0, 18, 0, 28],
  };
  const colophon = blocksToPdf(model.parts.colophon.children, nested(ctx, { tight: true }));
  return [
    {
      table: {
        widths: ["*"],
        heights: [height - colophonSpace, "auto"],
        body: [
          [{ stack: [{ text: "", margin: [0, 36, 0, 0] }, ...title, rule, ...toc] }],
          [{ stack: colophon }],
        ],
      },
      layout: "noBorders",
      pageBreak: "after",
    },
  ];
}

/** Footnotes, numbered in order of first reference, at the end of the document. */
function notesSection(model: ReportModel, ctx: PdfContext): PdfBlock[] {
  if (model.footnotes.size === 0) return [];
  const notes = [...model.footnotes.values()].sort((a, b) => a.number - b.number);
  const inner = nested(ctx, { width: ctx.width - 22 });
  return [
    {
      text: model.labels.text("notes"),
      style: "h2",
      tag: { type: "H2" }, // a top section, as the body's
      headlineLevel: 2,
      margin: [0, ctx.theme.spacing.headingBefore, 0, ctx.theme.spacing.headingAfter],
    },
    ...notes.map(
      (note): ContentColumns => ({
        // PDF/UA: a footnote is a Note with a unique ID; the reference in the text links to it.
        tag: { type: "Note", id: footnoteId(note.number, ctx) },
        columns: [
          {
            text: `${note.number}.`,
            tag: { type: "Lbl" },
            width: 22,
            id: footnoteId(note.number, ctx),
            color: ctx.theme.colors.muted,
          },
          { stack: blocksToPdf(note.node.children, inner), width: "*" },
        ],
        style: "small",
        color: ctx.theme.colors.text,
      }),
    ),
  ];
}
