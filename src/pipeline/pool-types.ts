import type { BuildRequest } from "./build.ts";
import type { ManifestArtifact } from "./manifest.ts";
import type { PendingFile } from "./write.ts";

// What crosses between a build's pool (src/pipeline/pool.ts) and the processes that render for it:
// a worker, or the build daemon (daemon.ts, daemon-client.ts). Apart, so that those modules and the
// pool import these without importing one another.

/** What a worker sends back for one source: the files to write, manifest entries, messages. */
export interface JobResult {
  path: string;
  files: PendingFile[];
  manifest: ManifestArtifact[];
  messages: Array<{ path: string; list: SerializedMessage[] }>;
  ok: boolean;
}

/** A vfile message as it crosses from a worker process. */
export interface SerializedMessage {
  reason: string;
  file?: string;
  line?: number;
  column?: number;
  fatal?: boolean | null;
  ruleId?: string;
  source?: string;
}

/** How a worker process ended without answering: its exit, and what it printed (V8's last words). */
export interface WorkerCrash {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** One worker process: renders one task at a time. */
export interface PoolWorker {
  /** Its old-generation heap cap in MB. */
  heapMb: number;
  /** The task's results, or how the worker died trying (it is then of no further use). */
  run(paths: string[], options: BuildRequest): Promise<{ jobs: JobResult[] } | { crash: WorkerCrash }>;
  stop(): Promise<unknown>;
}
