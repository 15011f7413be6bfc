import {
  AlignmentType,
  BorderStyle,
  type IParagraphStyleOptions,
  type IStylesOptions,
  LineRuleType,
  ShadingType,
} from "docx";
import { headingSize, type Theme } from "../../theme/theme.ts";
import type { WordFaces } from "./faces.ts";
import { headingStyleId, listStyleId, styleIds } from "./style-ids.ts";
import { halfPoints, hex, twips } from "./units.ts";

/**
 * Word's built-in styles, named as Word itself writes them (`heading 1`, `footnote text`, `List Bullet` …)
 * so Word treats them as its own: the Navigation pane, its table of contents and Restyle all work. Every
 * font, size and colour comes from the shared theme; each face is named as Word knows it (`faces`).
 */
export function docxStyles(
  theme: Theme,
  { lang, faces }: { lang: string; faces: WordFaces },
): IStylesOptions {
  const { sizes, colors, spacing } = theme;
  const run = faces.run.bind(faces);
  const line = Math.round(240 * spacing.lineHeight);
  const body = { ...run("body"), size: halfPoints(sizes.body), color: hex(colors.text) };
  const headingRun = { ...run("heading", true), color: hex(colors.accent) };
  const base = (
    id: string,
    name: string,
    rest: Omit<IParagraphStyleOptions, "id" | "name"> = {},
  ): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: styleIds.normal,
    next: styleIds.normal,
    quickFormat: true,
    ...rest,
  });

  const headings = [1, 2, 3, 4, 5, 6].map((depth) =>
    base(headingStyleId(depth), `heading ${depth}`, {
      uiPriority: 9,
      run: {
        ...headingRun,
        ...run("heading", true, depth === 6),
        size: halfPoints(headingSize(theme, depth)),
      },
      paragraph: {
        keepNext: true,
        keepLines: true,
        outlineLevel: depth - 1,
        spacing: {
          before: twips(depth <= 2 ? spacing.headingBefore : spacing.headingBefore * 0.75),
          after: twips(spacing.headingAfter),
          line: 240,
          lineRule: LineRuleType.AUTO,
        },
      },
    }),
  );

  const lists = (["ListBullet", "ListNumber", "ListContinue"] as const).flatMap((kind) =>
    [0, 1, 2, 3, 4].map((level) => {
      const words = { ListBullet: "List Bullet", ListNumber: "List Number", ListContinue: "List Continue" }[
        kind
      ];
      return base(listStyleId(kind, level), level === 0 ? words : `${words} ${level + 1}`, {
        quickFormat: false,
        uiPriority: 99,
        paragraph: {
          contextualSpacing: kind !== "ListContinue",
          spacing: { after: twips(spacing.paragraphAfter / 2) },
          indent: {
            left: twips(spacing.listIndent * (level + 1)),
            hanging: kind === "ListContinue" ? 0 : twips(spacing.listIndent),
          },
        },
      });
    }),
  );

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: styleIds.normal,
      name: "Normal",
      quickFormat: true,
      run: body,
      paragraph: { spacing: { after: twips(spacing.paragraphAfter), line, lineRule: LineRuleType.AUTO } },
    },
    base(styleIds.title, "Title", {
      uiPriority: 10,
      run: { ...headingRun, size: halfPoints(sizes.title), kern: halfPoints(sizes.title) },
      paragraph: {
        spacing: { after: twips(spacing.headingAfter * 2), line: 240, lineRule: LineRuleType.AUTO },
        keepNext: true,
      },
    }),
    base(styleIds.subtitle, "Subtitle", {
      uiPriority: 11,
      run: { ...run("heading"), size: halfPoints(sizes.subtitle), color: hex(colors.muted) },
      paragraph: { spacing: { after: twips(spacing.paragraphAfter * 2) }, keepNext: true },
    }),
    ...headings,
    base(styleIds.quote, "Quote", {
      uiPriority: 29,
      run: { italics: true, color: hex(colors.muted) },
      paragraph: {
        indent: { left: twips(spacing.listIndent), right: twips(spacing.listIndent) },
        border: { left: { style: BorderStyle.SINGLE, size: 18, space: 8, color: hex(colors.accentLight) } },
      },
    }),
    base(styleIds.sourceCode, "Source Code", {
      quickFormat: false,
      run: { ...run("mono"), size: halfPoints(sizes.code) },
      paragraph: {
        spacing: { after: twips(spacing.paragraphAfter), line: 240, lineRule: LineRuleType.AUTO },
        shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(colors.codeBackground) },
        keepLines: true,
      },
    }),
    base(styleIds.footnoteText, "footnote text", {
      quickFormat: false,
      uiPriority: 99,
      run: { size: halfPoints(sizes.small) },
      paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    }),
    base(styleIds.tocHeading, "TOC Heading", {
      uiPriority: 39,
      run: { ...headingRun, size: halfPoints(sizes.h2) },
      paragraph: {
        spacing: { before: twips(spacing.headingBefore), after: twips(spacing.headingAfter) },
        keepNext: true,
      },
    }),
    ...[1, 2, 3, 4, 5, 6].map((level) =>
      base(`TOC${level}`, `toc ${level}`, {
        quickFormat: false,
        uiPriority: 39,
        run: run("heading", level === 1),
        paragraph: {
          spacing: { after: twips(spacing.paragraphAfter / 2) },
          indent: { left: twips((level - 1) * spacing.listIndent * 0.6) },
        },
      }),
    ),
    base(styleIds.header, "header", {
      quickFormat: false,
      run: { ...run("heading"), size: halfPoints(sizes.small), color: hex(colors.muted) },
      paragraph: { spacing: { after: 0 }, alignment: AlignmentType.RIGHT },
    }),
    base(styleIds.footer, "footer", {
      quickFormat: false,
      run: { ...run("heading"), size: halfPoints(sizes.small), color: hex(colors.muted) },
      paragraph: { spacing: { after: 0 }, alignment: AlignmentType.CENTER },
    }),
    base(styleIds.caption, "caption", {
      run: { ...run("body", false, true), size: halfPoints(sizes.small), color: hex(colors.muted) },
    }),
    base(styleIds.eyebrow, "Eyebrow", {
      run: {
        ...run("heading", true),
        size: halfPoints(sizes.eyebrow),
        color: hex(colors.muted),
        allCaps: true,
      },
      paragraph: {
        spacing: { before: twips(spacing.headingBefore * 3), after: twips(spacing.headingAfter) },
        keepNext: true,
      },
    }),
    base(styleIds.byline, "Byline", {
      run: { ...run("heading"), color: hex(colors.muted) },
      paragraph: {
        spacing: { before: twips(spacing.paragraphAfter), after: twips(spacing.headingBefore) },
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, space: 8, color: hex(colors.rule) } },
      },
    }),
    base(styleIds.note, "Note", {
      paragraph: {
        shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(colors.noteBackground) },
        border: { left: { style: BorderStyle.SINGLE, size: 24, space: 8, color: hex(colors.accent) } },
        indent: { left: twips(spacing.listIndent / 2) },
      },
    }),
    base(styleIds.colophon, "Colophon", {
      run: { size: halfPoints(sizes.small), color: hex(colors.muted) },
      paragraph: { spacing: { after: twips(spacing.paragraphAfter / 2) } },
    }),
    base(styleIds.tableText, "Table Text", {
      quickFormat: false,
      run: { size: halfPoints(sizes.small + 1) },
      paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    }),
    ...lists,
  ];

  const defaults = {
    document: { run: { ...body, language: { value: lang } } },
    hyperlink: { run: { color: hex(colors.link), underline: {} } },
  };
  return {
    default: defaults,
    paragraphStyles,
    characterStyles: [
      // docx writes the cached TOC entries' runs in "Index Link" (LibreOffice's name): plain text, not link blue.
      { id: "IndexLink", name: "Index Link", basedOn: "DefaultParagraphFont", uiPriority: 99 },
      {
        id: styleIds.verbatimChar,
        name: "Verbatim Char",
        basedOn: "DefaultParagraphFont",
        run: {
          ...run("mono"),
          size: halfPoints(sizes.code),
          shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(colors.codeBackground) },
        },
      },
    ],
  };
}

/**
 * Word's "Table Grid" with the theme's rule colour and a shaded, bold header row, as WordprocessingML:
 * docx has no table style builder, and replacing its imported styles would drop its defaults, so the
 * packager adds this to styles.xml.
 */
export function tableStyleXml(theme: Theme): string {
  const rule = hex(theme.colors.rule);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${rule}"/>`;
  const sides = ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("");
  return (
    `<w:style w:type="table" w:styleId="${styleIds.table}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
    `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${sides}</w:tblBorders><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${hex(theme.colors.accent)}"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${hex(theme.colors.tableHeader)}"/></w:tcPr></w:tblStylePr>` +
    `</w:style>`
  );
}
