import { createHash } from "node:crypto";
import type { Resvg as ResvgClass, ResvgRenderOptions } from "@resvg/resvg-js";
import {
  HorizontalPositionAlign,
  HorizontalPositionRelativeFrom,
  ImageRun,
  LineRuleType,
  type ParagraphChild,
  VerticalPositionAlign,
  VerticalPositionRelativeFrom,
} from "docx";
import type { Image } from "mdast";
import { fontFilePath } from "../../assets/font-paths.ts";
import { runtimeRequire } from "../../assets/runtime-require.ts";
import type { Figure } from "../../model/apparatus/figures.ts";
import type { ImageAsset } from "../../model/types.ts";
import { BoundedKeep } from "./bounded-keep.ts";
import { captionRuns } from "./captions.ts";
import { type DocxContext, type Piece, paragraph } from "./context.ts";
import type { WordFaces } from "./faces.ts";
import { textRun } from "./inlines.ts";
import { styleIds } from "./style-ids.ts";
import { pixels, twips } from "./units.ts";

/**
 * An implicit figure (an image with alt text alone in its paragraph: src/model/apparatus/figures.ts) as the
 * PDF edition prints a figure: a paragraph of its own, single-spaced so the picture sets its height
 * (an exact line pitch would crop it), and the alt text as its caption, kept with it. A picture
 * Word cannot show is its alt text alone.
 */
export function figure(node: Image, context: DocxContext, decided?: Figure): Piece[] {
  const picture = image(node, context) as ParagraphChild[];
  const isPicture = picture.some((piece) => piece instanceof ImageRun);
  const { spacing } = context.state.theme;
  if (!isPicture) return picture.length ? [paragraph(picture, context)] : [];
  const caption = decided
    ? [
        paragraph(
          captionRuns("fig", { ...decided, children: [{ type: "text", value: decided.caption }] }, context),
          context,
          { style: styleIds.caption },
        ),
      ]
    : [];
  return [
    paragraph(picture, context, {
      spacing: {
        before: twips(4),
        after: caption.length ? 0 : twips(spacing.paragraphAfter),
        line: 240,
        lineRule: LineRuleType.AUTO,
      },
      ...(caption.length ? { keepNext: true } : {}),
    }),
    ...caption,
  ];
}

const rasterTypes = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif" } as const;

/**
 * An embedded picture scaled to fit the text column (never enlarged), with the Markdown alt text as
 * Word's alt text. A remote, missing or unsupported image is its alt text, as in the print formats.
 */
export function image(node: Image, context: DocxContext): Piece[] {
  const { state } = context;
  const asset = state.model.images.get(node.url);
  const alt = node.alt ?? "";
  if (!asset) return alt ? [textRun(alt, context)] : [];
  const maxWidth = pixels(state.textWidth) - context.frame.indent / 15;
  // In a footnote a picture stays about the height of a few lines of note text.
  const maxHeight = context.frame.inFootnote
    ? pixels(state.theme.sizes.small * 6)
    : pixels(state.textHeight) * state.theme.layout.figureMaxHeightShare;
  const scale = Math.min(1, maxWidth / asset.width, maxHeight / asset.height);
  const transformation = {
    width: Math.max(1, Math.round(asset.width * scale)),
    height: Math.max(1, Math.round(asset.height * scale)),
  };
  const altText = {
    id: String(state.nextDrawingId++),
    name: asset.path.split("/").pop() ?? asset.path,
    title: node.title ?? alt,
    description: alt,
  };
  // A picture without alt text is taken as decorative, as `alt=""` is on the web: Word's
  // accessibility check accepts that, and screen readers skip it (the model tells the author:
  // src/model/alt-text.ts).
  const decorative = alt.trim() === "" ? { decorative: true } : {};
  if (asset.mime === "image/svg+xml") {
    const fallback = svgFallback(asset, transformation.width * 2, resvgFonts(context.state.faces));
    if (!fallback)
      return unsupported(node, context, "its SVG could not be rasterised for Word's PNG fallback");
    return [
      new ImageRun({
        type: "svg",
        data: asset.bytes,
        fallback: { type: "png", data: fallback },
        transformation,
        altText,
        ...decorative,
      }),
    ];
  }
  const type = rasterTypes[asset.mime as keyof typeof rasterTypes];
  if (!type) return unsupported(node, context, `Word cannot show ${asset.mime}`);
  return [new ImageRun({ type, data: asset.bytes, transformation, altText, ...decorative })];
}

let loadedResvg: typeof ResvgClass | undefined;
/** resvg, a native addon: loaded on the first SVG, never at start-up (nor into the startup snapshot). */
function Resvg(): typeof ResvgClass {
  loadedResvg ??= runtimeRequire<{ Resvg: typeof ResvgClass }>("@resvg/resvg-js").Resvg;
  return loadedResvg;
}

/**
 * resvg's fonts: the theme's faces only, never the machine's (`loadSystemFonts: false`), so the
 * PNG fallback's text is drawn the same on every machine; an SVG's generic families map to them.
 */
export function resvgFonts(faces: WordFaces): NonNullable<ResvgRenderOptions["font"]> {
  const fontFiles = faces.files.flatMap((face) => (face.bytes ? [fontFilePath(face.bytes)] : []));
  const { fonts } = faces.theme;
  return {
    loadSystemFonts: false,
    fontFiles: [...new Set(fontFiles)],
    defaultFontFamily: fonts.body.family,
    serifFamily: fonts.body.family,
    sansSerifFamily: fonts.heading.family,
    cursiveFamily: fonts.body.family,
    fantasyFamily: fonts.body.family,
    monospaceFamily: fonts.mono.family,
  };
}

