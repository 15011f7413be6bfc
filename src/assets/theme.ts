import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { type Theme, themeSchema } from "../theme/theme.ts";
import { AssetError } from "./errors.ts";
import { KeptByKey } from "./kept.ts";
import { displayPath } from "./paths.ts";

/** Where a theme field sits in theme.json, for messages. */
export interface ThemeFile {
  theme: Theme;
  /** `templates/theme.json`, as messages name it. */
  path: string;
  /** Whether the file itself sets a field (not a default). */
  sets(path: readonly (string | number)[]): boolean;
  /** Line and column of a field by its path (`["fonts", "body", "family"]`), or of its nearest parent. */
  placeOf(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/**
 * Themes read before, by their path and text: a process reads the theme for every build (a pool
 * worker, each rebuild of `folio watch`), and the startup snapshot holds its training build's, so
 * an unchanged theme.json is not parsed and validated again (about 20 ms of CPU in a cold worker).
 * A theme that fails is never kept: it fails again, at its line.
 */
const readThemes = new KeptByKey<ThemeFile>(16);

/** Reads and validates `DIR/theme.json`; a bad field is an AssetError at its line. */
export function loadTheme(dir: string): ThemeFile {
  const file = join(dir, "theme.json");
  const path = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new AssetError(
      path,
      undefined,
      undefined,
      `Cannot read the theme (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  return readThemes.get(`${path}\n${text}`, () => parseTheme(path, text));
}

/** The theme file's text parsed and validated; a bad field is an AssetError at its line. */
function parseTheme(path: string, text: string): ThemeFile {
  // JSON is YAML: the yaml parser gives every node its place in the file.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const place = at(syntax.pos[0]);
    throw new AssetError(path, place.line, place.column, `Not valid JSON: ${syntax.message.split("\n")[0]}`);
  }
  const placeOf = (fieldPath: readonly (string | number)[]) => {
    for (let n = fieldPath.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(fieldPath.slice(0, n), true)) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) return at(node.range[0]);
    }
    return undefined;
  };
  const parsed = themeSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const fieldPath = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
    const place = placeOf(fieldPath);
    throw new AssetError(
      path,
      place?.line,
      place?.column,
      `Theme field \`${fieldPath.join(".")}\`: ${issue?.message ?? "invalid"}`,
    );
  }
  const sets = (fieldPath: readonly (string | number)[]) => doc.hasIn(fieldPath);
  return { theme: parsed.data, path, placeOf, sets };
}
