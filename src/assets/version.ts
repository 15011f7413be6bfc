import { readFileSync } from "node:fs";
import { join } from "node:path";
import { folioRoot } from "./paths.ts";

let version: string | undefined;

/** Folio's version, from its package.json (recorded in colophons, document properties and manifests). */
export function folioVersion(): string {
  version ??= (JSON.parse(readFileSync(join(folioRoot, "package.json"), "utf8")) as { version: string })
    .version;
  return version;
}
