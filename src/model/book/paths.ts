import { readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { VFileMessage } from "vfile-message";
import { type ParsedYaml, parsedYaml } from "../front-matter-yaml.ts";
import { maxSourceBytes } from "../limits.ts";

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
  const written = writtenChapters(path);
  if (!written) return undefined;
  // Only chapters inside the book's folder: nothing outside it is planned for, read or hashed.
  return written
    .filter((chapter) => !("problem" in locateChapter(path, chapter.path)))
    .map((chapter) => join(dirname(path), chapter.path));
}

/**
 * Each chapter path of the book at `path` that cannot be a chapter (outside the book's folder, a
 * symbolic link out of it, missing, not a file), as an error at its line in the front matter.
 */
export function chapterPathErrors(path: string): VFileMessage[] {
  return (writtenChapters(path) ?? []).flatMap((chapter) => {
    const located = locateChapter(path, chapter.path);
    if (!("problem" in located)) return [];
    const message = new VFileMessage(located.problem, {
      place: chapter.place,
      ruleId: "book-chapter",
      source: "folio",
    });
    message.file = path;
    message.fatal = true;
    return [message];
  });
}

/** The chapter paths a book's front matter writes, each with its place; undefined for a report. */
function writtenChapters(
  path: string,
): Array<{ path: string; place: { line: number; column: number } | undefined }> | undefined {
  let text: string;
  try {
    // Only a regular file within the size limit: a FIFO blocks, /dev/zero never ends (the
    // source's own load reports either, at its place).
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > maxSourceBytes) return undefined;
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const block = /^(\uFEFF?---\r?\n)([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!block) return undefined;
  const start = (block[1] as string).length;
  let document: ParsedYaml["doc"];
  try {
    // Without the parser's duplicate-key check, quadratic in the keys (40,000 keys: 40 s).
    document = parsedYaml(block[2] as string).doc;
  } catch {
    return undefined;
  }
  if (document.errors.length > 0) return undefined;
  let data: unknown;
  try {
    // An alias bomb throws here; the source's own load reports it at its line.
    data = document.toJS();
  } catch {
    return undefined;
  }
  if (!data || typeof data !== "object") return undefined;
  const { chapters, parts } = data as { chapters?: unknown; parts?: unknown };
  if (!Array.isArray(chapters) && !Array.isArray(parts)) return undefined;
  const entries: Array<Array<string | number>> = [
    ...(Array.isArray(chapters) ? chapters.map((_, i) => ["chapters", i]) : []),
    ...(Array.isArray(parts)
      ? parts.flatMap((part, p) => {
          const inner = (part as { chapters?: unknown } | null)?.chapters;
          return Array.isArray(inner) ? inner.map((_, i) => ["parts", p, "chapters", i]) : [];
        })
      : []),
  ];
  return entries.flatMap((keys) => {
    const value = document.getIn(keys);
    if (typeof value !== "string") return [];
    const node = document.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range ? start + node.range[0] : undefined;
    return [{ path: value, place: offset === undefined ? undefined : placeOf(text, offset) }];
  });
}

/** Line and column (both from 1) of a character offset in `text`. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
