import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FormatId } from "../render/format.ts";
import { folioVersion } from "../version.ts";
import type { BuildOptions, BuildResult } from "./build.ts";
import { type ManifestArtifact, updateManifest } from "./manifest.ts";
import { captureBuild, type JobResult, revive } from "./pool.ts";
import { type PendingFile, writeFilesAtomic } from "./write.ts";

/**
 * Relative cost of a cold render of each format (Mali, one new process, CPU time beyond loading
 * the report: fact sheet ≈ 1.35 s, PDF ≈ 0.9 s, DOCX ≈ 0.4 s, HTML ≈ 0.2 s), used to balance two threads.
 */
const cost: Record<FormatId, number> = { factsheet: 1.35, pdf: 0.9, docx: 0.4, html: 0.2 };

/** Splits formats into two groups of similar cost (largest first, each to the lighter group). */
export function balance(formats: readonly FormatId[]): [FormatId[], FormatId[]] {
  const groups: [FormatId[], FormatId[]] = [[], []];
  const load = [0, 0];
  for (const id of [...formats].sort((a, b) => cost[b] - cost[a])) {
    const lighter = (load[0] ?? 0) <= (load[1] ?? 0) ? 0 : 1;
    groups[lighter].push(id);
    load[lighter] = (load[lighter] ?? 0) + cost[id];
  }
  // Keep each group in the order the formats were asked for.
  const order = (g: FormatId[]) => formats.filter((id) => g.includes(id));
  return [order(groups[0]), order(groups[1])];
}

/** Whether a build of these sources and formats gains from a second thread. */
export function worthSplitting(sources: readonly string[], formats: readonly FormatId[]): boolean {
  return sources.length > 0 && formats.length > 1 && availableParallelism() > 1;
}

const workerEntry = new URL("../bin/folio.js", import.meta.url);

/**
 * Builds few sources with their formats spread over two threads: one group renders on a worker
 * (the pool's worker entry) while this thread renders the other, then all artifacts of a source
 * are written together, as in a serial build. A cold build of Mali renders its fact sheet beside
 * the other three formats instead of after them.
 */
export async function buildSplit(
  paths: readonly string[],
  options: Omit<BuildOptions, "io">,
): Promise<BuildResult> {
  // The worker starts later (its thread and modules load first): it gets the group holding the
  // costliest format, which is the lighter group whenever one format outweighs the rest.
  const [there, here] = balance(options.formats);
  const result: BuildResult = { files: [], written: [], ok: true };
  const manifest: ManifestArtifact[] = [];
  const worker = new Worker(workerEntry, { workerData: { folioPool: true } });
  const failed = new Promise<never>((_, reject) => worker.once("error", reject));
  failed.catch(() => undefined); // raced below; never an unhandled rejection after the build
  try {
    for (const path of paths) {
      const remote = new Promise<JobResult>((resolve) => worker.once("message", resolve));
      worker.postMessage({ path, options: { ...options, formats: there } });
      const local = await captureBuild(path, { ...options, formats: here });
      const job = merge(local, await Promise.race([remote, failed]), options.formats);
      if (job.ok) {
        try {
          writeFilesAtomic(job.files);
          manifest.push(...job.manifest);
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          job.ok = false;
          job.files = [];
          const reason = `Cannot write ${e.path ?? ""} (${e.code ?? e.message})`;
          job.messages.push({ path, list: [{ reason, fatal: true, ruleId: "build", source: "folio" }] });
        }
      }
      if (!job.ok) result.ok = false;
      result.written.push(...job.files.map((f) => f.path));
      for (const { path: filePath, list } of job.messages) result.files.push(revive(filePath, list));
    }
  } finally {
    await worker.terminate();
  }
  if (manifest.length > 0) updateManifest(options.outDir, folioVersion, options.sourceDateEpoch, manifest);
  return result;
}

/**
 * One source's result from the two threads. Both loaded the same report, so its warnings come
 * twice: a message the worker repeats is kept once. A failure on either side fails the source
 * (nothing of it is written).
 */
function merge(local: JobResult, remote: JobResult, formats: readonly FormatId[]): JobResult {
  const ok = local.ok && remote.ok;
  const messages = local.messages.map((m) => ({ path: m.path, list: [...m.list] }));
  for (const { path, list } of remote.messages) {
    let entry = messages.find((m) => m.path === path);
    if (!entry) {
      entry = { path, list: [] };
      messages.push(entry);
    }
    const seen = new Set(entry.list.map((m) => JSON.stringify(m)));
    for (const message of list) if (!seen.has(JSON.stringify(message))) entry.list.push(message);
  }
  return {
    path: local.path,
    ok,
    files: ok
      ? inFormatOrder([...local.files, ...remote.files], [...local.manifest, ...remote.manifest], formats)
      : [],
    manifest: ok ? [...local.manifest, ...remote.manifest] : [],
    messages,
  };
}

/** The files in the order of the formats asked for (the order a serial build writes and lists them). */
function inFormatOrder(files: PendingFile[], manifest: ManifestArtifact[], formats: readonly FormatId[]) {
  const rank = (file: PendingFile) => {
    const entry = manifest.find((a) => file.path.endsWith(a.path));
    return entry ? formats.indexOf(entry.format as FormatId) : formats.length;
  };
  return files
    .map((file, index) => ({ file, index, rank: rank(file) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ file }) => file);
}
