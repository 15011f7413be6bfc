import type { Image } from "mdast";
import { captionLabel } from "../../model/apparatus/cross-references.ts";
import type { Figure } from "../../model/apparatus/figures.ts";
import { chartFigure } from "./charts.ts";
import type { PdfText } from "./content-types.ts";
import type { PdfBlock, PdfContext } from "./context.ts";
import { textRuns } from "./inline.ts";

/** The pdfmake contents ids of the lists of figures and of tables (`::list-of-figures`, `::list-of-tables`). */
export const captionListIds = { fig: "list-of-figures", tbl: "list-of-tables" } as const;

/** CSS pixels to points: images are sized as a browser would show them (96 px per inch). */
const pxToPt = 72 / 96;

/**
 * A local image as a figure, scaled down to the column, with its alt text as a caption (what a
 * reader of the HTML edition's screen reader hears, a print reader reads). Remote or missing images
 * and formats pdfkit cannot embed (GIF, WebP) print their alt text instead.
 */
export function figure(node: Image, ctx: PdfContext, decided?: Figure): PdfBlock[] {
  const asset = ctx.images.get(node.url);
  const number = decided?.number;
  const label = number === undefined ? "" : `${captionLabel("fig", number, ctx.labels)} `;
  // pdfmake makes a named destination only of a text's line: the caption (under the picture, which
  // is unbreakable with it) is where a cross-reference lands, and the list of figures links to.
  const id = decided?.id ? ctx.idPrefix + decided.id : undefined;
  if (id) ctx.collected.placedIds.add(id);
  const caption: PdfText[] = decided
    ? [
        {
          text: textRuns(label + decided.caption, ctx, node),
          style: "caption",
          tag: { type: "Caption" },
          margin: [0, 4, 0, 0],
          ...(id ? { id } : {}),
          // Listed where `::list-of-figures` stands, if it does (pdfmake fills in its page).
          ...(number !== undefined ? { tocItem: [captionListIds.fig] } : {}),
        },
      ]
    : [];
  // A chart (src/model/charts) is drawn from its data, not read from a file.
  const chart = node.data?.chart;
  // The caption carries the id: pdfmake makes a destination of a text line only.
  if (chart) return chartFigure(chart, ctx, { caption });
  if (!asset || asset.mime === "image/gif" || asset.mime === "image/webp") {
    if (asset) {
      ctx.file.message(
        `${asset.mime} images cannot be embedded in the PDF: its alt text is printed instead`,
        {
          place: node.position,
          ruleId: "pdf-image",
          source: "folio",
        },
      );
    }
    return caption.length
      ? [
          {
            // Italic runs, flat: pdfmake drops a nested text's style (bpampuch/pdfmake#1174).
            text: textRuns(node.alt ?? "", ctx, node).map((run) => ({ ...run, italics: true })),
            tag: { type: "P" },
            ...(id ? { id } : {}),
          },
        ]
      : [];
  }
  const scale = Math.min(
    1,
    ctx.width / (asset.width * pxToPt),
    (ctx.height * ctx.theme.layout.figureMaxHeightShare) / (asset.height * pxToPt),
  );
  const size = { width: asset.width * pxToPt * scale, height: asset.height * pxToPt * scale };
  let picture: PdfBlock;
  if (asset.mime === "image/svg+xml") {
    picture = { svg: new TextDecoder().decode(asset.bytes), ...size };
  } else {
    let name = ctx.collected.imageNames.get(asset.url);
    if (!name) {
      name = `images/${ctx.collected.imageNames.size + 1}`;
      ctx.collected.imageNames.set(asset.url, name);
      ctx.collected.resources.set(name, asset.bytes);
    }
    picture = { image: name, ...size };
  }
  return [
    {
      stack: [picture, ...caption],
      // An image without alt text is decoration (as in HTML); with it, a Figure described by it.
      ...(node.alt ? { tag: { type: "Figure", alt: node.alt } } : { artifact: true }),
      unbreakable: true,
      margin: [0, 4, 0, ctx.theme.spacing.paragraphAfter],
    },
  ];
}
