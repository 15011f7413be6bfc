import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

// Where the build daemon (src/pipeline/daemon.ts) of one startup snapshot listens, and how the two
// sides frame their messages. Shared by the daemon and by the build's pool process, which starts
// it and hands it tasks (src/pipeline/daemon-client.ts).

/** The argument that makes a process started from the snapshot serve as the build daemon. */
export const daemonFlag = "--folio-daemon";

/**
 * A daemon's files, all named after its socket: the socket, its process id, its log (V8's and
 * Node's own messages) and the record of the blob it started from (daemon-outdated.ts).
 */
export interface DaemonPlace {
  socket: string;
  pid: string;
  log: string;
  blob: string;
}

/** The files of the daemon listening on `socket` (`ID.sock`). */
export function daemonFiles(socket: string): DaemonPlace {
  const base = socket.replace(/\.sock$/, "");
  return { socket, pid: `${base}.pid`, log: `${base}.log`, blob: `${base}.blob` };
}

/**
 * Longest socket path Linux accepts is 107 bytes; a repository checked out deeper than that gets
 * no daemon (its builds start their workers as before) rather than a socket elsewhere: nothing
 * Folio runs reads or writes outside the repository.
 */
const longestSocketPath = 100;

/**
 * What a daemon's results may depend on besides the task it is given: the blob it starts from (its
 * file, size and time), the Node.js that runs it, its heap cap, the time zone and locale it reads
 * at start, and every FOLIO_ setting (the templates folder is read once per process). A build whose
 * environment differs in any of them uses, or starts, another daemon. FOLIO_TIMINGS and FOLIO_DEBUG
 * only print and are set per task.
 */
export function daemonIdentity(blob: string, heapMb: number): string {
  const stat = statSync(blob);
  const env = process.env;
  const settings = Object.keys(env)
    .filter((key) => /^(FOLIO_|LC_|LANG$|LANGUAGE$|TZ$)/.test(key))
    .filter((key) => key !== "FOLIO_TIMINGS" && key !== "FOLIO_DEBUG")
    .sort()
    .map((key) => `${key}=${env[key]}`);
  return createHash("sha256")
    .update(
      JSON.stringify([blob, stat.size, stat.mtimeMs, process.execPath, process.version, heapMb, settings]),
    )
    .digest("hex")
    .slice(0, 16);
}

/** The daemon's files for a blob and heap cap, beside the blob; undefined when the path is too long. */
export function daemonPlace(blob: string, heapMb: number): DaemonPlace | undefined {
  // Absolute: the daemon works in each build's folder in turn.
  const base = join(dirname(resolve(blob)), "daemon", daemonIdentity(resolve(blob), heapMb));
  if (Buffer.byteLength(`${base}.sock`) > longestSocketPath) return undefined;
  return daemonFiles(`${base}.sock`);
}

/** One message as it crosses the socket: its length (4 bytes) and V8's serialisation of it. */
export function frame(message: unknown): Buffer {
  const { serialize } = process.getBuiltinModule("node:v8");
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Calls `take` with each whole message read from a stream of frames, in order. */
export function unframe(take: (message: unknown) => void): (chunk: Buffer) => void {
  const { deserialize } = process.getBuiltinModule("node:v8");
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break;
      const body = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      take(deserialize(body));
    }
  };
}
