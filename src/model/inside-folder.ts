import { sep } from "node:path";

/**
 * Whether the real path `path` is `folder` or inside it: the one rule for every file a source
 * names (images, bibliographies, styles), compared on real paths so a symbolic link cannot climb out.
 */
export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
