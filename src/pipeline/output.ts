import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { AssetError } from "../assets/errors.ts";
import { BrandError } from "../brand/errors.ts";
import { withOutputLock } from "./lock.ts";
import { type ManifestArtifact, type MissingSource, nextManifest, recordMissing } from "./manifest.ts";
import { commitFiles, needsRecovery, type PendingFile, recoverOutput, type WriteIo } from "./write.ts";

// What a build does with rendered artifacts and thrown problems: writes them (under the output
// folder's lock, with the manifest) and reports them. Imports no renderer and no model, so the
// build pool's own process, which only writes, starts without them (src/pipeline/pool.ts).

/** A path as the manifest writes it: from the working folder, with forward slashes. */
export function relativePath(path: string): string {
  return relative(process.cwd(), path).replace(/\\/g, "/");
}

/** What a build did: each source's messages, the files it wrote, and whether all went well. */
export interface BuildResult {
  /** One vfile per source (and per failing template), carrying its messages for the reporter. */
  files: VFile[];
  /** Paths written, relative to nothing (as joined from outDir). */
  written: string[];
  ok: boolean;
}

/**
 * What one build changes in its output folder, report by report, under the folder's lock: each
 * report's artifacts with its manifest entries as one change; at the end, the sources not built
 * in the manifest's `missing` list (when the build wrote anything: one that wrote nothing leaves
 * the folder as it was). First completes what a killed build left half done.
 */
export class BuildOutput {
  private readonly missing: MissingSource[] = [];
  private wrote = false;
  /** Why the manifest found in the folder could not be read (it was written afresh), if it could not. */
  private unreadableManifest: string | undefined;

  constructor(
    readonly outDir: string,
    private readonly folio: string,
    private readonly sourceDateEpoch: number | undefined,
    private readonly io?: WriteIo,
  ) {}

  /** Before anything is rendered: a killed build's half-swapped change completed, its temporaries removed. */
  repair(result: BuildResult): void {
    try {
      if (existsSync(this.outDir) && needsRecovery(this.outDir))
        withOutputLock(this.outDir, () => recoverOutput(this.outDir, this.io));
    } catch (error) {
      this.fail(result, error);
    }
  }

  /** Writes one source's artifacts and its manifest entries as one change (throws a write's error). */
  commit(path: string, files: readonly PendingFile[], entries: readonly ManifestArtifact[]): void {
    if (files.length === 0) return;
    withOutputLock(this.outDir, () => {
      recoverOutput(this.outDir, this.io);
      const manifest = nextManifest(
        this.outDir,
        {
          folio: this.folio,
          sourceDateEpoch: this.sourceDateEpoch,
          built: entries,
          builtSources: [relativePath(path)],
        },
        (reason) => {
          this.unreadableManifest ??= reason;
        },
      );
      commitFiles(this.outDir, [...files, manifest], this.io);
    });
    this.wrote = true;
  }

  /** Notes a source this build did not build, and why (the first error reported about it). */
  notBuilt(path: string, reason: string): void {
    this.missing.push({ source: relativePath(path), reason });
  }

  /** Records the sources not built in the manifest, when this build wrote anything. */
  finish(result: BuildResult): void {
    if (this.unreadableManifest) {
      const file = new VFile({ path: join(this.outDir, "manifest.json") });
      file.message(
        `The manifest found here could not be read (${this.unreadableManifest}): it was written afresh, listing only this build's artifacts`,
        { ruleId: "manifest-unreadable", source: "folio" },
      );
      result.files.push(file);
    }
    if (!this.wrote || this.missing.length === 0) return;
    try {
      recordMissing(
        this.outDir,
        { folio: this.folio, sourceDateEpoch: this.sourceDateEpoch, missing: this.missing },
        this.io,
      );
    } catch (error) {
      this.fail(result, error);
    }
  }

  private fail(result: BuildResult, error: unknown): void {
    result.ok = false;
    const file = new VFile({ path: join(this.outDir, "manifest.json") });
    record(error, file);
    result.files.push(file);
  }
}

/** The first error reported about a source, as one line for the manifest's `missing` list. */
export function firstError(file: VFile, related: readonly VFile[] = []): string {
  for (const each of [...related, file]) {
    const error = each.messages.find((m) => m.fatal);
    if (error) {
      const place = error.line ? `:${error.line}:${error.column ?? 1}` : "";
      return `${relativePath(error.file || each.path)}${place}: ${error.reason}`;
    }
  }
  return "not built";
}

/**
 * Turns a thrown problem into a vfile message so it is reported as `file:line:column: reason`.
 * Returns the other files it concerns (a failing template's), to report beside `file`.
 */
export function record(error: unknown, file: VFile): VFile[] {
  if (error instanceof VFileMessage) {
    // file.fail() already recorded it on the file that threw.
    if (!file.messages.includes(error)) file.messages.push(error);
    return [];
  }
  if (error instanceof BrandError) return [error.file];
  if (error instanceof AssetError) {
    const assetFile = new VFile({ path: error.assetPath });
    const place = error.line ? { line: error.line, column: error.column ?? 1 } : undefined;
    const message = assetFile.message(`${error.message} (while building ${file.path})`, {
      place,
      ruleId: "template",
      source: "folio",
    });
    message.fatal = true;
    return [assetFile];
  }
  const e = error as NodeJS.ErrnoException;
  const reason =
    e.code && e.path
      ? `Cannot ${readCalls.has(e.syscall ?? "") ? "read" : "write"} ${e.path} (${e.code})${systemErrorHint(e.code)}`
      : `Internal error: ${e.message ?? String(error)}`;
  const message = file.message(reason, { ruleId: "build", source: "folio" });
  message.fatal = true;
  if (process.env.FOLIO_DEBUG) console.error(error);
  return [];
}

/** System calls that read: an error in one is a file Folio could not read, not one it could not write. */
const readCalls = new Set(["read", "scandir", "opendir", "stat", "lstat", "readlink", "realpath", "access"]);

/** What a system error code means for a person writing the output, and what to do about it. */
function systemErrorHint(code: string): string {
  const hints: Record<string, string> = {
    ENOSPC: ": the disk is full; free some space and build again",
    EDQUOT: ": the disk quota is used up; free some space and build again",
    EFBIG: ": larger than this system lets a file grow (ulimit -f)",
    EACCES: ": permission denied; check the output folder's permissions",
    EPERM: ": not permitted; check the output folder's permissions",
    EROFS: ": the file system is read-only; choose another --out folder",
    ENOTDIR: ": a file stands where a folder of the path should be",
    EEXIST: ": something that is not a folder stands in the way",
    EISDIR: ": a folder stands where the file goes",
    ERR_FS_EISDIR: ": a folder stands where the file goes",
    EIO: ": the disk reported an error",
  };
  return hints[code] ?? "";
}
