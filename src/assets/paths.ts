import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Folio's own install folder (where `templates/` and `package.json` live), not the user's cwd. */
export const folioRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Folio's templates; `FOLIO_TEMPLATES=DIR` replaces them with a copy (to try a change to a
 * template, or to test how a broken template is reported). Read when called, not at import.
 */
export function templatesDir(): string {
  const override = process.env.FOLIO_TEMPLATES;
  return override ? resolve(override) : fileURLToPath(new URL("../../templates/", import.meta.url));
}

/** A file's path for messages: relative to Folio's folder, or absolute when outside it. */
export function displayPath(file: string): string {
  const path = relative(folioRoot, file);
  return path && !path.startsWith("..") ? path.replace(/\\/g, "/") : file;
}
