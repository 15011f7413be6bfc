import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { imageSize } from "image-size";
import type { Image, Root } from "mdast";
import type { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { frontMatterPlace, sourceIndex } from "./frontmatter.ts";
import { imageDataProblem } from "./image-checks.ts";
import { isInside } from "./inside-folder.ts";
import type { ReportMeta } from "./schema.ts";
import { type SvgReferenceOutcome, sanitizeSvg } from "./svg-sanitize.ts";
import type { ImageAsset } from "./types.ts";
import { visit } from "./visit.ts";

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
/** How many of an SVG's dropped references are named one by one. */
const maxDroppedTold = 20;

/**
 * Where images are looked for: the source's folder, and the folders of the front matter's
 * `resource-path` (relative to the source's folder; the source's folder when it has none). A path
 * from the site root (`/images/x.png`) is looked for in those folders, as a static site serves it.
 */
export interface ImageFolders {
  /** The source's folder (real path). */
  source: string;
  /** The folders a site-root path is looked for in, in order (real paths). */
  roots: string[];
  /** Whether `roots` came from the front matter (so a message can say so). */
  fromResourcePath: boolean;
}

/** A folder of the front matter's `resource-path`, as written, and where it is written. */
export interface ResourceFolder {
  path: string;
  place?: { line: number; column: number } | undefined;
}

/** The front matter's `resource-path` folders, each with its place for messages. */
export function resourceFolders(meta: ReportMeta): ResourceFolder[] {
  const folders = meta["resource-path"] ?? [];
  return folders.map((path, i) => ({
    path,
    place: frontMatterPlace(meta, ["resource-path", sourceIndex(folders, i)]),
  }));
}

/**
 * Reads every local image the tree refers to, from the source's folder or the `resource-path`
 * folders and never outside them. Remote URLs are never fetched (a warning; renderers show the alt
 * text and the link instead). `resourcePath` is the front matter's, with each entry's place.
 */
export function loadImages(
  tree: Root,
  file: VFile,
  sourceDir: string,
  resourcePath: ResourceFolder[] = [],
): Map<string, ImageAsset> {
  const images = new Map<string, ImageAsset>();
  let folders: ImageFolders | undefined;
  // Checked even when no image uses them: a wrong `resource-path` is reported where it is written.
  if (resourcePath.length > 0) folders = imageFolders(file, sourceDir, resourcePath);
  visit(tree, "image", (node: Image) => {
    // A chart's figure (src/model/charts) is drawn from its data, not read from a file.
    if (images.has(node.url) || node.data?.chart) return;
    folders ??= imageFolders(file, sourceDir, resourcePath);
    // A bad image is recorded and the next one still read: the build names every one at once.
    try {
      const asset = loadImage(node, file, folders);
      if (asset) images.set(node.url, asset);
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error;
    }
  });
  return images;
}

function loadImage(node: Image, file: VFile, folders: ImageFolders): ImageAsset | undefined {
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
  const fromSiteRoot = isAbsolute(decoded);
  // A site-root path is looked for in each root; a relative one beside the source first.
  const candidates = fromSiteRoot
    ? folders.roots.map((root) => resolve(root, `.${decoded}`))
    : [
        resolve(folders.source, decoded),
        ...(folders.fromResourcePath ? folders.roots.map((root) => resolve(root, decoded)) : []),
      ];
  const found = candidates.map(realPathOrUndefined).find((real) => real !== undefined);
  if (found === undefined) {
    const lookedFor = candidates.map((c) => relative(process.cwd(), c) || c).join(", ");
    return fail(
      fromSiteRoot
        ? `Image \`${url}\` not found: an absolute path is read from ${folders.fromResourcePath ? "the front matter's `resource-path`" : "the project's root (the source's folder)"} (looked for ${lookedFor})`
        : `Image \`${url}\` not found (looked for ${lookedFor})`,
      "image-missing",
    );
  }
  const real = found;
  const allowed = [folders.source, ...folders.roots];
  if (!allowed.some((folder) => isInside(real, folder))) {
    fail(
      `Image \`${url}\` resolves outside the source folder${folders.fromResourcePath ? " and its `resource-path`" : ""}: refused`,
      "image-path",
    );
  }
  const stat = statSync(real);
  if (!stat.isFile()) fail(`Image \`${url}\` is not a file`, "image-missing");
  if (stat.size > maxImageBytes)
    fail(`Image \`${url}\` is ${(stat.size / 1e6).toFixed(1)} MB: over the 20 MB limit`, "image-size");
  let bytes: Uint8Array = new Uint8Array(readFileSync(real));
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
  if (mime === "image/svg+xml") bytes = selfContainedSvg(bytes, real, allowed, node, file);
  const damaged = imageDataProblem(bytes, type);
  if (damaged) fail(`Image \`${url}\` ${damaged}`, "image-data");
  const root = allowed.find((folder) => isInside(real, folder)) ?? folders.source;
  return { url, path: relative(root, real), mime, bytes, width: info.width, height: info.height };
}

/**
 * The SVG at `real` with every external reference inlined (a raster image inside the allowed
 * folders, a regular file within the size limit) or dropped with a warning at the image's line:
 * renderers get bytes that name nothing outside themselves.
 */
function selfContainedSvg(
  bytes: Uint8Array,
  real: string,
  allowed: readonly string[],
  node: Image,
  file: VFile,
): Uint8Array {
  let budget = maxImageBytes;
  const inline = (path: string): SvgReferenceOutcome => {
    if (isAbsolute(path)) return { problem: "is an absolute path: not read" };
    const target = realPathOrUndefined(resolve(dirname(real), path));
    if (target === undefined) return { problem: "not found: left out" };
    if (!allowed.some((folder) => isInside(target, folder)))
      return { problem: "resolves outside the source folder: not read" };
    const stat = statSync(target);
    if (!stat.isFile()) return { problem: "is not a regular file: not read" };
    if (stat.size > budget) return { problem: "is over the 20 MB image limit: not read" };
    const data = readFileSync(target);
    budget -= data.byteLength;
    let type: string | undefined;
    try {
      type = imageSize(new Uint8Array(data)).type;
    } catch {
      type = undefined;
    }
    const mime = mimeOf[type === "jpeg" ? "jpg" : (type ?? "")];
    if (!mime || mime === "image/svg+xml")
      return { problem: "is not a PNG, JPEG, GIF or WebP image: left out" };
    return { dataUrl: `data:${mime};base64,${data.toString("base64")}` };
  };
  const original = new TextDecoder().decode(bytes);
  const { text, dropped } = sanitizeSvg(original, inline);
  // An SVG may name thousands: the first few are told, then how many more.
  const told = dropped.slice(0, maxDroppedTold);
  if (dropped.length > told.length)
    told.push(`and ${dropped.length - told.length} more references are left out the same way`);
  for (const reason of told)
    file.message(`Image \`${node.url}\`: ${reason}`, {
      place: node.position,
      ruleId: "svg-reference",
      source: "folio",
    });
  // Nothing to change: the file's own bytes (its encoding, byte for byte).
  return text === original ? bytes : new TextEncoder().encode(text);
}

/** The source's folder and the `resource-path` folders, each checked: inside the project, a folder. */
function imageFolders(file: VFile, sourceDir: string, resourcePath: ResourceFolder[]): ImageFolders {
  const source = realpathSync(sourceDir);
  if (resourcePath.length === 0) return { source, roots: [source], fromResourcePath: false };
  const project = projectRoot(source);
  const within =
    project === source ? "the source's folder" : `the repository (${relative(source, project) || "."})`;
  const roots: string[] = [];
  for (const entry of resourcePath) {
    const refuse = (reason: string) => {
      const message = file.message(`\`resource-path\` \`${entry.path}\` ${reason}`, {
        place: entry.place,
        ruleId: "resource-path",
        source: "folio",
      });
      message.fatal = true;
    };
    const wanted = resolve(source, entry.path);
    // Decided on the path as written first, so nothing outside the project is even looked at.
    if (isAbsolute(entry.path) || !isInside(wanted, project)) {
      refuse(`is outside ${within}: give a folder inside it, relative to the source's folder`);
      continue;
    }
    const real = realPathOrUndefined(wanted);
    if (real === undefined) refuse(`not found (looked for ${relative(process.cwd(), wanted) || wanted})`);
    else if (!isInside(real, project)) refuse(`resolves outside ${within}: refused`);
    else if (!statSync(real).isDirectory()) refuse("is not a folder");
    else roots.push(real);
  }
  return { source, roots: roots.length > 0 ? roots : [source], fromResourcePath: true };
}

/**
 * The folder a `resource-path` may not climb out of: the repository that holds the source (the
 * nearest folder above it with a `.git`), else the source's own folder.
 */
function projectRoot(source: string): string {
  for (let folder = source; ; folder = dirname(folder)) {
    if (existsSync(join(folder, ".git"))) return folder;
    if (dirname(folder) === folder) return source;
  }
}

function realPathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
