import { ImageRun, LineRuleType } from "docx";
import type { CrossReference } from "../../model/apparatus/cross-references.ts";
import type { Figure } from "../../model/apparatus/figures.ts";
import type { Chart } from "../../model/charts/types.ts";
import { drawChart } from "../chart-svg.ts";
import { captionRuns } from "./captions.ts";
import { type DocxContext, type Piece, paragraph, renderInlines } from "./context.ts";
import { resvgFonts, svgFallback } from "./images.ts";
import { styleIds } from "./style-ids.ts";
import { pixels, twips } from "./units.ts";

/** The PNG fallback's resolution: print's, 300 dots per inch (the drawing is sized at 96). */
const fallbackScale = 300 / 96;

/**
 * A chart as Word shows it: the same SVG as the other formats, with a PNG fallback at print
 * resolution drawn with the theme's faces only (Word before 2016 and LibreOffice show that), the
 * chart's alt text on the drawing; its caption with a SEQ field (as any figure's) and a line
 * naming the data it comes from ("Data: Table 1", a REF to that table's caption).
 */
export function chartFigure(chart: Chart, context: DocxContext, decided: Figure): Piece[] {
  const { state } = context;
  const drawn = drawChart(chart, state.theme);
  const maxWidth = pixels(state.textWidth) - context.frame.indent / 15;
  const maxHeight = pixels(state.textHeight) * state.theme.layout.figureMaxHeightShare;
  const scale = Math.min(maxWidth / drawn.width, maxHeight / drawn.height);
  const transformation = {
    width: Math.max(1, Math.round(drawn.width * scale)),
    height: Math.max(1, Math.round(drawn.height * scale)),
  };
  const svg = new TextEncoder().encode(drawn.svg);
  const fallback = svgFallback(
    { url: chart.key, path: `${chart.key}.svg`, mime: "image/svg+xml", bytes: svg, ...drawn },
    transformation.width * fallbackScale,
    resvgFonts(state.faces),
  );
  if (!fallback) {
    state.file.message("A chart could not be drawn as a PNG for Word: its alt text is shown instead", {
      place: decided.image.position,
      ruleId: "docx-chart",
      source: "folio",
    });
    return [paragraph(renderInlines([{ type: "text", value: chart.alt }], context), context)];
  }
  const picture = new ImageRun({
    type: "svg",
    data: svg,
    fallback: { type: "png", data: fallback },
    transformation,
    altText: {
      id: String(state.nextDrawingId++),
      name: `${chart.key}.svg`,
      title: chart.title,
      description: chart.alt,
    },
  });
  const caption = captionRuns(
    "fig",
    { ...decided, children: [{ type: "text", value: decided.caption }] },
    context,
  );
  return [
    paragraph([picture], context, {
      spacing: { before: twips(4), after: 0, line: 240, lineRule: LineRuleType.AUTO },
      keepNext: true,
    }),
    // The caption and its data line read as one block: no space between them.
    paragraph(caption, context, { style: styleIds.caption, keepNext: true, spacing: { after: 0 } }),
    paragraph(renderInlines(dataNote(chart, context), context), context, { style: styleIds.caption }),
  ];
}

/** "Data: Table 1" (Table 1 a cross-reference to it) or "Data: funding.csv". */
function dataNote(chart: Chart, context: DocxContext) {
  const { labels } = context.state.model;
  const { source } = chart;
  if (source.kind === "file")
    return [{ type: "text" as const, value: labels.text("chartDataFile", { file: source.path }) }];
  if (source.number === undefined)
    return [{ type: "text" as const, value: labels.text("chartData", { source: source.label }) }];
  const text = labels.text("tableRef", { n: source.number });
  const reference: CrossReference = {
    type: "crossReference",
    kind: "tbl",
    label: source.label,
    id: source.id,
    text,
    numberOnly: false,
    value: text,
  };
  const [before = "", after = ""] = labels.text("chartData", { source: "\u0000" }).split("\u0000");
  return [
    ...(before ? [{ type: "text" as const, value: before }] : []),
    reference,
    ...(after ? [{ type: "text" as const, value: after }] : []),
  ];
}
