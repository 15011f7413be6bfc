import { readdirSync, readFileSync } from "node:fs";

/** A build daemon's process as /proc shows it: its socket and the CPU time it has used so far. */
export interface DaemonProcess {
  socket: string;
  cpuMs: number;
}

/**
 * The build daemons (src/pipeline/daemon.ts) running with `setting` (`NAME=VALUE`) in their
 * environment, by process id: a test file or a bench run tells its own apart by a setting only it
 * gives (a FOLIO_ setting is part of a daemon's identity, so no other build shares them).
 */
export function daemonProcesses(setting: string): Map<number, DaemonProcess> {
  const found = new Map<number, DaemonProcess>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const at = argv.indexOf("--folio-daemon");
      if (at < 0) continue;
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(setting)) continue;
      // utime and stime, in clock ticks (100 a second), after the command name in parentheses.
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      found.set(Number(entry), {
        socket: argv[at + 1] as string,
        cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
      });
    } catch {
      // A process that ended while it was read.
    }
  }
  return found;
}
