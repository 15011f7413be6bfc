// Which start a build's worker processes get: from the startup snapshot the `folio` command names
// (FOLIO_WORKER_SNAPSHOT) when the build makes a PDF, a DOCX or a fact sheet, whose faces and caches
// the snapshot holds; from the bundle for a build of HTML alone, which the snapshot only slows.
import { afterEach, describe, expect, it } from "vitest";
import { maxWorkerHeapMb, workerHeaps, workerSnapshot } from "../../src/pipeline/pool.ts";

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
  it("starts from the snapshot for any format but HTML, from the bundle for HTML alone", () => {
    process.env.FOLIO_WORKER_SNAPSHOT = "/cache/folio.blob";
    delete process.env.FOLIO_WORKER_HEAP_MB;
    expect(workerSnapshot(["html"])).toBeUndefined();
    for (const formats of [
      ["pdf"],
      ["html", "docx"],
      ["factsheet"],
      ["html", "pdf", "docx", "factsheet"],
    ] as const)
      expect(workerSnapshot(formats), formats.join(",")).toBe("/cache/folio.blob");
  });

  it("gives a worker from the bundle the largest heap at once, one from the snapshot 192 MB first", () => {
    delete process.env.FOLIO_WORKER_HEAP_MB;
    expect(workerHeaps(undefined)).toEqual({ first: maxWorkerHeapMb, retry: maxWorkerHeapMb, chosen: false });
    expect(workerHeaps("/cache/folio.blob")).toEqual({ first: 192, retry: maxWorkerHeapMb, chosen: false });
  });

  it("starts from neither when the command named no snapshot", () => {
    delete process.env.FOLIO_WORKER_SNAPSHOT;
    expect(workerSnapshot(["pdf"])).toBeUndefined();
  });
});
