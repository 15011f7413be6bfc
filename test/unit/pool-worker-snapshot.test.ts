// Which start a build's worker processes get: from the startup snapshot the `folio` command names
// (FOLIO_WORKER_SNAPSHOT) when the build makes the PDF, the DOCX and the fact sheet, whose faces and
// caches the snapshot holds; from the bundle for any smaller set, which the snapshot only slows.
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
  it("starts from the snapshot for the PDF, DOCX and fact sheet together, from the bundle otherwise", () => {
    process.env.FOLIO_WORKER_SNAPSHOT = "/cache/folio.blob";
    delete process.env.FOLIO_WORKER_HEAP_MB;
    for (const formats of [["html"], ["pdf"], ["html", "docx"], ["factsheet"], ["pdf", "docx"]] as const)
      expect(workerSnapshot(formats), formats.join(",")).toBeUndefined();
    for (const formats of [
      ["pdf", "docx", "factsheet"],
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
    expect(workerSnapshot(["html", "pdf", "docx", "factsheet"])).toBeUndefined();
  });
});
