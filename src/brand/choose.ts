import { existsSync, readdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { folderSignature } from "../assets/folder-signature.ts";
import { displayPath, folioRoot, templatesDir } from "../assets/paths.ts";
import { templateSources } from "../assets/templates.ts";
import type { Assets } from "../assets/types.ts";
import { parsedYaml } from "../model/front-matter-yaml.ts";
import { regularFileText } from "../model/inside-folder.ts";
import { suggestion } from "../model/suggest.ts";
import { brandAssets } from "./assets.ts";
import { BrandError } from "./errors.ts";
import { brandWarnings, loadBrand } from "./load.ts";
import { findProjectFile, type ProjectFile, readProjectFile } from "./project.ts";

/** A source's assets: Folio's, or dressed in its brand; with the brand's warnings the first time. */
export interface SourceAssets {
  assets: Assets;
  /** The brand's warnings (a face not embedded), handed out once per loaded brand. */
  warnings?: VFile;
}

/**
 * The folders a source's brands are looked for in, in order: `brands/` beside its project file
 * (folio.yaml), beside its repository's root, and beside Folio's own folder. Read at run time,
 * never bundled: a change of brand needs no install and no rebuild of Folio.
 */
export function brandFolders(source: string): string[] {
  const folders: string[] = [];
  const project = findProjectFile(dirname(resolve(source)));
  if (project) folders.push(join(dirname(project), "brands"));
  for (let dir = dirname(resolve(source)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) {
      folders.push(join(dir, "brands"));
      break;
    }
    if (dirname(dir) === dir) break;
  }
  folders.push(join(folioRoot, "brands"));
  return [...new Set(folders)].filter((folder) => existsSync(folder));
}

/** The `brand:` of a source's front matter and its place, read before the source is loaded. */
export function frontMatterBrand(text: string): { name: unknown; line: number; column: number } | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return undefined;
  const { doc, lines } = parsedYaml(match[1] as string);
  if (doc.errors.length > 0) return undefined; // the loader reports the front matter's errors
  const node = doc.get("brand", true) as { value?: unknown; range?: number[] } | undefined;
  if (!node) return undefined;
  const p = lines.linePos(node.range?.[0] ?? 0);
  return { name: node.value, line: p.line + 1, column: p.col };
}

interface Loaded {
  signature: string;
  assets: Assets;
  warnings?: VFile;
}
/** Brands loaded, per set of Folio's assets and brand folder: reloaded when a file of the folder changes. */
const loaded = new WeakMap<Assets, Map<string, Loaded>>();

/**
 * The assets a source is built with: Folio's own unless its front matter (`brand: NAME`) or its
 * project file (folio.yaml's `brand:`) names a brand, which is then loaded (once, and again when
 * one of its files changes) over `base`. An unknown brand is an error at the line that names it
 * (on `file`, the source's vfile, when given); a broken brand throws a BrandError.
 */
export function assetsForSource(path: string, base: Assets, file?: VFile): SourceAssets {
  const projectPath = findProjectFile(dirname(resolve(path)));
  const project: ProjectFile | undefined = projectPath ? readProjectFile(projectPath) : undefined;
  const text = regularFileText(path);
  const own = text === undefined ? undefined : frontMatterBrand(text);
  let name: string | undefined;
  let blame: { file: string; line: number; column: number } | undefined;
  if (own) {
    blame = { file: path, line: own.line, column: own.column };
    if (typeof own.name !== "string" || !own.name.trim())
      fail("`brand` names a folder of `brands/`", blame, file);
    name = (own.name as string).trim();
  } else if (project?.brand) {
    name = project.brand;
    blame = { file: shownPath(project.path), ...(project.brandPlace ?? { line: 1, column: 1 }) };
  }
  const projectDefaults = {
    ...(project?.paper ? { paper: project.paper } : {}),
    ...(project?.lang ? { lang: project.lang } : {}),
  };
  if (!name) {
    if (Object.keys(projectDefaults).length === 0) return { assets: base };
    return { assets: withDefaults(base, projectDefaults, `project:${projectPath}`) };
  }
  const folders = brandFolders(path);
  const folder = folders.map((f) => join(f, name)).find((dir) => existsSync(join(dir, "brand.yaml")));
  if (!folder) {
    const known = folders.flatMap((f) =>
      readdirSync(f, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(f, e.name, "brand.yaml")))
        .map((e) => e.name),
    );
    fail(
      `No brand \`${name}\` (a folder brands/${name}/ with a brand.yaml)${suggestion(name, known) || (known.length ? `: the brands are ${known.join(", ")}` : "")}`,
      blame as { file: string; line: number; column: number },
      blame?.file === path ? file : undefined,
    );
  }
  const dir = folder as string;
  let byFolder = loaded.get(base);
  if (!byFolder) {
    byFolder = new Map();
    loaded.set(base, byFolder);
  }
  const signature = folderSignature(dir);
  let entry = byFolder.get(dir);
  if (!entry || entry.signature !== signature) {
    const brand = loadBrand(name as string, dir, base.theme, shownPath(join(dir, "brand.yaml")));
    const assets = brandAssets(base, brand, templateSources(templatesDir()));
    entry = { signature, assets };
    const warnings = brandWarnings.get(brand);
    if (warnings?.messages.length) entry.warnings = warnings;
    byFolder.set(dir, entry);
  }
  const warnings = entry.warnings;
  entry.warnings = undefined;
  const assets =
    Object.keys(projectDefaults).length > 0
      ? withDefaults(entry.assets, { ...entry.assets.defaults, ...projectDefaults }, `project:${projectPath}`)
      : entry.assets;
  return warnings ? { assets, warnings } : { assets };
}

/** A brand's or project's file as messages name it: from the working folder when under it, else as Folio's own. */
function shownPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere && !fromHere.startsWith("..") && !isAbsolute(fromHere)
    ? fromHere.replace(/\\/g, "/")
    : displayPath(file);
}

const withDefaultsCache = new WeakMap<Assets, Map<string, Assets>>();

/** The same assets with a project's paper and language for sources that set none (one object per project). */
function withDefaults(assets: Assets, defaults: NonNullable<Assets["defaults"]>, key: string): Assets {
  let byKey = withDefaultsCache.get(assets);
  if (!byKey) {
    byKey = new Map();
    withDefaultsCache.set(assets, byKey);
  }
  const cacheKey = `${key}|${JSON.stringify(defaults)}`;
  let made = byKey.get(cacheKey);
  if (!made) {
    made = { ...assets, defaults };
    byKey.set(cacheKey, made);
  }
  return made;
}

function fail(reason: string, place: { file: string; line: number; column: number }, file?: VFile): never {
  const at = { line: place.line, column: place.column };
  if (file) {
    const message = file.message(reason, { place: at, ruleId: "brand", source: "folio" });
    message.fatal = true;
    throw message;
  }
  if (place.file.endsWith("folio.yaml")) {
    const project = new VFile({ path: place.file });
    project.message(reason, { place: at, ruleId: "brand", source: "folio" }).fatal = true;
    throw new BrandError(project);
  }
  const message = new VFileMessage(reason, { place: at, ruleId: "brand", source: "folio" });
  message.file = place.file;
  message.fatal = true;
  throw message;
}
