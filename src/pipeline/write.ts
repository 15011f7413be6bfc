import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { basename, dirname, join, relative } from "node:path";

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

/** The journal of the change being swapped in: present only between its first and its last rename. */
export const journalName = ".folio-journal.json";

/** A temporary file of this writer (`.NAME.<12 hex>.tmp`), whoever left it. */
const temporaryName = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** What the journal holds: each staged file and its target, relative to the output folder. */
interface Journal {
  renames: Array<[temporary: string, target: string]>;
}

/**
 * Test hook, not a setting: FOLIO_TEST_KILL_AFTER_RENAME=N kills this process (SIGKILL) right
 * after the N-th rename of a change, so a test can stop a build between two renames.
 */
const killAfterRename = () => Number(process.env.FOLIO_TEST_KILL_AFTER_RENAME) || 0;

/**
 * Writes several files of `outDir` as one change, all or nothing, even if the process is killed:
 * every file is first staged in full as a temporary beside its target; then a journal naming
 * every staged file is put in place (one rename), the staged files are renamed over their
 * targets, and the journal removed. A failure before the journal (disk full, a folder where a
 * file goes) removes what was staged and changes nothing; a process killed after it leaves the
 * journal, and `recoverOutput` (the next build) completes the renames. Callers hold the folder's
 * lock (`withOutputLock`), so no other build stages or recovers at the same time.
 */
export function commitFiles(outDir: string, files: readonly PendingFile[], io: WriteIo = fs): void {
  const staged: Array<{ temp: string; path: string }> = [];
  const made: string[] = [];
  // The artifact being written: a write's own error (ENOSPC, EFBIG from a file descriptor) names no path.
  let writing = outDir;
  try {
    for (const { path } of files) refuseNonFile(path);
    for (const { path, bytes } of files) {
      writing = path;
      const created = io.mkdirSync(dirname(path), { recursive: true });
      if (created) made.push(created);
      const temp = temporaryBeside(path);
      staged.push({ temp, path });
      io.writeFileSync(temp, bytes, { flag: "wx" });
    }
    const journal: Journal = {
      renames: staged.map(({ temp, path }) => [relative(outDir, temp), relative(outDir, path)]),
    };
    writing = join(outDir, journalName);
    const journalTemp = temporaryBeside(join(outDir, journalName));
    staged.push({ temp: journalTemp, path: "" });
    io.writeFileSync(journalTemp, `${JSON.stringify(journal)}\n`, { flag: "wx" });
    io.renameSync(journalTemp, join(outDir, journalName));
  } catch (error) {
    for (const { temp } of staged) io.rmSync(temp, { force: true });
    // Folders made for this change only (a book's chapter folder) go too, when still empty.
    for (const dir of made.reverse()) rmEmptyFolder(dir);
    throw namingPath(error, writing);
  }
  // The change is decided: from here a failure or a kill is completed by the next build.
  let renamed = 0;
  for (const { temp, path } of staged) {
    if (!path) continue;
    io.renameSync(temp, path);
    if (++renamed === killAfterRename()) process.kill(process.pid, "SIGKILL");
  }
  io.rmSync(join(outDir, journalName), { force: true });
}

/**
 * Brings `outDir` back to a state some build intended: completes the change of a build killed
 * between its renames (from its journal) and removes temporaries left by one killed while
 * staging. Returns whether anything was repaired. The caller holds the folder's lock.
 */
export function recoverOutput(outDir: string, io: WriteIo = fs): boolean {
  let repaired = false;
  const journalPath = join(outDir, journalName);
  let journal: Journal | undefined;
  try {
    journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as Journal;
  } catch {
    // No journal: nothing was half swapped in (a journal is put in place by one rename, whole).
  }
  if (journal) {
    for (const [temp, target] of journal.renames) {
      // A staged file still there was not renamed yet; one gone was.
      if (fs.existsSync(join(outDir, temp))) io.renameSync(join(outDir, temp), join(outDir, target));
    }
    io.rmSync(journalPath, { force: true });
    repaired = true;
  }
  for (const stray of strayTemporaries(outDir)) {
    io.rmSync(stray, { force: true });
    repaired = true;
  }
  return repaired;
}

/** Whether `outDir` holds a journal or temporaries that `recoverOutput` would deal with. */
export function needsRecovery(outDir: string): boolean {
  return fs.existsSync(join(outDir, journalName)) || strayTemporaries(outDir).length > 0;
}

/** This writer's temporaries in `outDir` and in its folders one level down (a book's chapters). */
function strayTemporaries(outDir: string): string[] {
  const found: string[] = [];
  const scan = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isFile() && temporaryName.test(entry.name)) found.push(join(dir, entry.name));
      else if (entry.isDirectory() && depth > 0) scan(join(dir, entry.name), depth - 1);
    }
  };
  scan(outDir, 1);
  return found;
}

function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** A folder (or anything but a file) where a file goes would fail its rename: refused before any write. */
function refuseNonFile(path: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(path);
  } catch {
    return;
  }
  if (stat.isFile() || stat.isSymbolicLink()) return;
  const code = stat.isDirectory() ? "EISDIR" : "EEXIST";
  const what = stat.isDirectory() ? "a folder" : "not a regular file";
  throw Object.assign(new Error(`${code}: ${path} is ${what}`), { code: `${code}: it is ${what}`, path });
}

/** A system error that names no file (a write on a descriptor) named after the file being written. */
function namingPath(error: unknown, path: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e === "object" && e.code && !e.path) e.path = path;
  return error;
}

function rmEmptyFolder(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (or already gone): left as it is.
  }
}
