/**
 * Where a report's first timing step (`folio: timings: start`, src/pipeline/build.ts) counts from:
 * the process's own start, or, in the build daemon (src/pipeline/daemon.ts), the moment it was
 * given the task, so that `start` stays what the build waited for before its first report.
 */
let origin: { ms: number; cpu: NodeJS.CpuUsage; by: string | undefined } = {
  ms: 0,
  cpu: { user: 0, system: 0 },
  by: undefined,
};

/** Called by the daemon as it takes a task: the task's timings count from now. */
export function startTaskClock(by: string): void {
  origin = { ms: performance.now(), cpu: process.cpuUsage(), by };
}

/** The origin of the current task's timings, and who set it (undefined: the process's start). */
export function taskClock(): typeof origin {
  return origin;
}
