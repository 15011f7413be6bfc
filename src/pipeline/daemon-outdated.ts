import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DaemonPlace, daemonFiles, daemonFlag } from "./daemon-place.ts";

// A daemon's record of the blob it started from (`ID.blob` beside its socket), and what a new
// daemon does with the others' on start: `make` rebuilds the blob after every change under src/,
// and each rebuild starts a daemon of a new identity (src/pipeline/daemon-place.ts), so without
// this the old ones would wait out their idle time, some hundreds of MB each.

/** The blob a daemon started from, as its `.blob` file records it: path, size and time. */
type BlobRecord = [path: string, size: number, mtimeMs: number];

/** Writes the record of `blob` for the daemon listening on `socket`. */
export function recordBlob(socket: string, blob: string): void {
  const stat = statSync(blob);
  const record: BlobRecord = [blob, stat.size, stat.mtimeMs];
  writeFileSync(daemonFiles(socket).blob, JSON.stringify(record));
}

/**
 * Stops the daemons in `dir` that started from an earlier version of `blob` (SIGTERM: each removes
 * its files), and removes the files of those no longer running (killed with SIGKILL, or a crash).
 * A process is taken for such a daemon only when its command line says so (/proc), so a process
 * id reused by another program is never signalled; without /proc nothing is done.
 */
export function stopOutdatedDaemons(dir: string, socket: string, blob: string): void {
  let current: { size: number; mtimeMs: number };
  try {
    statSync("/proc/self/cmdline");
    current = statSync(blob);
  } catch {
    return;
  }
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".blob")) continue;
    const other = daemonFiles(join(dir, `${name.slice(0, -".blob".length)}.sock`));
    if (other.socket === socket) continue;
    try {
      const [path, size, mtimeMs] = JSON.parse(readFileSync(other.blob, "utf8")) as BlobRecord;
      if (path !== blob) continue;
      const pid = Number(readFileSync(other.pid, "utf8"));
      const running = daemonAt(pid, other.socket);
      if (running && size === current.size && mtimeMs === current.mtimeMs) continue;
      if (running) process.kill(pid, "SIGTERM");
      else removeFiles(other);
    } catch {
      // Files being written or removed by their daemon: left to it.
    }
  }
}

/** Whether process `pid` is a build daemon listening on `socket`. */
function daemonAt(pid: number, socket: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return argv.includes(daemonFlag) && argv.includes(socket);
  } catch {
    return false;
  }
}

/** Removes a daemon's files, those still there. */
export function removeFiles(files: DaemonPlace): void {
  for (const path of Object.values(files)) rmSync(path, { force: true });
}
