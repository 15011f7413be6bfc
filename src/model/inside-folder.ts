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

/**
 * The text of the file `name` that a source's front matter names (a bibliography, a citation
 * style), read by the images' rule: inside the source's folder `baseDir` (on real paths, so no
 * symbolic link out), a regular file, at most `maxBytes`, never a URL. Else why not, as the end of
 * a sentence that starts with the file's name.
 */
export function readBesideSource(
  name: string,
  baseDir: string,
  maxBytes: number,
): { path: string; text: string } | { problem: string } {
  if (urlScheme.test(name) && !/^[a-z]:[\\/]/i.test(name))
    return { problem: "is a URL: Folio reads it beside the source and fetches nothing" };
  const wanted = resolve(baseDir, name);
  let real: string;
  let folder: string;
  try {
    folder = realpathSync(baseDir);
    real = realpathSync(wanted);
  } catch {
    return { problem: "does not exist" };
  }
  if (!isInside(real, folder)) return { problem: "resolves outside the source folder: refused" };
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(real);
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (!stat.isFile()) return { problem: "is not a regular file (a folder, a FIFO or a device): not read" };
  if (stat.size > maxBytes)
    return {
      problem: `is ${(stat.size / 1e6).toFixed(1)} MB: over the ${maxBytes / 1e6} MB limit`,
    };
  const text = regularFileText(real, maxBytes);
  return text === undefined ? { problem: "cannot be read" } : { path: wanted, text };
}
