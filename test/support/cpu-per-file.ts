// Opt-in (FOLIO_TEST_CPU=FILE.jsonl, see docs/testing.md): appends one line per test file with the
// CPU seconds its worker process and the children it waited for (the CLI, Chromium, LibreOffice)
// spent, so that a loaded machine's wall times can be read as CPU. Linux only (/proc/self/stat).
import { appendFileSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect } from "vitest";

const ticksPerSecond = 100;

/** utime, stime, cutime, cstime of this process, in seconds. */
function cpuSeconds(): { self: number; children: number } {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  const at = (field: number) => fields[field - 3] ?? 0;
  return {
    self: (at(14) + at(15)) / ticksPerSecond,
    children: (at(16) + at(17)) / ticksPerSecond,
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
