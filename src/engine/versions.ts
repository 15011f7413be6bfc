import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Folio reaches into the internals of the packages below (see src/engine/README.md). Each
// adaptation was written against one exact version; another version may have moved the code it
// replaces, and would give a silently wrong PDF or parse. So the copy each package actually loads
// (pdfkit as pdfmake resolves it, fontkit as pdfkit does …) is checked before any is installed.

/** A package whose internals Folio adapts, the copy that counts, and the version it was written for. */
export interface EngineDependency {
  name: string;
  /** Packages to resolve through, outermost first: pdfkit is the one pdfmake loads. */
  via: readonly string[];
  version: string;
  /** What Folio adapts in it (for the message). */
  adapts: string;
}

/** Every package Folio adapts, at the exact version its adaptation was written for. */
export const engineDependencies: readonly EngineDependency[] = [
  {
    name: "pdfmake",
    via: [],
    version: "0.3.11",
    adapts: "layout windows, measure cache, kept lines, unbreakable positions, printer, tagged drawing",
  },
  {
    name: "pdfkit",
    via: ["pdfmake"],
    version: "0.19.1",
    adapts: "font parse and shaping caches, structure tree, XMP escaping",
  },
  { name: "fontkit", via: ["pdfmake", "pdfkit"], version: "2.0.4", adapts: "glyph cache replay" },
  {
    name: "docx",
    via: [],
    version: "9.15.2",
    adapts: "its package compiler, the contents' tab stops, faces its layout cannot read, its layout's memos",
  },
  {
    name: "micromark-util-edit-map",
    via: ["remark-parse", "mdast-util-from-markdown", "micromark"],
    version: "1.0.0",
    adapts: "EditMap.consume",
  },
];

/** The pinned packages of these names (one layer's: the parser's, the PDF's, docx'). */
export function pinnedDependencies(...names: string[]): EngineDependency[] {
  return engineDependencies.filter((dependency) => names.includes(dependency.name));
}

/** An installed package is not the version Folio's adaptation of it was written for. */
export class EngineVersionError extends Error {
  constructor(
    readonly dependency: EngineDependency,
    readonly installed: string,
  ) {
    super(
      `Folio adapts ${dependency.name} (${dependency.adapts}) as written for ${dependency.name} ${dependency.version}, but ${dependency.name} ${installed} is installed. Install the pinned version (npm ci), or port src/engine to ${installed} and change its pin in src/engine/versions.ts.`,
    );
    this.name = "EngineVersionError";
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The folder of package `name` as Node resolves it from `fromDir`: the nearest
 * `node_modules/NAME` up the tree (read directly: some packages do not export their package.json).
 */
function packageFolder(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir)
      throw new Error(`${name} is not installed (looked up from ${fromDir}): run npm ci`);
  }
}

/** The folder of the copy of `name` that the chain `via` loads. */
export function installedFolder(dependency: Pick<EngineDependency, "name" | "via">): string {
  let from = root;
  for (const pkg of dependency.via) from = packageFolder(pkg, from);
  return packageFolder(dependency.name, from);
}

/** The version of `name` as the chain of packages `via` loads it. */
export function installedVersion(dependency: Pick<EngineDependency, "name" | "via">): string {
  const folder = installedFolder(dependency);
  return (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * Throws an {@link EngineVersionError} for the first dependency whose loaded copy is not the
 * pinned version. `expected` replaces the pins (a test shows the check can fail).
 */
export function checkEngineVersions(expected: readonly EngineDependency[] = engineDependencies): void {
  for (const dependency of expected) {
    const installed = installedVersion(dependency);
    if (installed !== dependency.version) throw new EngineVersionError(dependency, installed);
  }
}
