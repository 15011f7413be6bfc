// The V8 startup snapshot (src/tools/snapshot.js) must change nothing but speed: a build started from
// it writes the same bytes as one without it, for the report and for fixtures that use every
// format's features, on a pool of worker processes started from the same snapshot.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReports } from "../src/pipeline/build.ts";
import { formatIds } from "../src/render/format.ts";
import { freshMakeBlob } from "./support/make-blob.ts";
import { testAssets } from "./support/render.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-snapshot-"));
let blob = join(dir, "folio.blob");
const sources = [
  "source/mali-2021.md",
  "test/fixtures/pdf-features/features.md",
  "test/fixtures/docx-features.md",
  "test/fixtures/briefs/high-water.md",
  "test/fixtures/reports/niger-2021.md",
];
// No NODE_OPTIONS: the test runner's module hooks cannot be registered in a snapshot process.
const env = { ...process.env, SOURCE_DATE_EPOCH: "1700000000", FOLIO_DEBUG: "", NODE_OPTIONS: "" };

/** `folio ARGS` started from the snapshot blob, in `cwd` (the repository unless given). */
function fromSnapshot(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, ["--snapshot-blob", blob, "--", ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    encoding: "utf8",
    timeout: 300_000,
  });
}

/** The sources built into `out` by a pool of two worker processes, all from the snapshot. */
function buildOnSnapshotPool(out: string): void {
  const run = fromSnapshot(["-j", "2", "build", ...sources, "--out", out, "-q"]);
  expect(run.status, run.stderr).toBe(0);
}
const filesOf = (folder: string) =>
  new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));

