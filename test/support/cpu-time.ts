// Bounds on work ("stays linear", "refused in time") are judged on this process's CPU time, not the
// wall clock: on a shared 2-core machine the wall clock also measures the neighbours.

/** Milliseconds of CPU (user + system) this process spent since `since` (a process.cpuUsage() reading). */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}
