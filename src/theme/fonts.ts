import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Theme } from "./theme.ts";

export type FontRole = keyof Theme["fonts"];
export type FontWeight = 400 | 600 | 700;
export type FontStyle = "normal" | "italic";

const require = createRequire(import.meta.url);
const cache = new Map<string, Uint8Array>();

/**
 * Path of a font face shipped through npm (a `@fontsource/*` package named in the theme):
 * fonts never come from the system or the network.
 */
export function fontPath(
  theme: Theme,
  role: FontRole,
  weight: FontWeight,
  style: FontStyle,
  ext: "woff2" | "woff",
  subset = "latin",
): string {
  const font = theme.fonts[role];
  if (!font.package) throw new Error(`theme font \`${role}\` names no npm package`);
  const root = dirname(require.resolve(`${font.package}/package.json`));
  const base = font.package.split("/")[1] ?? font.package;
  return join(root, "files", `${base}-${subset}-${weight}-${style}.${ext}`);
}

/** Bytes of a font face, read once per process. */
export function fontBytes(...args: Parameters<typeof fontPath>): Uint8Array {
  const path = fontPath(...args);
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path));
    cache.set(path, bytes);
  }
  return bytes;
}

const dataUrls = new Map<string, string>();

/** A woff2 face as a `data:` URL, encoded once per process (a page inlines the same faces every build). */
export function fontDataUrl(theme: Theme, role: FontRole, weight: FontWeight, style: FontStyle): string {
  const path = fontPath(theme, role, weight, style, "woff2");
  let url = dataUrls.get(path);
  if (!url) {
    url = `data:font/woff2;base64,${Buffer.from(fontBytes(theme, role, weight, style, "woff2")).toString("base64")}`;
    dataUrls.set(path, url);
  }
  return url;
}
