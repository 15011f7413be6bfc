// Which start a build's worker processes get: from the startup snapshot the `folio` command names
// (FOLIO_WORKER_SNAPSHOT) when the build makes more than HTML (the PDF's, DOCX's and fact sheet's
// modules and faces are what the snapshot holds); for HTML alone, which that snapshot only slows,
// from the smaller HTML blob beside it, else from the bundle. And the heap each report's worker
// starts with.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firstHeapMb, maxWorkerHeapMb, workerHeaps, workerSnapshot } from "../../src/pipeline/pool.ts";

const saved = { snapshot: process.env.FOLIO_WORKER_SNAPSHOT, heap: process.env.FOLIO_WORKER_HEAP_MB };
afterEach(() => {
  for (const [name, value] of [
    ["FOLIO_WORKER_SNAPSHOT", saved.snapshot],
    ["FOLIO_WORKER_HEAP_MB", saved.heap],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

describe("a build's worker start", () => {
  it("starts from the snapshot for any build that makes more than HTML, from the bundle for HTML alone", () => {
    process.env.FOLIO_WORKER_SNAPSHOT = "/cache/folio.blob";
    delete process.env.FOLIO_WORKER_HEAP_MB;
    expect(workerSnapshot(["html"])).toBeUndefined();
    for (const formats of [
      ["pdf"],
      ["docx"],
      ["factsheet"],
      ["html", "docx"],
      ["pdf", "docx"],
      ["pdf", "docx", "factsheet"],
      ["html", "pdf", "docx", "factsheet"],
    ] as const)
      expect(workerSnapshot(formats), formats.join(",")).toBe("/cache/folio.blob");
  });

  it("starts an HTML-only build's workers from the HTML blob beside the full one, where there is one", () => {
    delete process.env.FOLIO_WORKER_HEAP_MB;
    const dir = mkdtempSync(join(tmpdir(), "folio-blobs-"));
    process.env.FOLIO_WORKER_SNAPSHOT = join(dir, "folio.blob");
    expect(workerSnapshot(["html"])).toBeUndefined();
    writeFileSync(join(dir, "folio-html.blob"), "");
    expect(workerSnapshot(["html"])).toBe(join(dir, "folio-html.blob"));
    expect(workerSnapshot(["html", "pdf"])).toBe(join(dir, "folio.blob"));
    delete process.env.FOLIO_WORKER_SNAPSHOT;
    expect(workerSnapshot(["html"])).toBeUndefined();
  });

  it("gives a long report's snapshot worker 1 MB more per KB of source, in 128 MB steps, up to the retry's cap", () => {
    delete process.env.FOLIO_WORKER_HEAP_MB;
    const dir = mkdtempSync(join(tmpdir(), "folio-heap-cap-"));
    const source = (name: string, kb: number) => {
      const path = join(dir, name);
      writeFileSync(path, "x".repeat(kb * 1024));
      return path;
    };
    const snapshot = workerHeaps("/cache/folio.blob");
    expect(firstHeapMb(source("small.md", 2), snapshot)).toBe(320);
    expect(firstHeapMb(source("memo.md", 64), snapshot)).toBe(320);
    expect(firstHeapMb(source("brief.md", 65), snapshot)).toBe(448);
    expect(firstHeapMb(source("report.md", 306), snapshot)).toBe(704);
    expect(firstHeapMb(source("huge.md", 1_950), snapshot)).toBe(maxWorkerHeapMb);
    expect(firstHeapMb(join(dir, "missing.md"), snapshot)).toBe(320);
    // From the bundle the first cap is already the largest; a cap set by hand is kept.
    expect(firstHeapMb(source("bundle.md", 306), workerHeaps(undefined))).toBe(maxWorkerHeapMb);
    process.env.FOLIO_WORKER_HEAP_MB = "70";
    expect(firstHeapMb(source("chosen.md", 306), workerHeaps("/cache/folio.blob"))).toBe(70);
  });

  it("gives a worker from the bundle the largest heap at once, one from the snapshot 320 MB first", () => {
    delete process.env.FOLIO_WORKER_HEAP_MB;
    expect(workerHeaps(undefined)).toEqual({ first: maxWorkerHeapMb, retry: maxWorkerHeapMb, chosen: false });
    expect(workerHeaps("/cache/folio.blob")).toEqual({ first: 320, retry: maxWorkerHeapMb, chosen: false });
  });

  it("starts from neither when the command named no snapshot", () => {
    delete process.env.FOLIO_WORKER_SNAPSHOT;
    expect(workerSnapshot(["html", "pdf", "docx", "factsheet"])).toBeUndefined();
  });
});
