import { folioRoot } from "./paths.ts";

/**
 * `require` for a package loaded only when first used, at run time: a native addon (resvg) or a
 * tool only `folio check` needs (pdf.js). The V8 startup snapshot (src/tools/snapshot.js) can hold no
 * such module, and its own `require` knows only Node's built-ins, so these go through a require
 * made when called, from Folio's folder.
 */
export function runtimeRequire<T = unknown>(id: string): T {
  const { createRequire } = process.getBuiltinModule("node:module");
  return createRequire(`${folioRoot}package.json`)(id) as T;
}
