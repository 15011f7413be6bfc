import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { dirname } from "node:path";
import type { DaemonAnswer, DaemonTask } from "./daemon.ts";
import { type DaemonPlace, daemonFlag, daemonPlace, frame, unframe } from "./daemon-place.ts";
import type { PoolWorker, WorkerCrash } from "./pool-types.ts";

// The build's side of the build daemon (src/pipeline/daemon.ts): finds the daemon of this
// snapshot and environment, starts it when there is none, and offers it to the pool as one more
// worker (src/pipeline/pool.ts). Whatever goes wrong here, the build starts a worker as before.

/**
 * Whether this build may use a daemon. Not with FOLIO_NO_DAEMON, not under CI (a one-off build
 * would leave a process behind for nothing), and not with the test hook that kills workers.
 */
export function daemonAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.FOLIO_NO_DAEMON && !env.CI && !env.FOLIO_TEST_KILL_WORKER;
}

/** How long a build waits for a daemon's greeting before it starts its own worker instead. */
const greetingMs = 3_000;

/** How long a build waits for the daemon it started to listen (it deserialises the snapshot). */
const startMs = 60_000;

/**
 * The daemon of `blob` at `heapMb`, claimed for this build while it runs its tasks; undefined when
 * it is busy with another build, cannot be reached or started.
 */
export async function claimDaemon(
  blob: string,
  heapMb: number,
  v8Flags: readonly string[],
): Promise<PoolWorker | undefined> {
  let place: DaemonPlace | undefined;
  try {
    place = daemonPlace(blob, heapMb);
  } catch {
    return undefined;
  }
  if (!place) return undefined;
  let claim = await connect(place, heapMb);
  if (claim === "absent" && (await startDaemon(place, blob, heapMb, v8Flags)))
    claim = await connect(place, heapMb);
  return typeof claim === "object" ? claim : undefined;
}

/** Connects to the daemon and reads its greeting: claimed, busy, or no daemon listening. */
function connect(place: DaemonPlace, heapMb: number): Promise<PoolWorker | "busy" | "absent"> {
  const { createConnection } = process.getBuiltinModule("node:net");
  return new Promise((resolve) => {
    const socket = createConnection(place.socket);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("busy");
    }, greetingMs);
    const give = (answer: PoolWorker | "busy" | "absent") => {
      clearTimeout(timer);
      resolve(answer);
    };
    socket.once("error", () => give("absent"));
    // The task sent waits for its answer: the daemon's next message, or the connection's end (it died).
    let waiting: ((answer: DaemonAnswer | undefined) => void) | undefined;
    const answer = (message: DaemonAnswer | undefined) => {
      const take = waiting;
      waiting = undefined;
      take?.(message);
    };
    const next = () =>
      new Promise<DaemonAnswer | undefined>((take) => {
        if (socket.destroyed) take(undefined);
        else waiting = take;
      });
    socket.on(
      "data",
      unframe((message) => {
        const said = message as DaemonAnswer;
        if ("ready" in said) give(claimed(socket, place, heapMb, next));
        else if ("busy" in said) {
          socket.destroy();
          give("busy");
        } else answer(said);
      }),
    );
    socket.once("close", () => answer(undefined));
  });
}

/** The claimed daemon as a pool worker: each task goes to it with this build's folder and environment. */
function claimed(
  socket: Socket,
  place: DaemonPlace,
  heapMb: number,
  next: () => Promise<DaemonAnswer | undefined>,
): PoolWorker {
  socket.on("error", () => socket.destroy());
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    heapMb,
    run: async (paths, options) => {
      const task: DaemonTask = { cwd: process.cwd(), env: { ...process.env }, paths, options };
      socket.write(frame(task));
      const answer = await next();
      if (answer && "jobs" in answer) {
        for (const line of answer.lines) process.stderr.write(line);
        return { jobs: answer.jobs };
      }
      socket.destroy();
      return { crash: daemonCrash(place, answer && "error" in answer ? answer.error : undefined) };
    },
    stop: async () => {
      socket.end();
      await closed;
    },
  };
}

/**
 * How a daemon failed a task, as a worker's crash: its error, or the end of its log, where V8
 * writes why a process ran out of memory (the pool then tries again with the larger heap cap).
 */
function daemonCrash(place: DaemonPlace, error: string | undefined): WorkerCrash {
  let log = "";
  try {
    log = readFileSync(place.log, "utf8").slice(-65_536);
  } catch {
    // No log: the crash says what it can.
  }
  return { code: null, signal: null, stderr: error ?? log };
}

/**
 * Starts the daemon, detached from this build (its own session, no terminal, its messages in its
 * log), and waits until it listens or gives up. Resolves whether it may now be listening.
 */
function startDaemon(
  place: DaemonPlace,
  blob: string,
  heapMb: number,
  v8Flags: readonly string[],
): Promise<boolean> {
  const { spawn } = process.getBuiltinModule("node:child_process");
  let log: number;
  try {
    mkdirSync(dirname(place.socket), { recursive: true, mode: 0o700 });
    log = openSync(place.log, "w");
  } catch {
    return Promise.resolve(false);
  }
  const args = [`--max-old-space-size=${heapMb}`, ...v8Flags, "--snapshot-blob", blob];
  const child = spawn(process.execPath, [...args, "--", daemonFlag, place.socket], {
    detached: true,
    stdio: ["ignore", "ignore", log, "ipc"],
  });
  closeSync(log);
  return new Promise((resolve) => {
    const listening = () => done(true);
    // It left at once: another daemon already listens there (it says so by leaving), or it failed.
    const exited = (code: number | null) => done(code === 0);
    const failed = () => done(false);
    const done = (answer: boolean) => {
      clearTimeout(timer);
      child.off("message", listening);
      child.off("exit", exited);
      child.off("error", failed);
      if (child.connected) child.disconnect();
      child.unref();
      resolve(answer);
    };
    const timer = setTimeout(failed, startMs);
    child.once("message", listening);
    child.once("exit", exited);
    child.once("error", failed);
  });
}
