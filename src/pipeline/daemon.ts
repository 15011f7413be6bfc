import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import { dirname } from "node:path";
import { folderSignature } from "../assets/folder-signature.ts";
import { templatesDir } from "../assets/paths.ts";
import type { Assets } from "../assets/types.ts";
import type { BuildRequest } from "./build.ts";
import { recordBlob, removeFiles, stopOutdatedDaemons } from "./daemon-outdated.ts";
import { daemonFiles, frame, unframe } from "./daemon-place.ts";
import { ownSnapshotBlob } from "./own-snapshot.ts";
import type { JobResult } from "./pool-types.ts";
import { killForTest, lazyAssets, renderJobs } from "./pool-worker.ts";
import { startTaskClock } from "./task-clock.ts";

// The build daemon: a pool worker (src/pipeline/pool-worker.ts) that outlives the build that
// started it. `folio build` starts it on first use, from the startup snapshot, and later builds
// hand it their tasks over a Unix socket instead of starting a worker process each: a warm process
// renders a report in a fraction of a cold one's time (docs/performance.md, "The build daemon").
// It serves one build at a time (another is told it is busy and starts its own worker), renders
// in memory exactly as a worker does (the build's process writes), and stops when idle.

/** A task as a build sends it: the sources and options, with the build's folder and environment. */
export interface DaemonTask {
  cwd: string;
  env: Record<string, string | undefined>;
  paths: string[];
  options: BuildRequest;
}

/** What the daemon answers: its greeting, a task's results, or why it could not run the task. */
export type DaemonAnswer =
  | { ready: true; pid: number }
  | { busy: true }
  | { jobs: JobResult[]; lines: string[] }
  | { error: string };

/** Minutes a daemon waits for a build before it stops (FOLIO_DAEMON_IDLE_S sets it in seconds). */
const idleMinutes = 10;

/**
 * Resident size after which a daemon stops once its build is done, in MB (the next build starts a
 * fresh one). A worker's live heap levels off near 200 MB over many reports, but its resident
 * size grows to 550 MB (V8's committed heap, code, malloc's arenas: docs/performance.md).
 */
const retireAboveMb = 600;

/** Serves builds on `socketPath` until idle; the process that started it waits for "ready". */
export function runDaemon(socketPath: string): void {
  const { createServer, createConnection } = process.getBuiltinModule("node:net");
  const assets = templatesWatched();
  const blob = ownSnapshotBlob();
  const idleMs = (Number(process.env.FOLIO_DAEMON_IDLE_S) || idleMinutes * 60) * 1000;
  const files = daemonFiles(socketPath);
  let active: Socket | undefined;
  let retiring = false;
  let idle: NodeJS.Timeout | undefined;

  const stop = () => {
    server.close();
    // Its files only while they are still its own: a daemon started after it may have taken the name.
    if (readText(files.pid) === String(process.pid)) removeFiles(files);
    process.exit(0);
  };
  const waitIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, idleMs);
  };
  // Stops after a build when it has grown large. (A rebuilt blob gives builds a daemon of another
  // identity, which stops this one as it starts: daemon-outdated.ts.)
  const shouldRetire = () => process.memoryUsage().rss > retireAboveMb * 1_048_576;

  const server = createServer((socket) => {
    socket.on("error", () => socket.destroy());
    if (active || retiring) {
      socket.end(frame({ busy: true } satisfies DaemonAnswer));
      return;
    }
    active = socket;
    clearTimeout(idle);
    socket.write(frame({ ready: true, pid: process.pid } satisfies DaemonAnswer));
    // One task at a time: the build sends the next only after this one's answer.
    let queue = Promise.resolve();
    socket.on(
      "data",
      unframe((task) => {
        queue = queue.then(async () => {
          const answer = await serve(task as DaemonTask, assets);
          if (!socket.destroyed) socket.write(frame(answer));
          if (shouldRetire()) retiring = true;
        });
      }),
    );
    socket.on("close", () => {
      void queue.then(() => {
        active = undefined;
        if (retiring) stop();
        else waitIdle();
      });
    });
  });

  const listen = (again: boolean) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE" || !again) process.exit(1);
      // A socket by that name: another daemon's (it serves; this one leaves) or a dead one's.
      const probe = createConnection(socketPath);
      probe.once("connect", () => {
        probe.destroy();
        process.exit(0);
      });
      probe.once("error", () => {
        rmSync(socketPath, { force: true });
        listen(false);
      });
    });
    server.listen(socketPath);
  };
  // Once, though it may listen twice: a failed listen's callback would still be called on success.
  server.once("listening", () => {
    writeFileSync(files.pid, String(process.pid));
    if (blob) {
      recordBlob(socketPath, blob);
      stopOutdatedDaemons(dirname(socketPath), socketPath, blob);
    }
    waitIdle();
    // The build that started it waits for this; after it, the daemon is on its own.
    if (process.connected) process.send?.("ready", () => process.disconnect());
  });
  // Stopped by hand (`kill PID`): as when idle, its files removed.
  process.once("SIGTERM", stop);
  mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
  listen(true);
}

/**
 * Renders one task as a worker would, in the build's folder and environment (the sources' paths,
 * the messages' and the settings read per report are the build's own). What the render writes to
 * stderr is captured: Folio's lines (`folio: timings: …`) go back to the build to print.
 */
async function serve(task: DaemonTask, assets: () => Assets): Promise<DaemonAnswer> {
  const lines: string[] = [];
  const stderrWrite = process.stderr.write;
  try {
    process.chdir(task.cwd);
    replaceEnvironment(task.env);
    startTaskClock("daemon");
    killForTest(task.paths, "FOLIO_TEST_KILL_DAEMON");
    process.stderr.write = ((chunk: string | Uint8Array) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      if (text.startsWith("folio: ")) lines.push(text);
      else stderrWrite.call(process.stderr, chunk);
      return true;
    }) as typeof process.stderr.write;
    const jobs = await renderJobs(task.paths, task.options, assets);
    return { jobs, lines };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    process.stderr.write = stderrWrite;
  }
}

/**
 * Folio's assets for each task, loaded again when a file under the templates folder changed since
 * they were loaded (a worker of a build loads them afresh; the daemon must not keep yesterday's
 * theme). Brands are reloaded the same way by src/brand/choose.ts; sources, images and
 * bibliographies are read by every render.
 */
function templatesWatched(): () => Assets {
  let signature: string | undefined;
  let assets = lazyAssets();
  return () => {
    let now: string;
    try {
      now = folderSignature(templatesDir());
    } catch {
      now = "";
    }
    if (signature !== undefined && now !== signature) assets = lazyAssets();
    signature = now;
    return assets();
  };
}

/** Makes process.env the build's own: the settings read per report are read from it. */
function replaceEnvironment(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
