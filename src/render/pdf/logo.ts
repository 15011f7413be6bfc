import type { BrandLogo } from "../../assets/types.ts";
import type { PdfBlock, PdfContext } from "./context.ts";

/** The logo's picture at `width` points: an SVG drawn as vectors, a PNG named in the images table. */
function picture(logo: BrandLogo, width: number, ctx: PdfContext): PdfBlock {
  const size = { width, height: (width * logo.height) / logo.width };
  if (logo.mime === "image/svg+xml") return { svg: new TextDecoder().decode(logo.bytes), ...size };
  const key = `brand:${logo.path}`;
  let name = ctx.collected.imageNames.get(key);
  if (!name) {
    name = `images/${ctx.collected.imageNames.size + 1}`;
    ctx.collected.imageNames.set(key, name);
    ctx.collected.resources.set(name, logo.bytes);
  }
  return { image: name, ...size };
}

/**
 * The brand's logo on the cover (`::logo` of the title block): a Figure described by its alt text,
 * or an artifact when brand.yaml calls it decorative (PDF/UA: decoration stays out of the structure).
 */
export function coverLogo(ctx: PdfContext): PdfBlock[] {
  const logo = ctx.logo;
  if (!logo) return [];
  return [
    {
      stack: [picture(logo, Math.min(logo.coverWidth, ctx.width), ctx)],
      ...(logo.decorative ? { artifact: true } : { tag: { type: "Figure", alt: logo.alt } }),
      unbreakable: true,
      margin: [0, 0, 0, 18],
    },
  ];
}

/** The logo in the running header, at the header's right: an artifact, as the running header is. */
export function headerLogo(ctx: PdfContext, right: number, top: number): PdfBlock | undefined {
  const logo = ctx.logo;
  if (!logo?.header) return undefined;
  const height = 14;
  const width = (height * logo.width) / logo.height;
  return { ...picture(logo, width, ctx), absolutePosition: { x: right - width, y: top - 3 } };
}
