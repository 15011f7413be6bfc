import {
  Document,
  type EstimatedPageNumbers,
  type FileChild,
  Footer,
  Header,
  type ImageRun,
  type ISectionOptions,
  type PageNumberEstimator,
  Paragraph,
  SectionType,
} from "docx";
import type { VFile } from "vfile";
import type { Assets } from "../../assets/types.ts";
import { packageParts } from "../../engine/docx/compile.ts";
import { keepStyles } from "../../engine/docx/styles-keep.ts";
import type { ReportModel } from "../../model/types.ts";
import type { Theme } from "../../theme/theme.ts";
import { messageFile, type RenderOptions, type RenderResult } from "../format.ts";
import { sourceIdentity } from "./anchors.ts";
import { type DocxContext, type RenderState, renderBlocks } from "./context.ts";
import { embedFonts, type FontPackage } from "./embedded-fonts.ts";
import { type WordFaces, wordFaces } from "./faces.ts";
import { renderFootnotes } from "./footnotes.ts";
import { warnUnembedded } from "./glyphs.ts";
import { docxHandlers } from "./handlers.ts";
import { headerLogo } from "./images.ts";
import { ListNumbering } from "./numbering.ts";
import { finishPackage } from "./package.ts";
import { officeCopyGuess, recordingEstimator } from "./page-numbers.ts";
import { runningFooter, runningHeader } from "./running.ts";
import { styleIds } from "./style-ids.ts";
import { docxStyles, tableStyleXml } from "./styles.ts";
import { writeTableCaptions, writeTableSections } from "./tables.ts";
import { type TocOptions, tableOfContents, tocNumbersFit, writeTocPages } from "./toc.ts";
import { twips } from "./units.ts";
import { usedFaces } from "./used-faces.ts";

/**
 * Renders the report as an editable Word document laid out as the PDF edition: a cover section
 * (title block, contents, colophon) and a body section with the running header and footer,
 * footnotes in footnotes.xml, the theme's faces the text uses embedded (from `assets.fonts`). The
 * contents follow the model's plan and carry each heading's page, from a layout of the document
 * itself, made while docx compiles it (see page-numbers.ts). Pure: model, assets and options in,
 * bytes and messages out.
 */
export async function renderDocx(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
): Promise<RenderResult> {
  const { theme } = assets;
  const faces = wordFaces(theme, assets.fonts);
  const paper = theme.page[options.paper];
  const { margins } = theme.page;
  const toc: TocOptions = {
    levels: model.headingLevels,
    textWidth: twips(paper.width - margins.left - margins.right),
    layout: theme.layout,
  };
  const hasToc = model.contents.show;
  // Laid out only for the contents' page numbers (the estimator reads every face when first made).
  const layout = hasToc ? recordingEstimator(faces) : undefined;
  const laidOut = layout !== undefined;
  const input: BuildInput = { theme, faces, toc, ...(layout ? { estimator: layout.estimator } : {}) };

  let built = buildDocument(model, options, input);
  let parts = packageParts(built.document);
  let estimate = layout?.last();
  if (laidOut && estimate) {
    let pages = new Map(estimate.bookmarks);
    if (tocNumbersFit(model, toc, faces, theme.sizes.body, estimate.pageCount ?? 999)) {
      // Numbers that fit on their entries' lines move no line, so these pages are final.
      parts = writeTocPages(parts, pages);
    } else {
      // A long title might wrap once its number is written: lay out again with the numbers in,
      // until the pages stay put. Each pass renders afresh, with its own messages.
      for (let pass = 2; pass <= maxPasses; pass++) {
        built = buildDocument(model, options, { ...input, toc: { ...toc, pages } });
        parts = packageParts(built.document);
        estimate = layout?.last();
        const again = new Map(estimate?.bookmarks ?? []);
        if (samePages(pages, again)) break;
        pages = again;
      }
    }
  }
  const { file } = built;
  if (laidOut) reportGuesses(file, estimate);

  parts = writeTableSections(writeTableCaptions(parts, built.tableCaptions), built.landscapeTables);
  warnUnembedded(file, model, assets);

  const fonts = embedFonts(faces, usedFaces(parts));
  warnRefused(file, theme, fonts);
  const bytes = await finishPackage(parts, {
    date: options.date,
    extraStyles: tableStyleXml(theme),
    fonts,
    lang: model.meta.lang,
  });
  return { artifacts: [{ suffix: ".docx", bytes }], messages: file.messages };
}

interface BuildInput {
  theme: Theme;
  faces: WordFaces;
  toc: TocOptions;
  /** Lays the document out while it compiles; absent without contents. */
  estimator?: PageNumberEstimator;
}

/** Layouts at most when a long contents title could wrap once its page number is written. */
const maxPasses = 3;

