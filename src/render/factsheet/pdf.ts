import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { Theme } from "../../theme/theme.ts";
import { chartSize, type FactSheet, mapSize, titleSize } from "./sheet.ts";

const page = { width: 612, height: 792, margin: 36, band: 92, footer: 46 };
const columnGap = 16;
const half = (page.width - 2 * page.margin - columnGap) / 2;

/** A section heading: small caps in the heading face over a hairline, as on State Department fact sheets. */
function heading(text: string, theme: Theme): Content {
  return {
    stack: [
      {
        text: text.toUpperCase(),
        font: "heading",
        bold: true,
        fontSize: 8.5,
        characterSpacing: 0.8,
        color: theme.colors.accent,
      },
      {
        canvas: [
          { type: "line", x1: 0, y1: 2, x2: half, y2: 2, lineWidth: 0.6, lineColor: theme.colors.rule },
        ],
      },
    ],
    margin: [0, 0, 0, 5],
  };
}

function figures(sheet: FactSheet, theme: Theme): Content[] {
  if (sheet.figures.length === 0) return [];
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
                  lineWidth: 2.5,
                  lineColor: theme.colors.accent,
                },
              ],
            },
            {
              text: [
                { text: f.value, fontSize: 26, bold: true },
                ...(f.unit ? [{ text: ` ${f.unit}`, fontSize: 12, bold: true }] : []),
              ],
              font: "heading",
              color: theme.colors.accent,
              margin: [0, 4, 0, 0],
            },
            {
              text: f.label,
              fontSize: 8.5,
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
  return sheet.groups.map(
    (g): Content => ({
      stack: [
        { text: g.label, font: "heading", bold: true, fontSize: 8, color: theme.colors.muted },
        {
          text: g.items.flatMap((item, i) => [
            ...(i > 0 ? [{ text: "  ·  ", color: theme.colors.rule }] : []),
            { text: item.name, link: `${sheet.reportHref}#${item.anchor}` },
          ]),
          font: "heading",
          bold: true,
          fontSize: 12,
          color: theme.colors.text,
        },
      ],
      margin: [0, 0, 0, 8],
    }),
  );
}

function timeline(sheet: FactSheet, theme: Theme): Content[] {
  if (sheet.incidents.length === 0) return [];
  return [
    heading(sheet.incidentsHeading, theme),
    {
      table: {
        widths: [44, "*"],
        body: sheet.incidents.map((incident) => [
          {
            text: incident.dateLabel,
            font: "heading",
            bold: true,
            fontSize: 8.5,
            color: theme.colors.accent,
            link: `${sheet.reportHref}#${incident.anchor}`,
          },
          { text: incident.summary, fontSize: 8, lineHeight: 1.15 },
        ]),
      },
      layout: {
        hLineWidth: (i: number) => (i === 0 ? 0 : 0.4),
        vLineWidth: () => 0,
        hLineColor: () => "#dfe1e2",
        paddingLeft: () => 0,
        paddingRight: () => 4,
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
    },
  ];
}

/** The fact sheet as a pdfmake document definition: one US Letter page, theme fonts and colours. */
export function factSheetDefinition(
  sheet: FactSheet,
  theme: Theme,
  info: { author?: string; subject: string; creationDate?: Date },
): TDocumentDefinitions {
  const c = theme.colors;
  const svg = (markup: string, size: { width: number; height: number }): Content =>
    ({
      svg: markup,
      width: size.width,
      height: size.height,
      font: "heading",
      margin: [0, 0, 0, 8],
    }) as Content;
  const left: Content[] = [];
  const right: Content[] = [];
  if (sheet.map) left.push(heading("Where", theme), svg(sheet.map.svg, mapSize));
  if (sheet.groups.length > 0) right.push(heading("Who and with whom", theme), ...groups(sheet, theme));
  if (sheet.chart) {
    right.push(heading("People killed or injured", theme), svg(sheet.chart.svg, chartSize));
    if (sheet.chart.note)
      right.push({ text: sheet.chart.note, fontSize: 7, color: theme.colors.muted, margin: [0, -4, 0, 8] });
  }
  left.push(...timeline(sheet, theme));
  return {
    pageSize: "LETTER",
    pageMargins: [page.margin, page.band + 14, page.margin, page.footer],
    language: sheet.lang,
    info: {
      title: `${sheet.title}: fact sheet`,
      author: info.author,
      subject: info.subject,
      creator: "Folio",
      producer: "Folio",
      ...(info.creationDate ? { creationDate: info.creationDate } : {}),
    },
    background: () => ({
      canvas: [{ type: "rect", x: 0, y: 0, w: page.width, h: page.band, color: c.accent }],
    }),
    header: () => ({
      margin: [page.margin, 22, page.margin, 0],
      columns: [
        {
          stack: [
            {
              text: sheet.eyebrow.toUpperCase(),
              font: "heading",
              bold: true,
              fontSize: 8,
              characterSpacing: 1.2,
              color: c.accentLight,
            },
            {
              text: sheet.title,
              font: "heading",
              bold: true,
              fontSize: titleSize(sheet.title),
              color: "#ffffff",
              margin: [0, 2, 0, 0],
            },
          ],
        },
        {
          width: 200,
          text: sheet.publisher,
          font: "heading",
          fontSize: 8.5,
          color: "#ffffff",
          alignment: "right",
          margin: [0, 34, 0, 0],
        },
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
              lineWidth: 0.6,
              lineColor: c.rule,
            },
          ],
        },
        { text: sheet.sources, fontSize: 6.8, color: c.muted, lineHeight: 1.2, margin: [0, 4, 0, 0] },
      ],
    }),
    defaultStyle: { font: "body", fontSize: 8.5, color: c.text, lineHeight: 1.2 },
    content: [
      ...figures(sheet, theme),
      {
        columns: [
          { width: half, stack: left },
          { width: half, stack: right },
        ],
        columnGap,
        margin: [0, 4, 0, 0],
      },
    ],
  };
}
