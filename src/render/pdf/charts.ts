import type { Chart } from "../../model/charts/types.ts";
import { drawChart } from "../chart-svg.ts";
import type { PdfInline, PdfText } from "./content-types.ts";
import type { PdfBlock, PdfContext } from "./context.ts";
import { inlinesToPdf } from "./inline.ts";

/**
 * A chart as the PDF prints it: its SVG, vector with its text as text in the theme's faces, scaled
 * to the column; a Figure described by the chart's alt text; its caption (tagged Caption, listed
 * where `::list-of-figures` stands) followed by where its data comes from ("Data: Table 1").
 */
export function chartFigure(
  chart: Chart,
  ctx: PdfContext,
  placed: { caption: PdfText[]; id?: string },
): PdfBlock[] {
  const drawn = drawChart(chart, ctx.theme);
  const scale = Math.min(
    ctx.width / drawn.width,
    (ctx.height * ctx.theme.layout.figureMaxHeightShare) / drawn.height,
  );
  // The figure's caption (figures.ts: tagged Caption, listed where `::list-of-figures` stands),
  // untagged here: the caption and the data line are one Caption.
  const caption = placed.caption.map(({ tag: _tag, margin: _margin, ...text }) => text);
  const data: PdfText = { text: dataRuns(chart, ctx), style: "caption", italics: false };
  return [
    {
      ...(placed.id ? { id: placed.id } : {}),
      stack: [
        {
          svg: drawn.svg,
          width: drawn.width * scale,
          height: drawn.height * scale,
          // The SVG names the theme's face by family; pdfmake sets it in the heading face.
          font: "heading",
        },
        { stack: [...caption, data], tag: { type: "Caption" }, margin: [0, 4, 0, 0] },
      ],
      tag: { type: "Figure", alt: chart.alt },
      unbreakable: true,
      margin: [0, 4, 0, ctx.theme.spacing.paragraphAfter],
    },
  ];
}

/** "Data: Table 1" (a link to it) or "Data: funding.csv". */
function dataRuns(chart: Chart, ctx: PdfContext): PdfInline[] {
  const { source } = chart;
  if (source.kind === "file") return [{ text: ctx.labels.text("chartDataFile", { file: source.path }) }];
  const name = source.number === undefined ? source.label : ctx.labels.text("tableRef", { n: source.number });
  const [before = "", after = ""] = ctx.labels.text("chartData", { source: "\u0000" }).split("\u0000");
  const link = inlinesToPdf(
    [{ type: "link", url: `#${source.id}`, children: [{ type: "text", value: name }] }],
    ctx,
  );
  return [...(before ? [{ text: before }] : []), ...link, ...(after ? [{ text: after }] : [])];
}