/**
 * Word versions before 2016 cannot show SVG: each SVG carries a PNG rendering at twice its size (a
 * chart at 300 dpi). Rasterising is most of a chart's DOCX (a 2-megapixel PNG, some 150 ms of CPU
 * each), and the same picture comes back in every rebuild of a watched report and every brief that
 * shares a figure: each result is kept by what decides it (the SVG's bytes, the width, the fonts),
 * so the PNG is the one a new rasterisation would give.
 */
export function svgFallback(
  asset: ImageAsset,
  width: number,
  font: NonNullable<ResvgRenderOptions["font"]>,
): Uint8Array | undefined {
  const pixelsWide = Math.max(1, Math.round(width));
  const key = `${pixelsWide} ${JSON.stringify(font)} ${createHash("sha256").update(asset.bytes).digest("hex")}`;
  if (rasterised.has(key)) return rasterised.get(key);
  let png: Uint8Array | undefined;
  try {
    const resvg = new (Resvg())(Buffer.from(asset.bytes), {
      fitTo: { mode: "width", value: pixelsWide },
      font,
    });
    png = new Uint8Array(resvg.render().asPng());
  } catch {
    png = undefined;
  }
  rasterised.set(key, png, png?.byteLength ?? key.length);
  return png;
}

/** Fallbacks kept, up to 32 MB of PNG (a few dozen charts); a failure counts its key's length. */
const rasterised = new BoundedKeep<Uint8Array | undefined>(32 * 1024 * 1024);

function unsupported(node: Image, context: DocxContext, why: string): Piece[] {
  context.state.file.message(`Image \`${node.url}\` is shown as its alt text in the DOCX edition: ${why}`, {
    place: node.position,
    ruleId: "docx-image",
    source: "folio",
  });
  return node.alt ? [textRun(node.alt, context)] : [];
}

/**
 * The brand's logo (the title block's `::logo`): a picture of its own paragraph, `logo.coverWidth`
 * points wide, with brand.yaml's alt text as Word's description, or marked decorative.
 */
export function logo(context: DocxContext): Piece[] {
  const { state } = context;
  const brand = state.model.logo;
  if (!brand) return [];
  const asset: ImageAsset = {
    url: brand.path,
    path: brand.path,
    mime: brand.mime,
    bytes: brand.bytes,
    width: brand.width,
    height: brand.height,
  };
  const width = Math.max(1, Math.round(Math.min(pixels(brand.coverWidth), pixels(state.textWidth))));
  const transformation = { width, height: Math.max(1, Math.round((width * brand.height) / brand.width)) };
  const altText = {
    id: String(state.nextDrawingId++),
    name: brand.path.split("/").pop() ?? brand.path,
    title: brand.alt,
    description: brand.alt,
  };
  const decorative = brand.decorative ? { decorative: true } : {};
  let run: ImageRun;
  if (brand.mime === "image/svg+xml") {
    const fallback = svgFallback(asset, width * 2, resvgFonts(state.faces));
    if (!fallback) return [];
    run = new ImageRun({
      type: "svg",
      data: brand.bytes,
      fallback: { type: "png", data: fallback },
      transformation,
      altText,
      ...decorative,
    });
  } else run = new ImageRun({ type: "png", data: brand.bytes, transformation, altText, ...decorative });
  return [
    paragraph([run], context, {
      spacing: { before: 0, after: twips(18), line: 240, lineRule: LineRuleType.AUTO },
      keepNext: true,
    }),
  ];
}

/**
 * The brand's logo in the running header (brand.yaml's `header: true`), 14 points high at the
 * header's right, floating: decoration repeated on every page, so marked decorative, as the PDF's
 * running header is an artifact.
 */
export function headerLogo(context: DocxContext): ImageRun | undefined {
  const { state } = context;
  const brand = state.model.logo;
  if (!brand?.header) return undefined;
  const height = Math.round(pixels(14));
  const transformation = { width: Math.max(1, Math.round((height * brand.width) / brand.height)), height };
  const altText = {
    id: String(state.nextDrawingId++),
    name: brand.path.split("/").pop() ?? brand.path,
    title: "",
    description: "",
  };
  const floating = {
    horizontalPosition: {
      relative: HorizontalPositionRelativeFrom.MARGIN,
      align: HorizontalPositionAlign.RIGHT,
    },
    verticalPosition: { relative: VerticalPositionRelativeFrom.PARAGRAPH, align: VerticalPositionAlign.TOP },
    allowOverlap: true,
  };
  if (brand.mime !== "image/svg+xml")
    return new ImageRun({
      type: "png",
      data: brand.bytes,
      transformation,
      altText,
      floating,
      decorative: true,
    });
  const asset: ImageAsset = {
    url: brand.path,
    path: brand.path,
    mime: brand.mime,
    bytes: brand.bytes,
    width: brand.width,
    height: brand.height,
  };
  const fallback = svgFallback(asset, transformation.width * 2, resvgFonts(state.faces));
  if (!fallback) return undefined;
  return new ImageRun({
    type: "svg",
    data: brand.bytes,
    fallback: { type: "png", data: fallback },
    transformation,
    altText,
    floating,
    decorative: true,
  });
}
