import { Document, type FileChild, Header, type ISectionOptions, SectionType } from "docx";
import type { VFile } from "vfile";
import type { Assets } from "../../assets/types.ts";
import { packageParts } from "../../engine/docx/compile.ts";
import type { ReportModel } from "../../model/types.ts";
import type { Theme } from "../../theme/theme.ts";
import { messageFile, type RenderOptions, type RenderResult } from "../format.ts";
import { ruleParagraph } from "./blocks.ts";
import { type DocxContext, type RenderState, renderBlocks } from "./context.ts";
import { embedFonts, type FontPackage } from "./embedded-fonts.ts";
import { wordFaces } from "./faces.ts";
import { renderFootnotes } from "./footnotes.ts";
import { docxHandlers } from "./handlers.ts";
import { ListNumbering } from "./numbering.ts";
import { finishPackage } from "./package.ts";
import { runningFooter, runningHeader } from "./running.ts";
import { docxStyles, tableStyleXml } from "./styles.ts";
import { tableOfContents } from "./toc.ts";
import { twips } from "./units.ts";
import { usedFaces } from "./used-faces.ts";

/**
 * Renders the report as an editable Word document: a cover section (title block and table of
 * contents) and a body section with the running header and footer, the colophon at the end,
 * footnotes in footnotes.xml, the theme's faces the text uses embedded (from `assets.fonts`). Pure:
 * model, assets and options in, bytes and messages out.
 */
export async function renderDocx(
  model: ReportModel,
  assets: Assets,
  options: RenderOptions,
): Promise<RenderResult> {
  const { meta } = model;
  const { theme } = assets;
  const paper = theme.page[options.paper];
  const { margins } = theme.page;
  const file = messageFile(model);
  const faces = wordFaces(theme, assets.fonts);
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
  };
  const context: DocxContext = { state, marks: {}, frame: { indent: 0, listLevel: 0 } };

  const cover: FileChild[] = renderBlocks(model.parts.titleBlock.children, context);
  const toc = model.contents.show && !model.contents.at ? tableOfContents(model) : [];
  const body = renderBlocks(model.tree.children, context);
  const colophon = renderBlocks(model.parts.colophon.children, context);
  // Footnotes last: their bodies are rendered once every reference has been seen.
  const footnotes = renderFootnotes(context);

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
  const document = new Document({
    title: model.fullTitle,
    subject: model.description,
    creator: model.credits.names || meta.publisher || "Folio",
    keywords: meta.keywords?.join(", ") ?? "",
    description: meta.abstract ?? model.description,
    lastModifiedBy: "Folio",
    revision: 1,
    styles: docxStyles(theme, { lang: meta.lang, faces }),
    numbering: state.numbering.config(),
    footnotes,
    sections: sections(
      cover,
      toc,
      [...body, ...(colophon.length ? [ruleParagraph(context), ...colophon] : [])],
      model,
      page,
    ),
  });
  const parts = packageParts(document);
  const fonts = embedFonts(faces, usedFaces(parts));
  warnRefused(file, theme, fonts);
  const bytes = await finishPackage(parts, {
    sourceDateEpoch: options.sourceDateEpoch,
    extraStyles: tableStyleXml(theme),
    fonts,
    lang: meta.lang,
  });
  return { artifacts: [{ suffix: ".docx", bytes }], messages: file.messages };
}

type PageSetup = { size: { width: number; height: number }; margin: Record<string, number> };

/**
 * With a table of contents, the title block and contents are a cover section of their own and the
 * body starts on a new page under the running header; without one, the body follows the title block
 * and only the first page goes without the header.
 */
function sections(
  cover: FileChild[],
  toc: FileChild[],
  body: FileChild[],
  model: ReportModel,
  page: PageSetup,
): ISectionOptions[] {
  const headers = { default: runningHeader(model.parts.header) };
  const footers = { default: runningFooter(model.parts.footer) };
  if (toc.length === 0) {
    return [
      {
        properties: { page, titlePage: true },
        headers: { ...headers, first: new Header({ children: [] }) },
        footers: { ...footers, first: runningFooter(model.parts.footer) },
        children: [...cover, ...body],
      },
    ];
  }
  return [
    { properties: { page }, children: [...cover, ...toc] },
    { properties: { page, type: SectionType.NEXT_PAGE }, headers, footers, children: body },
  ];
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
