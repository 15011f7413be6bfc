// Opt-in (FOLIO_TEST_CPU=FILE.jsonl, see docs/testing.md): appends one line per test file with the
// CPU seconds its worker process, the children it waited for (the CLI, LibreOffice) and the
// processes it started that still run (the worker's Chromium) spent, so that a loaded machine's
// wall times can be read as CPU. Linux only (/proc).
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect } from "vitest";

const ticksPerSecond = 100;

/** A process's /proc stat fields by their number in proc(5) (1-based); undefined once it is gone. */
function statFields(pid: string): ((field: number) => number) | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  return (field: number) => fields[field - 3] ?? 0;
}

/**
 * The CPU ticks of this process's live descendants and of the children they waited for: a process
 * that outlives the file that started it (the worker's Chromium, test/support/browser.ts) is
 * counted as it works, not only when this process waits for it.
 */
function liveDescendantTicks(): number {
  const parents = new Map<string, string[]>();
  const stats = new Map<string, (field: number) => number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const at = statFields(pid);
    if (!at) continue;
    stats.set(pid, at);
    const parent = String(at(4));
    parents.set(parent, [...(parents.get(parent) ?? []), pid]);
  }
  let ticks = 0;
  const pending = [...(parents.get(String(process.pid)) ?? [])];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    const at = stats.get(pid);
    if (at) ticks += at(14) + at(15) + at(16) + at(17);
    pending.push(...(parents.get(pid) ?? []));
  }
  return ticks;
}

/** utime, stime of this process; cutime, cstime and its live descendants' ticks; in seconds. */
function cpuSeconds(): { self: number; children: number } {
  const at = statFields("self");
  if (!at) return { self: 0, children: 0 };
  return {
    self: (at(14) + at(15)) / ticksPerSecond,
    children: (at(16) + at(17) + liveDescendantTicks()) / ticksPerSecond,
  };
}

const out = process.env.FOLIO_TEST_CPU;
let file = "";
// A worker that runs several files (isolate off) counts each from the end of the one before; the
// first from the process's start. Kept on globalThis: the setup file runs again for each file.
const previous = globalThis as { folioCpuAtLastFile?: { self: number; children: number } };

beforeAll(() => {
  file = expect.getState().testPath ?? "";
});

afterAll(() => {
  if (!out) return;
  const now = cpuSeconds();
  const last = previous.folioCpuAtLastFile ?? { self: 0, children: 0 };
  previous.folioCpuAtLastFile = now;
  const line = {
    file,
    pid: process.pid,
    self: Math.round((now.self - last.self) * 100) / 100,
    children: Math.round((now.children - last.children) * 100) / 100,
  };
  appendFileSync(out, `${JSON.stringify(line)}\n`);
});
