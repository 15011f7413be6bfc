import { readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { parse as parseYaml } from "yaml";

/** A chapter path of a book's front matter, checked: where it is, or why it cannot be a chapter. */
export type ChapterLocation =
  | {
      /** As the build names sources: the book's path joined with the chapter's (`source/mali-2021.md`). */
      path: string;
      /** The file's real path: the same file named two ways is one chapter. */
      real: string;
      /** Base name without extension: the chapter's ids prefix and web page name. */
      name: string;
      /** Its folder relative to the book's, POSIX (`""` beside the book). */
      folder: string;
    }
  | { problem: string };

/**
 * Checks one chapter path of the book at `bookPath`, as written in its front matter: relative, inside
 * the book's folder (no `..` out of it, no symbolic link out of it), an existing file. Like images,
 * a book reads nothing outside its folder.
 */
export function locateChapter(bookPath: string, written: string): ChapterLocation {
  const folder = dirname(bookPath);
  if (/^[a-z][a-z0-9+.-]*:/i.test(written) && !/^[a-z]:[\\/]/i.test(written))
    return {
      problem: `Chapter \`${written}\` is not a local file: a chapter is a Markdown file beside the book`,
    };
  if (isAbsolute(written) || /^[a-z]:[\\/]/i.test(written))
    return {
      problem: `Chapter \`${written}\` is an absolute path: a chapter's path is relative to the book's folder`,
    };
  const wanted = resolve(folder, written);
  const inside = relative(resolve(folder), wanted);
  if (inside === "") return { problem: `Chapter \`${written}\` is the book's folder, not a file` };
  if (inside.startsWith("..") || isAbsolute(inside))
    return { problem: `Chapter \`${written}\` is outside the book's folder (${folder}): refused` };
  let real: string;
  let root: string;
  try {
    root = realpathSync(folder);
    real = realpathSync(wanted);
  } catch {
    return { problem: `Chapter \`${written}\` not found (looked for ${join(folder, written)})` };
  }
  if (!real.startsWith(root + sep))
    return {
      problem: `Chapter \`${written}\` resolves outside the book's folder (a symbolic link): refused`,
    };
  if (!statSync(real).isFile()) return { problem: `Chapter \`${written}\` is not a file` };
  const within = posix.dirname(inside.split(sep).join("/"));
  return {
    path: join(folder, written),
    real,
    name: basename(written, extname(written)),
    folder: within === "." ? "" : within,
  };
}

/** The real path of a source, the key a build caches its model under (the path itself when it does not exist). */
export function sourceKey(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * The chapters a source names when it is a book, read from its front matter alone (no Markdown
 * parse, no check): for a build to plan which models to keep for later sources. Undefined for a
 * report, an unreadable file or a front matter that does not parse (the load reports those).
 */
export function bookChapterPaths(path: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const block = /^(?:\uFEFF)?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!block) return undefined;
  let data: unknown;
  try {
    data = parseYaml(block[1] as string);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== "object") return undefined;
  const { chapters, parts } = data as { chapters?: unknown; parts?: unknown };
  const listed = [
    ...(Array.isArray(chapters) ? chapters : []),
    ...(Array.isArray(parts)
      ? parts.flatMap((part) => {
          const inner = (part as { chapters?: unknown } | null)?.chapters;
          return Array.isArray(inner) ? inner : [];
        })
      : []),
  ];
  if (!Array.isArray(chapters) && !Array.isArray(parts)) return undefined;
  return listed.filter((p): p is string => typeof p === "string").map((p) => join(dirname(path), p));
}
