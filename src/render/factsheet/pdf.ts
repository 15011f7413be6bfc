import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { Theme } from "../../theme/theme.ts";
import { pdfLines } from "./band.ts";
import { type SheetSection, sheetColumns } from "./columns.ts";
import { contentsSize, type FactSheetLayout } from "./layout.ts";
import type { FactSheet } from "./sheet.ts";

/** A section heading: small caps in the heading face over a hairline, as on State Department fact sheets. */
function heading(text: string, theme: Theme, layout: FactSheetLayout): Content {
  return {
    stack: [
      {
        text: text.toUpperCase(),
        tag: { type: "H2" },
        font: "heading",
        bold: true,
        fontSize: layout.type.heading,
        characterSpacing: layout.type.headingSpacing,
        color: theme.colors.accent,
      },
      {
        canvas: [
          {
            type: "line",
            x1: 0,
            y1: 2,
            x2: layout.column,
            y2: 2,
            lineWidth: layout.rules.heading,
            lineColor: theme.colors.rule,
          },
        ],
      },
    ],
    margin: [0, 0, 0, 5],
  };
}

function figures(sheet: FactSheet, theme: Theme): Content[] {
  if (sheet.figures.length === 0) return [];
  const { page, columnGap, type, rules } = sheet.layout;
  const perRow = sheet.figures.length === 4 ? 4 : 3;
  const width = (page.width - 2 * page.margin - (perRow - 1) * columnGap) / perRow;
  const rows: Content[] = [];
  for (let i = 0; i < sheet.figures.length; i += perRow) {
    const row = sheet.figures.slice(i, i + perRow).map(
      (f) =>
        ({
          width,
          stack: [
            {
              canvas: [
                {
                  type: "line",
                  x1: 0,
                  y1: 0,
                  x2: width,
                  y2: 0,
                  lineWidth: rules.figure,
                  lineColor: theme.colors.accent,
                },
              ],
            },
            {
              text: [
                ...(f.hedge ? [{ text: `${f.hedge} `, fontSize: type.unit, bold: true }] : []),
                { text: f.number, fontSize: f.valueSize, bold: true },
                ...(f.unit ? [{ text: ` ${f.unit}`, fontSize: type.unit, bold: true }] : []),
              ],
              tag: { type: "P" },
              font: "heading",
              color: theme.colors.accent,
              margin: [0, 4, 0, 0],
            },
            {
              text: f.label,
              tag: { type: "P" },
              fontSize: type.label,
              color: theme.colors.text,
              link: `${sheet.reportHref}#${f.anchor}`,
              lineHeight: 1.2,
            },
          ],
        }) as Content,
    );
    while (row.length < perRow) row.push({ width, text: "" } as Content);
    rows.push({ columns: row, columnGap, margin: [0, 0, 0, 10] });
  }
  return rows;
}

function groups(sheet: FactSheet, theme: Theme): Content[] {
  const { type } = sheet.layout;
  return sheet.groups.map(
    (g): Content => ({
      stack: [
        {
          text: g.label,
          tag: { type: "P" },
          font: "heading",
          bold: true,
          fontSize: type.groupLabel,
          color: theme.colors.muted,
        },
        {
          tag: { type: "P" },
          text: g.items.flatMap((item, i) => [
            ...(i > 0 ? [{ text: "  ·  ", color: theme.colors.rule }] : []),
            { text: item.name, link: `${sheet.reportHref}#${item.anchor}` },
          ]),
          font: "heading",
          bold: true,
          fontSize: type.groupItems,
          color: theme.colors.text,
        },
      ],
      margin: [0, 0, 0, 8],
    }),
  );
}

