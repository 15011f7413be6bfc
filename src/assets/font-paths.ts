import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const written = new WeakMap<Uint8Array, string>();

/**
 * A file holding these font bytes (TrueType/OpenType), for a library that loads fonts by path only
 * (resvg-js's native build has no font buffers): written once per content, named by its checksum,
 * so the same face is the same file whatever the machine's own fonts are.
 */
export function fontFilePath(bytes: Uint8Array): string {
  const known = written.get(bytes);
  if (known) return known;
  const folder = join(tmpdir(), "folio-fonts");
  const path = join(folder, `${createHash("sha256").update(bytes).digest("hex")}.ttf`);
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    // Written beside and renamed: a build running at the same time never reads half a face.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  }
  written.set(bytes, path);
  return path;
}