/** The docx Document of the report, where its render reported problems, and its tables' titles. */
function buildDocument(
  model: ReportModel,
  options: RenderOptions,
  input: BuildInput,
): { document: Document; file: VFile; tableCaptions: string[]; landscapeTables: Set<number> } {
  const { meta } = model;
  const { theme, toc } = input;
  const paper = theme.page[options.paper];
  const { margins } = theme.page;
  const file = messageFile(model);
  const top = topDepth(model);
  const state: RenderState = {
    model,
    theme,
    file,
    handlers: docxHandlers,
    numbering: new ListNumbering(),
    footnotesReferenced: new Set(),
    nextBookmarkId: 1,
    nextDrawingId: 1,
    textWidth: paper.width - margins.left - margins.right,
    textHeight: paper.height - margins.top - margins.bottom,
    toc,
    topDepth: top,
    faces: input.faces,
    tableCaptions: [],
    landscapeTables: new Set(),
  };
  const context: DocxContext = { state, marks: {}, frame: { indent: 0, listLevel: 0 } };

  const cover: FileChild[] = renderBlocks(model.parts.titleBlock.children, context);
  const contents = model.contents.show && !model.contents.at ? tableOfContents(model, toc) : [];
  // The source's own blocks carry anchors back to their place in it (anchors.ts); template text does
  // not, nor does a book yet (its chapters' places would share names).
  const sourceContext: DocxContext = { ...context, sourceAnchors: model.book === undefined };
  const body = renderBlocks(model.tree.children, sourceContext);
  const colophon = renderBlocks(model.parts.colophon.children, context);
  // Footnotes last: their bodies are rendered once every reference has been seen.
  const footnotes = renderFootnotes(sourceContext);

  const page = {
    size: { width: twips(paper.width), height: twips(paper.height) },
    margin: {
      top: twips(margins.top),
      right: twips(margins.right),
      bottom: twips(margins.bottom),
      left: twips(margins.left),
      header: twips(margins.top / 2),
      footer: twips(margins.bottom / 2),
    },
  };
  const hasToc = model.contents.show;
  const styles = docxStyles(theme, { lang: meta.lang, faces: input.faces, topDepth: top });
  const document = new Document({
    title: model.fullTitle,
    subject: model.description,
    creator: model.credits.names || meta.publisher || "Folio",
    keywords: meta.keywords?.join(", ") ?? "",
    description: meta.abstract ?? model.description,
    lastModifiedBy: "Folio",
    customProperties: sourceIdentity(model),
    revision: 1,
    styles,
    numbering: state.numbering.config(),
    footnotes,
    // Space after a paragraph and before the next add up, as in the PDF (Word's default takes the larger).
    compatibility: { doNotUseHTMLParagraphAutoSpacing: true },
    // Word brings the contents up to date when it opens the brief (it asks first).
    ...(hasToc ? { features: { updateFields: true } } : {}),
    ...(input.estimator ? { pageNumbers: input.estimator } : {}),
    sections: sections(
      [...cover, coverRule(state.textWidth), ...contents, ...colophon],
      body,
      model,
      page,
      headerLogo(context),
    ),
  });
  // The same options give the same styles: formatted once per process (engine/docx/styles-keep.ts).
  keepStyles(document, styles);
  return { document, file, tableCaptions: state.tableCaptions, landscapeTables: state.landscapeTables };
}

/** The body's top heading depth (`#` count): its headings are Heading 1, in that depth's size. */
function topDepth(model: ReportModel): number {
  return model.outline.length ? Math.min(6, ...model.outline.map((e) => e.depth)) : 1;
}

/** The PDF cover's short accent rule under the title block: an empty paragraph 60 pt wide, with a top border. */
function coverRule(textWidth: number): Paragraph {
  return new Paragraph({ style: styleIds.coverRule, indent: { right: twips(textWidth - 60) }, children: [] });
}

type PageSetup = { size: { width: number; height: number }; margin: Record<string, number> };

/**
 * As in the PDF edition, the cover (title block, contents, colophon) is a page of its own without
 * the running header and footer, and the body starts on the next page under them; a page the
 * contents go on to has them too.
 */
function sections(
  cover: FileChild[],
  body: FileChild[],
  model: ReportModel,
  page: PageSetup,
  logo?: ImageRun,
): ISectionOptions[] {
  const headers = { default: runningHeader(model.parts.header, logo) };
  const footers = { default: runningFooter(model.parts.footer) };
  return [
    {
      properties: { page, titlePage: true },
      // An empty paragraph each: docx's layout fails on a header with no content at all.
      headers: { ...headers, first: new Header({ children: [new Paragraph({ children: [] })] }) },
      footers: { ...footers, first: new Footer({ children: [new Paragraph({ children: [] })] }) },
      children: cover,
    },
    // The body inherits the running header and footer (a section without its own shows the ones before).
    { properties: { page, type: SectionType.NEXT_PAGE }, children: body },
  ];
}

function samePages(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, page]) => b.get(name) === page);
}

/** Where the layout had to guess (other than at Office's own copies of the theme's faces). */
function reportGuesses(file: VFile, estimate: EstimatedPageNumbers | undefined): void {
  const guess = estimate?.guesses?.find((g) => !officeCopyGuess.test(g.reason));
  if (!guess) return;
  file.message(
    `DOCX: the contents' page numbers from page ${guess.page} on are estimated (the layout cannot follow ${guess.reason} exactly); Word corrects them when it updates the field`,
    { ruleId: "docx-page-numbers", source: "folio" },
  );
}

/** A face the text uses that does not travel with the brief: a warning naming it, and what Word draws instead. */
function warnRefused(file: VFile, theme: Theme, fonts: FontPackage): void {
  for (const face of fonts.refused) {
    const own = theme.fonts[face.file.role].family;
    const shown =
      face.family === own
        ? `where ${own} is not installed, it is drawn from the regular face`
        : `the brief sets it in ${face.family}`;
    file.message(
      `DOCX: font face “${face.name}” (${face.file.source}) is not embedded: ${face.refusal}; ${shown}`,
      {
        ruleId: "docx-font",
        source: "folio",
      },
    );
  }
}
