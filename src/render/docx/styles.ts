import {
  AlignmentType,
  BorderStyle,
  type IParagraphStyleOptions,
  type IStylesOptions,
  LineRuleType,
  ShadingType,
} from "docx";
import type { FontRole } from "../../assets/types.ts";
import { headingSize, type Theme } from "../../theme/theme.ts";
import type { WordFaces } from "./faces.ts";
import { noteStyles } from "./note-styles.ts";
import { headingStyleId, listStyleId, styleIds } from "./style-ids.ts";
import { halfPoints, hex, twips } from "./units.ts";

/** How the styles lay text out, decided once per document. */
export interface StyleOptions {
  /** The document's language (`lang`), on every run. */
  lang: string;
  /** The theme's faces in Word's terms (which family and switches pick each face). */
  faces: WordFaces;
  /** Markdown heading depth of "Heading 1": the body's top heading level is Word's first. */
  topDepth: number;
}

/**
 * How the PDF edition sets a heading of a Markdown depth (its `hN` style): face, size, colour,
 * spacing and line pitch. Heading N's style has the look of the body's top depth + N − 1; a heading
 * whose Word level differs from that (after a skipped level) carries its depth's look directly.
 */
export function headingLook(theme: Theme, faces: WordFaces, depth: number) {
  const { colors, spacing } = theme;
  const size = headingSize(theme, depth);
  return {
    run: {
      ...faces.run("heading", true, depth === 6),
      size: halfPoints(size),
      color: hex(depth <= 2 ? colors.accent : colors.text),
      ...(depth === 1 ? { characterSpacing: -4 } : {}),
    },
    spacing: {
      before: twips(depth <= 2 ? spacing.headingBefore : spacing.headingBefore * 0.75),
      after: twips(spacing.headingAfter),
      ...lineIn(theme, faces, "heading", size, depth <= 2 ? 1.2 : 1.3),
    },
  };
}

/**
 * A line of `size` points in a role's face as the PDF edition sets it: `css` × size when the PDF
 * style gives a CSS line height, else the body's line height carried over to the face
 * (pdfmake multiplies each face's natural line height by the inherited factor).
 */
function lineIn(theme: Theme, faces: WordFaces, role: FontRole, size: number, css?: number) {
  const points =
    css !== undefined
      ? css * size
      : (size * faces.naturalLeading(role) * theme.spacing.lineHeight) / faces.naturalLeading("body");
  return { line: twips(points), lineRule: LineRuleType.EXACT };
}

/** Left indent of a block quote's text, in points: the PDF edition's 2 pt rule and 12 pt gap. */
const quoteIndent = 14;

/**
 * Word's built-in styles, named as Word itself writes them (`heading 1`, `footnote text`, `List Bullet` …)
 * so Word treats them as its own: the Navigation pane, its table of contents and Restyle all work. Every
 * font, size, colour and spacing comes from the shared theme, and every line height is the PDF
 * edition's, as an exact line pitch: so Word and LibreOffice break lines and pages as the PDF does
 * (Word's "auto" spacing would multiply each face's own, taller, Windows line height).
 */
