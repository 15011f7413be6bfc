import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { basename, dirname, join } from "node:path";

/** The file operations the writer needs; tests pass one that fails half-way. */
export interface WriteIo {
  mkdirSync: typeof fs.mkdirSync;
  writeFileSync: typeof fs.writeFileSync;
  renameSync: typeof fs.renameSync;
  rmSync: typeof fs.rmSync;
}

export interface PendingFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Writes several files as one step: every file first goes to a temporary file beside its target;
 * only when all are fully written are they renamed over their targets. A failure while writing
 * (disk full, permissions, a crash half-way) removes the temporaries and changes nothing.
 */
export function writeFilesAtomic(files: readonly PendingFile[], io: WriteIo = fs): void {
  const temps: Array<{ temp: string; path: string }> = [];
  try {
    for (const { path, bytes } of files) {
      io.mkdirSync(dirname(path), { recursive: true });
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
      temps.push({ temp, path });
      io.writeFileSync(temp, bytes, { flag: "wx" });
    }
  } catch (error) {
    for (const { temp } of temps) io.rmSync(temp, { force: true });
    throw error;
  }
  // Renames within one folder are atomic; they only fail if the folder itself went away.
  for (const { temp, path } of temps) io.renameSync(temp, path);
}

/** Writes one file atomically (see `writeFilesAtomic`). */
export function writeAtomic(path: string, bytes: Uint8Array, io: WriteIo = fs): void {
  writeFilesAtomic([{ path, bytes }], io);
}
