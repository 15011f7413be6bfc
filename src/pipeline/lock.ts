import * as fs from "node:fs";
import { join } from "node:path";

/** The lock file of an output folder: held by one build at a time while it changes the folder. */
export const lockName = ".folio.lock";

/** How long a build waits for another to release the folder before it gives up. */
const patienceMs = 120_000;

/**
 * Runs `change` holding `outDir`'s lock (a file made with O_EXCL holding this process's id), so
 * two builds into one folder never read and write `manifest.json` or swap files at the same time:
 * each merges its entries into what the other wrote. A lock whose process is gone (killed) is
 * taken over. Creates `outDir` when missing.
 */
export function withOutputLock<T>(outDir: string, change: () => T): T {
  fs.mkdirSync(outDir, { recursive: true });
  const path = join(outDir, lockName);
  const started = Date.now();
  let pause = 2;
  for (;;) {
    try {
      fs.writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = lockHolder(path);
    // Its holder killed (or, its id reused since, a lock older than any change takes): nobody
    // will release it. Removed, then raced for like a free one.
    if (holder === undefined ? isOlderThan(path, 5_000) : !isAlive(holder) || isOlderThan(path, patienceMs)) {
      // Still the one judged stale (another build may have taken it over meanwhile).
      if (lockHolder(path) === holder) fs.rmSync(path, { force: true });
      continue;
    }
    if (Date.now() - started > patienceMs)
      throw Object.assign(new Error(`${path} is held by process ${holder}`), {
        code: `locked by process ${holder ?? "unknown"} for ${patienceMs / 1000} s`,
        path,
      });
    sleep(pause);
    pause = Math.min(pause * 2, 50);
  }
  try {
    return change();
  } finally {
    fs.rmSync(path, { force: true });
  }
}

/** The process id written in a lock file (undefined while its holder is still writing it). */
function lockHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a file was last changed more than `ms` ago (a lock left empty by a process killed as it made it). */
function isOlderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Blocks this thread for `ms` (the writes under the lock are synchronous; so is waiting for it). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