function timeline(sheet: FactSheet, theme: Theme): Content[] {
  if (sheet.incidents.length === 0) return [];
  const { type, rules, dateColumn } = sheet.layout;
  return [
    heading(sheet.incidentsHeading, theme, sheet.layout),
    {
      tag: { type: "Table" },
      table: {
        widths: [dateColumn, "*"],
        body: sheet.incidents.map((incident) => [
          {
            text: incident.dateLabel,
            tag: { type: "TH", scope: "Row" },
            font: "heading",
            bold: true,
            fontSize: type.date,
            color: theme.colors.accent,
            link: `${sheet.reportHref}#${incident.anchor}`,
          },
          { text: incident.summary, fontSize: type.summary, lineHeight: 1.15 },
        ]),
      },
      layout: {
        hLineWidth: (i: number) => (i === 0 ? 0 : rules.row),
        vLineWidth: () => 0,
        hLineColor: () => theme.colors.hairline,
        paddingLeft: () => 0,
        paddingRight: () => 4,
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
    },
  ];
}

/** The id prefix of the marks a measured layout sets at each column's start and end. */
export const columnMarkPrefix = "folio-column-";

/** A mark with no height of its own: a hair-high line whose place pdfmake reports to `pageBreakBefore`. */
function columnMark(name: string): Content {
  return {
    text: "\u00a0",
    id: `${columnMarkPrefix}${name}`,
    fontSize: 0.1,
    lineHeight: 1,
    artifact: true,
  } as Content;
}

/** The fact sheet as a pdfmake document definition: one page of the layout's size, theme fonts and colours. */
export function factSheetDefinition(
  sheet: FactSheet,
  theme: Theme,
  info: { author?: string; subject: string; creationDate?: Date; creator: string },
  /** Marks each column's start and end with an empty node (`columnMark`) for fill.ts to read where they stand. */
  marked = false,
): TDocumentDefinitions {
  const c = theme.colors;
  const { layout, labels } = sheet;
  const { page, type, rules } = layout;
  // The brand's logo at the band's right, on a plate of the paper's colour (a logo is drawn for it).
  const logo = sheet.logo;
  const logoHeight = 18;
  const logoWidth = logo ? Math.min((logoHeight * logo.width) / logo.height, layout.publisherWidth) : 0;
  const plate = logo
    ? { x: page.width - page.margin - logoWidth - 10, y: 12, w: logoWidth + 10, h: logoHeight + 8 }
    : undefined;
  const bandLogo: Content | undefined =
    logo && plate
      ? ({
          ...(logo.mime === "image/svg+xml"
            ? { svg: new TextDecoder().decode(logo.bytes) }
            : { image: `data:image/png;base64,${Buffer.from(logo.bytes).toString("base64")}` }),
          width: logoWidth,
          height: (logoWidth * logo.height) / logo.width,
          absolutePosition: { x: plate.x + 5, y: plate.y + 4 },
          ...(logo.decorative ? { artifact: true } : { tag: { type: "Figure", alt: logo.alt } }),
        } as Content)
      : undefined;
  const withBandLogo = (band: Content): Content => (bandLogo ? ([band, bandLogo] as Content) : band);
  // The map and the chart are Figures described by the same text their SVG carries as title and desc.
  const svg = (markup: string, size: { width: number; height: number }, alt: string): Content =>
    ({
      svg: markup,
      tag: { type: "Figure", alt },
      width: size.width,
      height: size.height,
      font: "heading",
      margin: [0, 0, 0, 8],
    }) as Content;
  const brief = sheet.brief;
  const briefText = { fontSize: sheet.briefSize, lineHeight: 1.35 };
  const sections: Record<SheetSection, () => Content[]> = {
    // Nothing to count or date: the sheet summarises the report instead of standing empty.
    overview: () => [
      heading(labels.text("overview"), theme, layout),
      {
        text: sheet.summary?.sentences ?? "",
        tag: { type: "P" },
        fontSize: type.body + 1,
        lineHeight: 1.35,
        margin: [0, 0, 0, 12],
      },
    ],
    map: () =>
      sheet.map
        ? [
            heading(labels.text("where"), theme, layout),
            svg(sheet.map.svg, layout.map, `${sheet.map.title}. ${sheet.map.description}`),
            ...(sheet.map.note
              ? [
                  {
                    text: sheet.map.note,
                    fontSize: type.note,
                    color: theme.colors.muted,
                    margin: [0, -4, 0, 8],
                    tag: { type: "P" },
                  } as Content,
                ]
              : []),
          ]
        : [],
    incidents: () => timeline(sheet, theme),
    inThisReport: () => [
      heading(labels.text("inThisReport"), theme, layout),
      {
        ul: (sheet.summary?.contents ?? []).map((entry) => ({ text: entry, link: sheet.reportHref })),
        tag: { type: "L" },
        fontSize: type.body + 1,
        lineHeight: 1.35,
        margin: [0, 0, 0, 12],
      },
    ],
    groups: () => [heading(labels.text("whoWithWhom"), theme, layout), ...groups(sheet, theme)],
    chart: () =>
      sheet.chart
        ? [
            heading(sheet.chartHeading, theme, layout),
            svg(sheet.chart.svg, layout.chart, `${sheet.chart.title}: ${sheet.chart.description}.`),
            ...(sheet.chart.note
              ? [
                  {
                    text: sheet.chart.note,
                    tag: { type: "P" },
                    fontSize: type.note,
                    color: theme.colors.muted,
                    margin: [0, -4, 0, 8],
                  } as Content,
                ]
              : []),
          ]
        : [],
    summary: () =>
      brief?.summary
        ? [
            heading(labels.text("sheetSummary"), theme, layout),
            {
              text: brief.summary.text,
              ...(brief.summary.href ? { link: brief.summary.href } : {}),
              tag: { type: "P" },
              ...briefText,
              margin: [0, 0, 0, 12],
            } as Content,
          ]
        : [],
    findings: () =>
      brief && brief.findings.length > 0
        ? [
            heading(labels.text("keyFindings"), theme, layout),
            {
              ol: brief.findings.map((f) => ({ text: f.text, link: f.href, margin: [0, 0, 0, 4] })),
              tag: { type: "L" },
              ...briefText,
              margin: [0, 0, 0, 12],
            } as Content,
          ]
        : [],
    dataChart: () =>
      sheet.dataChart
        ? [
            heading(sheet.dataChart.heading, theme, layout),
            svg(sheet.dataChart.svg, sheet.dataChart, sheet.dataChart.alt),
            {
              text: sheet.dataChart.note,
              ...(sheet.dataChart.href ? { link: sheet.dataChart.href } : {}),
              tag: { type: "P" },
              fontSize: type.note,
              color: theme.colors.muted,
              margin: [0, -4, 0, 10],
            } as Content,
          ]
        : [],
    contents: () =>
      brief
        ? [
            heading(labels.text("inThisReport"), theme, layout),
            {
              ul: brief.contents.map((entry) => ({ text: entry, link: sheet.reportHref })),
              tag: { type: "L" },
              fontSize: contentsSize(layout, sheet.briefSize),
              lineHeight: 1.35,
              margin: [0, 0, 0, 12],
            },
          ]
        : [],
  };
  const plan = sheetColumns(sheet);
  const marks = (side: "left" | "right", column: Content[]): Content[] =>
    marked ? [columnMark(`${side}-start`), ...column, columnMark(`${side}-end`)] : column;
  const left = marks(
    "left",
    plan.left.flatMap((section) => sections[section]()),
  );
  const right = marks(
    "right",
    plan.right.flatMap((section) => sections[section]()),
  );
  const { band } = sheet;
  return {
    pageSize: { width: page.width, height: page.height },
    pageMargins: [page.margin, band.height + 14, page.margin, page.footer],
    // Tagged PDF/UA-1 (src/engine/pdfmake/tagging.ts); 1.7 so that pdfkit writes the XMP packet.
    version: "1.7",
    tagged: true,
    subset: "PDF/UA",
    displayTitle: true,
    language: sheet.lang,
    info: {
      title: labels.text("factSheetTitle", { title: sheet.title }),
      author: info.author,
      subject: info.subject,
      creator: info.creator,
      producer: info.creator,
      ...(info.creationDate ? { creationDate: info.creationDate } : {}),
    },
    background: () => ({
      canvas: [
        { type: "rect", x: 0, y: 0, w: page.width, h: band.height, color: c.accent },
        ...(plate ? [{ type: "rect" as const, ...plate, r: 3, color: c.paper }] : []),
      ],
    }),
    header: () =>
      withBandLogo({
        margin: [page.margin, 22, page.margin, 0],
        columns: [
          {
            stack: [
              {
                text: sheet.eyebrow.toLocaleUpperCase(sheet.lang),
                tag: { type: "P" },
                font: "heading",
                bold: true,
                fontSize: type.eyebrow,
                characterSpacing: type.eyebrowSpacing,
                color: c.accentLight,
              },
              {
                // The lines as measured (band.ts): the HTML breaks the title in the same places.
                text: pdfLines(band.title.lines),
                // pdfmake drops the space a line broke at: the tag carries the title as written.
                tag: band.title.lines.length > 1 ? { type: "H1", actualText: sheet.title } : { type: "H1" },
                font: "heading",
                bold: true,
                fontSize: band.title.size,
                color: c.onAccent,
                margin: [0, 2, 0, 0],
              },
              ...(band.subtitle
                ? [
                    {
                      text: pdfLines(band.subtitle.lines),
                      tag: { type: "P" },
                      font: "heading",
                      fontSize: band.subtitle.size,
                      color: c.accentLight,
                      margin: [0, 3, 0, 0],
                    } as Content,
                  ]
                : []),
              // A wide title: the credits under it, on the lines measured for them.
              ...(band.wide && band.wide.credits.length > 0
                ? [
                    {
                      text: pdfLines(band.wide.credits),
                      tag: { type: "P" },
                      font: "heading",
                      fontSize: type.publisher,
                      color: c.onAccent,
                      margin: [0, band.credits.top, 0, 0],
                    } as Content,
                  ]
                : []),
            ],
          },
          ...(band.wide
            ? []
            : [
                {
                  width: layout.publisherWidth,
                  text: sheet.credits.join("\n"),
                  tag: { type: "P" },
                  font: "heading",
                  fontSize: type.publisher,
                  color: c.onAccent,
                  alignment: "right",
                  margin: [0, band.credits.top, 0, 0],
                } as Content,
              ]),
        ],
      }),
    footer: () => ({
      margin: [page.margin, 6, page.margin, 0],
      stack: [
        {
          canvas: [
            {
              type: "line",
              x1: 0,
              y1: 0,
              x2: page.width - 2 * page.margin,
              y2: 0,
              lineWidth: rules.footer,
              lineColor: c.rule,
            },
          ],
        },
        {
          text: sheet.sources,
          tag: { type: "P" },
          fontSize: type.sources,
          color: c.muted,
          lineHeight: 1.2,
          margin: [0, 4, 0, 0],
        },
      ],
    }),
    defaultStyle: { font: "body", fontSize: type.body, color: c.text, lineHeight: 1.2 },
    content: [
      ...figures(sheet, theme),
      {
        columns: [
          { width: layout.column, stack: left },
          { width: layout.column, stack: right },
        ],
        columnGap: layout.columnGap,
        margin: [0, 4, 0, 0],
      },
    ],
  };
}
