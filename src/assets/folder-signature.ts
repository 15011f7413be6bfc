import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Every file under a folder with its size and time: what is loaded from the folder once per process
 * (a brand, Folio's templates in the build daemon) is read again when this changes.
 */
export function folderSignature(dir: string): string {
  const parts: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        parts.push(`${path}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return parts.sort().join("\n");
}
