import { readFileSync, realpathSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";

/**
 * Whether the real path `path` is `folder` or inside it: the one rule for every file a source
 * names (images, bibliographies, styles), compared on real paths so a symbolic link cannot climb out.
 */
export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * A file's text when it is a regular file of at most `maxBytes`; else undefined, and the caller
 * says why. Only a regular file is read: a FIFO would block the build and a device such as
 * /dev/zero would fill the memory.
 */
export function regularFileText(path: string, maxBytes = Number.POSITIVE_INFINITY): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= maxBytes ? readFileSync(path, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

/** A URL (`https:`, `file:`, `data:` …): a file a source names is read beside it, never fetched. */
const urlScheme = /^[a-z][a-z0-9+.-]*:/i;

/** Why a file a source names was not read: each caller words it for its kind of file. */
export type BesideProblem = {
  kind: "url" | "missing" | "outside" | "unreadable" | "not-file" | "too-big";
  problem: string;
  size?: number;
};

/**
 * The file `name` that a source names, checked by the images' rule: inside the source's folder
 * `baseDir` (on real paths, so no symbolic link out), a regular file, at most `maxBytes`, never a
 * URL. Its real path and size, or why not, as the end of a sentence that starts with its name.
 */
export function fileBesideSource(
  name: string,
  baseDir: string,
  maxBytes: number,
): { wanted: string; real: string; size: number } | BesideProblem {
  if (urlScheme.test(name) && !/^[a-z]:[\\/]/i.test(name))
    return { kind: "url", problem: "is a URL: Folio reads it beside the source and fetches nothing" };
  const wanted = resolve(baseDir, name);
  let real: string;
  let folder: string;
  try {
    folder = realpathSync(baseDir);
    real = realpathSync(wanted);
  } catch {
    return { kind: "missing", problem: "does not exist" };
  }
  if (!isInside(real, folder))
    return { kind: "outside", problem: "resolves outside the source folder: refused" };
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(real);
  } catch (error) {
    return {
      kind: "unreadable",
      problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    };
  }
  if (!stat.isFile())
    return { kind: "not-file", problem: "is not a regular file (a folder, a FIFO or a device): not read" };
  if (stat.size > maxBytes)
    return {
      kind: "too-big",
      size: stat.size,
      problem: `is ${(stat.size / 1e6).toFixed(1)} MB: over the ${maxBytes / 1e6} MB limit`,
    };
  return { wanted, real, size: stat.size };
}

/** The text of the file `name` that a source's front matter names (a bibliography, a citation style), by {@link fileBesideSource}'s rule. */
export function readBesideSource(
  name: string,
  baseDir: string,
  maxBytes: number,
): { path: string; text: string } | { problem: string } {
  const file = fileBesideSource(name, baseDir, maxBytes);
  if ("problem" in file) return file;
  const text = regularFileText(file.real, maxBytes);
  return text === undefined ? { problem: "cannot be read" } : { path: file.wanted, text };
}