describe("the startup snapshot", () => {
  beforeAll(() => {
    // `make test` has just built the blob with src/tools/snapshot.js (src/tools/bundle.js runs it): another
    // is the same bytes for many seconds of CPU. Without a fresh one, the test makes its own.
    const fresh = freshMakeBlob();
    if (fresh) {
      blob = fresh;
      return;
    }
    const made = spawnSync(process.execPath, ["src/tools/snapshot.js"], {
      env: { ...process.env, FOLIO_SNAPSHOT_BLOB: blob, NODE_OPTIONS: "" },
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/snapshot \d/);
  }, 300_000);

  // One pool of two snapshot workers: with five sources, each worker renders several in turn, so
  // this also covers what a build with -j 1 (one worker, every source in turn) would.
  it("writes the same bytes as a build without the snapshot on a pool of snapshot processes, each rendering sources in turn", async () => {
    // The build without the snapshot runs in this process: the same pipeline a process started
    // from the bundle runs (book-build.test.ts holds the two to the same bytes, Mali's among them),
    // without that process's pool and workers to start.
    const plainBuild = await buildReports(sources, {
      outDir: join(dir, "plain"),
      formats: [...formatIds],
      assets: testAssets(),
      sourceDateEpoch: Number(env.SOURCE_DATE_EPOCH),
    });
    expect(plainBuild.ok).toBe(true);
    buildOnSnapshotPool(join(dir, "pool"));
    const plain = filesOf(join(dir, "plain"));
    expect(plain.size).toBe(sources.length * 5 + 1);
    const files = filesOf(join(dir, "pool"));
    expect([...files.keys()].sort()).toEqual([...plain.keys()].sort());
    for (const [name, bytes] of plain) expect(files.get(name)?.equals(bytes), `pool/${name}`).toBe(true);
  }, 300_000);

  it("starts the workers of an HTML-only build from the HTML blob beside it, and writes the same pages", async () => {
    // src/tools/snapshot.js builds folio-html.blob beside every full blob, before it.
    expect(existsSync(join(dirname(blob), "folio-html.blob"))).toBe(true);
    const out = join(dir, "html-only");
    const run = fromSnapshot(["-j", "2", "build", ...sources, "--formats", "html", "--out", out, "-q"], {
      env: { FOLIO_TIMINGS: "1" },
    });
    expect(run.status, run.stderr).toBe(0);
    const from = [...run.stderr.matchAll(/^folio: timings: started from (.+)$/gm)].map((m) => m[1]);
    expect(from).toHaveLength(sources.length);
    expect(new Set(from)).toEqual(new Set(["folio-html.blob"]));
    const plainBuild = await buildReports(sources, {
      outDir: join(dir, "html-plain"),
      formats: ["html"],
      assets: testAssets(),
      sourceDateEpoch: Number(env.SOURCE_DATE_EPOCH),
    });
    expect(plainBuild.ok).toBe(true);
    const plain = filesOf(join(dir, "html-plain"));
    const files = filesOf(out);
    expect([...files.keys()].sort()).toEqual([...plain.keys()].sort());
    expect([...plain.keys()].filter((name) => name.endsWith(".html"))).toHaveLength(sources.length);
    for (const [name, bytes] of plain) expect(files.get(name)?.equals(bytes), `html-only/${name}`).toBe(true);
    // A build of any other format starts its workers from the full blob.
    const pdf = fromSnapshot(
      ["build", "source/mali-2021.md", "--formats", "html,pdf", "--out", join(dir, "both"), "-q"],
      {
        env: { FOLIO_TIMINGS: "1" },
      },
    );
    expect(pdf.status, pdf.stderr).toBe(0);
    expect(pdf.stderr).toMatch(/^folio: timings: started from folio\.blob$/m);
  }, 300_000);

  it("runs every command: `check` loads pdf.js at run time, which the snapshot cannot hold", () => {
    // The snapshot's own build of the test before (or one now, when this test runs alone).
    const out = join(dir, "pool");
    if (!existsSync(out)) buildOnSnapshotPool(out);
    const run = fromSnapshot(["check", "source/mali-2021.md", "--out", out]);
    expect(run.stderr).not.toContain("internal error");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("mali-2021.pdf: 49/49 sentences in order");
  }, 300_000);

  it("gives each worker the heap FOLIO_WORKER_HEAP_MB sets: a source that builds by default runs out at 70 MB", () => {
    const project = mkdtempSync(join(tmpdir(), "folio-heap-"));
    // A snapshot worker's heap is over 70 MB once deserialised, so any source runs out there: a
    // small one keeps the build that must succeed cheap, and so does its PDF alone: any format but
    // HTML starts workers from the snapshot (workerSnapshot in src/pipeline/pool.ts).
    writeFileSync(join(project, "heap.md"), `---\ntitle: Heap\n---\n\nBefore ${"a".repeat(2_000)} after.\n`);
    const run = (heap: Record<string, string>) =>
      fromSnapshot(["build", "heap.md", "--formats", "pdf", "--out", "out", "-q"], {
        cwd: project,
        env: heap,
      });
    const fine = run({});
    expect(fine.status, fine.stderr).toBe(0);
    const small = run({ FOLIO_WORKER_HEAP_MB: "70" });
    expect(small.status).toBe(1);
    expect(small.stderr.split("\n")[0]).toMatch(
      /^heap\.md: error: Not built: the worker building this source \(2 KB\) ran out of memory twice .*heap limit \(FOLIO_WORKER_HEAP_MB\) of 70 MB\. Raise the limit with FOLIO_WORKER_HEAP_MB=256/,
    );
    expect(small.stderr).not.toMatch(/FATAL ERROR|Allocation failed|Mark-Compact|\n\s+at /);
  }, 300_000);

  it("keeps a worker with room for the next report: a short report after a long one is rendered by the same worker", () => {
    // One worker (-j 1) from the snapshot: a 2 KB report (320 MB), a 73 KB one (448 MB: a worker of
    // its own) and a 2 KB one again, which the 448 MB worker renders. FOLIO_TIMINGS' `start` is each
    // report's start in its worker's clock: a new worker's is its start-up, a kept one's counts on.
    const project = mkdtempSync(join(tmpdir(), "folio-heap-steps-"));
    const short = `---\ntitle: Short\n---\n\nA short report.\n`;
    writeFileSync(join(project, "a.md"), short);
    writeFileSync(
      join(project, "b.md"),
      `---\ntitle: Long\n---\n\n${"A sentence of the long report. ".repeat(2_400)}\n`,
    );
    writeFileSync(join(project, "c.md"), short);
    const run = fromSnapshot(
      ["build", "a.md", "b.md", "c.md", "-j", "1", "--formats", "pdf", "--out", "out", "-q"],
      { cwd: project, env: { FOLIO_TIMINGS: "1" } },
    );
    expect(run.status, run.stderr).toBe(0);
    const starts = [...run.stderr.matchAll(/^folio: timings: start ([\d.]+) ms/gm)].map((m) => Number(m[1]));
    const pdf = [...run.stderr.matchAll(/^folio: timings: pdf ([\d.]+) ms/gm)].map((m) => Number(m[1]));
    expect(starts).toHaveLength(3);
    // The long report's worker went on to the third report: its clock ran through the long PDF.
    expect((starts[2] as number) - (starts[1] as number)).toBeGreaterThanOrEqual(pdf[1] as number);
  }, 300_000);
});
