import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { imageSize } from "image-size";
import type { Image, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import type { ImageAsset } from "./types.ts";

const mimeOf: Record<string, ImageAsset["mime"]> = {
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
};
/** Images past this many pixels are refused: they would stall every renderer and bloat every artifact. */
export const maxImagePixels = 40_000_000;
const maxImageBytes = 20 * 1024 * 1024;

/**
 * Reads every local image the tree refers to, relative to the source folder and never outside it.
 * Remote URLs are never fetched (a warning; renderers show the alt text and the link instead).
 */
export function loadImages(tree: Root, file: VFile, sourceDir: string): Map<string, ImageAsset> {
  const images = new Map<string, ImageAsset>();
  let root: string | undefined;
  visit(tree, "image", (node: Image) => {
    if (images.has(node.url)) return;
    root ??= realpathSync(sourceDir);
    // A bad image is recorded and the next one still read: the build names every one at once.
    try {
      const asset = loadImage(node, file, root);
      if (asset) images.set(node.url, asset);
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error;
    }
  });
  return images;
}

function loadImage(node: Image, file: VFile, root: string): ImageAsset | undefined {
  const fail = (reason: string, ruleId: string): never =>
    file.fail(reason, { place: node.position, ruleId, source: "folio" });
  const url = node.url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) {
    file.message(`Image \`${url}\` is not local: it is not fetched; its alt text is shown instead`, {
      place: node.position,
      ruleId: "remote-image",
      source: "folio",
    });
    return undefined;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.split(/[?#]/)[0] ?? "");
  } catch {
    return fail(`Image path \`${url}\` is not a valid URL path`, "image-path");
  }
  if (isAbsolute(decoded))
    fail(`Image \`${url}\` is an absolute path: images must be inside the source folder`, "image-path");
  const wanted = resolve(root, decoded);
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    return fail(
      `Image \`${url}\` not found (looked for ${relative(process.cwd(), wanted) || wanted})`,
      "image-missing",
    );
  }
  if (real !== root && !real.startsWith(root + sep)) {
    fail(`Image \`${url}\` resolves outside the source folder: refused`, "image-path");
  }
  const stat = statSync(real);
  if (!stat.isFile()) fail(`Image \`${url}\` is not a file`, "image-missing");
  if (stat.size > maxImageBytes)
    fail(`Image \`${url}\` is ${(stat.size / 1e6).toFixed(1)} MB: over the 20 MB limit`, "image-size");
  const bytes = new Uint8Array(readFileSync(real));
  let info: ReturnType<typeof imageSize>;
  try {
    info = imageSize(bytes);
  } catch {
    return fail(`Image \`${url}\` is not a readable PNG, JPEG, GIF, WebP or SVG file`, "image-data");
  }
  const type = info.type === "jpeg" ? "jpg" : (info.type ?? "");
  const mime = mimeOf[type];
  if (!mime)
    return fail(
      `Image \`${url}\` is ${info.type ?? "of an unknown type"}: use PNG, JPEG, GIF, WebP or SVG`,
      "image-data",
    );
  if (!info.width || !info.height) return fail(`Image \`${url}\` has no size`, "image-data");
  if (info.width * info.height > maxImagePixels) {
    fail(
      `Image \`${url}\` is ${info.width}×${info.height} px: over the ${maxImagePixels / 1e6} megapixel limit`,
      "image-size",
    );
  }
  return { url, path: relative(root, real), mime, bytes, width: info.width, height: info.height };
}
