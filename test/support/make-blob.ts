import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The blob `make` built (src/tools/bundle.js runs src/tools/snapshot.js) when `src/bin/folio` would start
 * from it: made by this Node.js, newer than every file of src/ and the lock file.
 */
export function freshMakeBlob(): string | undefined {
  const made = resolve("node_modules/.cache/folio/folio.blob");
  if (!existsSync(made) || !existsSync(`${made}.node`)) return undefined;
  if (readFileSync(`${made}.node`, "utf8").split("\n")[0] !== process.execPath) return undefined;
  const time = statSync(made).mtimeMs;
  const newer = (path: string): boolean =>
    statSync(path).isDirectory()
      ? readdirSync(path).some((name) => newer(join(path, name)))
      : statSync(path).mtimeMs > time;
  return ["src", "package-lock.json"].some(newer) ? undefined : made;
}