export function docxStyles(theme: Theme, options: StyleOptions): IStylesOptions {
  const { sizes, colors, spacing } = theme;
  const { faces, lang, topDepth } = options;
  const run = (role: FontRole, bold = false, italic = false) => faces.run(role, bold, italic);
  const lineOf = (role: FontRole, size: number, css?: number) => lineIn(theme, faces, role, size, css);
  const body = { ...run("body"), size: halfPoints(sizes.body), color: hex(colors.text) };
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

  const headings = [1, 2, 3, 4, 5, 6].map((level) => {
    const look = headingLook(theme, faces, Math.min(6, level + topDepth - 1));
    return base(headingStyleId(level), `heading ${level}`, {
      uiPriority: 9,
      run: look.run,
      paragraph: { keepNext: true, keepLines: true, outlineLevel: level - 1, spacing: look.spacing },
    });
  });

  const lists = (["ListBullet", "ListNumber", "ListContinue"] as const).flatMap((kind) =>
    [0, 1, 2, 3, 4].map((level) => {
      const words = { ListBullet: "List Bullet", ListNumber: "List Number", ListContinue: "List Continue" }[
        kind
      ];
      return base(listStyleId(kind, level), level === 0 ? words : `${words} ${level + 1}`, {
        quickFormat: false,
        uiPriority: 99,
        paragraph: {
          spacing: { after: twips(spacing.paragraphAfter) },
          indent: {
            left: twips(spacing.listIndent * (level + 1)),
            hanging: kind === "ListContinue" ? 0 : twips(spacing.listIndent),
          },
        },
      });
    }),
  );

  const small = { size: halfPoints(sizes.small), color: hex(colors.muted) };
  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: styleIds.normal,
      name: "Normal",
      quickFormat: true,
      run: body,
      paragraph: {
        spacing: { after: twips(spacing.paragraphAfter), ...lineOf("body", sizes.body, spacing.lineHeight) },
        // Word's widow control keeps two lines at the foot and at the head of a page: the theme's
        // `pagination` (see docs/pagination.md); every style is based on this one. docx writes it in
        // a style as in a paragraph, though its style type leaves it out.
        ...({ widowControl: theme.pagination.orphans > 1 || theme.pagination.widows > 1 } as object),
      },
    },
    base(styleIds.title, "Title", {
      uiPriority: 10,
      run: { ...run("heading", true), size: halfPoints(sizes.title), color: hex(colors.accent) },
      paragraph: { spacing: { after: twips(10), ...lineOf("heading", sizes.title, 1.1) }, keepNext: true },
    }),
    base(styleIds.subtitle, "Subtitle", {
      uiPriority: 11,
      run: { ...run("heading"), size: halfPoints(sizes.subtitle), color: hex(colors.muted) },
      paragraph: { spacing: { after: twips(12), ...lineOf("heading", sizes.subtitle, 1.3) }, keepNext: true },
    }),
    ...headings,
    base(styleIds.quote, "Quote", {
      uiPriority: 29,
      run: { color: hex(colors.muted) },
      paragraph: {
        indent: { left: twips(quoteIndent) },
        border: { left: { style: BorderStyle.SINGLE, size: 16, space: 12, color: hex(colors.rule) } },
      },
    }),
    base(styleIds.sourceCode, "Source Code", {
      quickFormat: false,
      run: { ...run("mono"), size: halfPoints(sizes.code) },
      paragraph: {
        // The PDF's code box: 6 pt padding above and below (borders in the fill colour), 8 pt at the left.
        spacing: { after: twips(spacing.paragraphAfter + 2), ...lineOf("mono", sizes.code, 1.4) },
        shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(colors.codeBackground) },
        border: {
          top: { style: BorderStyle.SINGLE, size: 2, space: 6, color: hex(colors.codeBackground) },
          bottom: { style: BorderStyle.SINGLE, size: 2, space: 6, color: hex(colors.codeBackground) },
          left: { style: BorderStyle.SINGLE, size: 2, space: 8, color: hex(colors.codeBackground) },
          right: { style: BorderStyle.SINGLE, size: 2, space: 6, color: hex(colors.codeBackground) },
        },
        indent: { left: twips(8), right: twips(6) },
        keepLines: true,
      },
    }),
    base(styleIds.footnoteText, "footnote text", {
      quickFormat: false,
      uiPriority: 99,
      run: { size: halfPoints(sizes.small) },
      paragraph: { spacing: { after: 0, ...lineOf("body", sizes.small, 1.45) } },
    }),
    base(styleIds.tocHeading, "TOC Heading", {
      uiPriority: 39,
      run: { ...run("heading", true), size: halfPoints(sizes.h3), color: hex(colors.accent) },
      paragraph: { spacing: { before: 0, after: twips(8), ...lineOf("heading", sizes.h3) }, keepNext: true },
    }),
    ...[1, 2, 3, 4, 5, 6].map((level) =>
      base(`TOC${level}`, `toc ${level}`, {
        quickFormat: false,
        uiPriority: 39,
        run: run("heading"),
        paragraph: {
          spacing: { after: twips(2), ...lineOf("heading", sizes.body, 1.5) },
          indent: { left: twips((level - 1) * theme.layout.contentsLevelIndent) },
        },
      }),
    ),
    base(styleIds.header, "header", {
      quickFormat: false,
      run: { ...run("heading"), ...small },
      paragraph: { spacing: { after: 0, ...lineOf("heading", sizes.small) }, alignment: AlignmentType.LEFT },
    }),
    base(styleIds.footer, "footer", {
      quickFormat: false,
      run: { ...run("heading"), ...small },
      paragraph: { spacing: { after: 0, ...lineOf("heading", sizes.small) }, alignment: AlignmentType.RIGHT },
    }),
    base(styleIds.caption, "caption", {
      run: { ...run("body", false, true), ...small },
      paragraph: {
        spacing: {
          before: twips(4),
          after: twips(spacing.paragraphAfter),
          ...lineOf("body", sizes.small, 1.4),
        },
      },
    }),
    base(styleIds.eyebrow, "Eyebrow", {
      run: {
        ...run("heading", true),
        size: halfPoints(sizes.eyebrow),
        color: hex(colors.accent),
        characterSpacing: 10,
      },
      paragraph: {
        spacing: { before: twips(36), after: twips(12), ...lineOf("heading", sizes.eyebrow) },
        keepNext: true,
      },
    }),
    base(styleIds.byline, "Byline", {
      run: { ...run("heading"), size: halfPoints(sizes.eyebrow), color: hex(colors.muted) },
      paragraph: { spacing: { before: twips(6), after: 0, ...lineOf("heading", sizes.eyebrow) } },
    }),
    base(styleIds.authors, "Authors", {
      basedOn: styleIds.byline,
      run: { ...run("heading", true), color: hex(colors.text) },
    }),
    // The front matter's abstract in the title block: indented as the PDF's, under a label set as the eyebrow.
    base(styleIds.abstract, "Abstract", {
      paragraph: { indent: { left: twips(sizes.body * 2), right: twips(sizes.body * 2) } },
    }),
    base(styleIds.abstractTitle, "Abstract Title", {
      basedOn: styleIds.eyebrow,
      paragraph: {
        indent: { left: twips(sizes.body * 2) },
        spacing: { before: twips(18), after: twips(4), ...lineOf("heading", sizes.eyebrow) },
      },
    }),
    base(styleIds.coverRule, "Cover Rule", {
      quickFormat: false,
      paragraph: {
        // The PDF cover's short accent rule under the title block: an empty paragraph 60 pt wide.
        spacing: { before: twips(18), after: twips(28), line: twips(3), lineRule: LineRuleType.EXACT },
        border: { top: { style: BorderStyle.SINGLE, size: 24, space: 0, color: hex(colors.accent) } },
      },
    }),
    ...noteStyles(theme, run("heading", true)),
    base(styleIds.colophon, "Colophon", {
      run: small,
      // After the contents on the cover; the PDF pins it to the cover's foot, which Word cannot without a frame.
      paragraph: {
        spacing: { before: twips(28), after: twips(2), ...lineOf("body", sizes.small, 1.45) },
        contextualSpacing: true,
      },
    }),
    base(styleIds.tableText, "Table Text", {
      quickFormat: false,
      run: { size: halfPoints(sizes.body - 0.5) },
      paragraph: { spacing: { after: 0, ...lineOf("body", sizes.body - 0.5, 1.35) } },
    }),
    base(styleIds.tableHeading, "Table Heading", {
      basedOn: styleIds.tableText,
      quickFormat: false,
      run: { ...run("heading", true), size: halfPoints(sizes.body - 0.5) },
      paragraph: { spacing: { after: 0, ...lineOf("heading", sizes.body - 0.5) }, keepNext: true },
    }),
    ...lists,
  ];

  const defaults = {
    // Kerned at every size, as the PDF edition's text is (w:kern is the smallest size kerned, in half-points).
    document: { run: { ...body, kern: 2, language: { value: lang } } },
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
 * The data table style (kept under Word's name "Table Grid") drawn as the PDF edition draws tables:
 * rules across only, a strong one above and under the shaded header row, hairlines between rows, as
 * WordprocessingML: docx has no table style builder, and replacing its imported styles would drop
 * its defaults, so the packager adds this to styles.xml.
 */
export function tableStyleXml(theme: Theme): string {
  const rule = hex(theme.colors.rule);
  const accent = hex(theme.colors.accent);
  const line = (side: string, size: number, color: string) =>
    `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="${color}"/>`;
  const none = (side: string) => `<w:${side} w:val="nil"/>`;
  const borders = [
    line("top", 6, accent),
    none("left"),
    line("bottom", 6, rule),
    none("right"),
    line("insideH", 2, rule),
    none("insideV"),
  ].join("");
  return (
    `<w:style w:type="table" w:styleId="${styleIds.table}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
    `<w:pPr><w:spacing w:after="0"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${borders}</w:tblBorders><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders>${line("bottom", 6, accent)}</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="${hex(theme.colors.tableHeader)}"/></w:tcPr></w:tblStylePr>` +
    `</w:style>`
  );
}
