import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withOutputLock } from "./lock.ts";
import { commitFiles, type PendingFile, recoverOutput, type WriteIo } from "./write.ts";

/** The source an artifact is built from: its path (from the working folder) and checksum; a book's chapters too. */
export interface ManifestSource {
  path: string;
  sha256: string;
  /** A book's chapters, in the book's order. */
  chapters?: Array<{ path: string; sha256: string }>;
}

/** One artifact as a release job records it. */
export interface ManifestArtifact {
  /** Relative to the output folder. */
  path: string;
  format: string;
  mediaType: string;
  bytes: number;
  /** PDFs only. */
  pages?: number;
  sha256: string;
  source: ManifestSource;
}

/** A source a build was asked for and did not build, and why (its artifacts listed, if any, are older). */
export interface MissingSource {
  /** As `ManifestSource.path`. */
  source: string;
  reason: string;
}

export interface Manifest {
  folio: string;
  sourceDateEpoch: number | null;
  artifacts: ManifestArtifact[];
  /** Present only when a build left sources unbuilt; a later build of the source removes it. */
  missing?: MissingSource[];
}

const mediaTypes: Record<string, string> = {
  ".html": "text/html",
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Page count of a PDF from its page tree (`/Type /Pages … /Count N` of the root node). */
export function pdfPageCount(bytes: Uint8Array): number | undefined {
  const text = Buffer.from(bytes).toString("latin1");
  let pages: number | undefined;
  for (const m of text.matchAll(
    /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g,
  )) {
    const count = Number(m[1] ?? m[2]);
    pages = Math.max(pages ?? 0, count);
  }
  return pages;
}

/** Describes one written artifact. */
export function describeArtifact(
  path: string,
  format: string,
  bytes: Uint8Array,
  source: ManifestSource,
): ManifestArtifact {
  const ext = path.slice(path.lastIndexOf("."));
  const entry: ManifestArtifact = {
    path,
    format,
    mediaType: mediaTypes[ext] ?? "application/octet-stream",
    bytes: bytes.byteLength,
    sha256: sha256(bytes),
    source,
  };
  if (ext === ".pdf") entry.pages = pdfPageCount(bytes);
  return entry;
}

/** What a build changes in `manifest.json`: the entries of the sources it built, and those it did not. */
export interface ManifestChange {
  folio: string;
  sourceDateEpoch: number | undefined;
  /** Entries of sources just built: every earlier entry of those sources is replaced. */
  built: readonly ManifestArtifact[];
  /** Sources of this build (manifest paths) built: taken off the `missing` list. */
  builtSources: readonly string[];
  /** Sources of this build that were not built. */
  missing?: readonly MissingSource[];
}

/**
 * `manifest.json` of `outDir` after `change`, as a file to commit: entries of other sources kept
 * (another build's, written into the same folder), sorted by path so two identical builds write
 * identical bytes. Read under the folder's lock, so nothing written meanwhile is lost.
 */
export function nextManifest(
  outDir: string,
  change: ManifestChange,
  unreadable?: (reason: string) => void,
): PendingFile {
  const previous = previousManifest(join(outDir, "manifest.json"), unreadable);
  const rebuilt = new Set(change.built.map((a) => a.source.path));
  const artifacts = [
    ...(previous.artifacts ?? []).filter((a) => !rebuilt.has(a.source.path)),
    ...change.built,
  ];
  const settled = new Set([...change.builtSources, ...(change.missing ?? []).map((m) => m.source)]);
  const missing = [
    ...(previous.missing ?? []).filter((m) => !settled.has(m.source)),
    ...(change.missing ?? []),
  ];
  return manifestFile(outDir, change.folio, change.sourceDateEpoch, artifacts, missing);
}

/**
 * The manifest a build finds in its folder: none yet is an empty one; one that is not a manifest
 * (cut short, edited by hand) is written afresh too, but `unreadable` is told why, since the
 * entries of the sources not in this build are lost with it.
 */
function previousManifest(path: string, unreadable?: (reason: string) => void): Partial<Manifest> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") unreadable?.((error as Error).message);
    return {};
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && Array.isArray((parsed as Manifest).artifacts))
      return parsed as Manifest;
    unreadable?.("it holds no `artifacts` list");
  } catch {
    unreadable?.("it is not JSON");
  }
  return {};
}

/** `manifest.json` as bytes: the same artifacts, Folio and epoch always give the same bytes. */
function manifestFile(
  outDir: string,
  folio: string,
  sourceDateEpoch: number | undefined,
  artifacts: ManifestArtifact[],
  missing: MissingSource[] = [],
): PendingFile {
  const manifest: Manifest = {
    folio,
    sourceDateEpoch: sourceDateEpoch ?? null,
    artifacts: artifacts.sort((a, b) => a.path.localeCompare(b.path)),
  };
  if (missing.length > 0) manifest.missing = missing.sort((a, b) => a.source.localeCompare(b.source));
  return {
    path: join(outDir, "manifest.json"),
    bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  };
}

/**
 * Records in `manifest.json` what a build did not build (with the folder's lock, as one change).
 * Used when the build wrote something: a build that wrote nothing leaves the folder as it was.
 */
export function recordMissing(
  outDir: string,
  change: Omit<ManifestChange, "built" | "builtSources">,
  io?: WriteIo,
): void {
  withOutputLock(outDir, () => {
    recoverOutput(outDir, io);
    commitFiles(outDir, [nextManifest(outDir, { ...change, built: [], builtSources: [] })], io);
  });
}

/** The artifacts a source builds, by the suffix after its name, and their formats (longest suffix first). */
const artifactSuffixes: ReadonlyArray<[suffix: string, format: string]> = [
  [".factsheet.html", "factsheet"],
  [".factsheet.pdf", "factsheet"],
  [".html", "html"],
  [".pdf", "pdf"],
  [".docx", "docx"],
];

/**
 * Rebuilds `manifest.json` from the artifacts in `outDir` (`folio manifest`), for the sources that
 * built them: each source's `NAME.html`, `.pdf`, `.docx`, `.factsheet.pdf` and `.factsheet.html`
 * that is there, and a book's chapter pages `NAME/CHAPTER.html`, described from their bytes; the
 * sources (and a book's chapters) from theirs. When several builds (CI shards) wrote their share
 * into one folder, this gives the bytes one build of every source writes. Returns the count.
 */
export function rebuildManifest(
  outDir: string,
  sources: ReadonlyArray<{ name: string; source: ManifestSource; chapterPages: readonly string[] }>,
  folio: string,
  sourceDateEpoch: number | undefined,
): number {
  const artifacts: ManifestArtifact[] = [];
  const add = (name: string, format: string, source: ManifestSource) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(outDir, name));
    } catch {
      return;
    }
    artifacts.push(describeArtifact(name, format, bytes, source));
  };
  for (const { name, source, chapterPages } of sources) {
    for (const [suffix, format] of artifactSuffixes) add(`${name}${suffix}`, format, source);
    for (const page of chapterPages) add(`${name}/${page}.html`, "html", source);
  }
  withOutputLock(outDir, () => {
    recoverOutput(outDir);
    commitFiles(outDir, [manifestFile(outDir, folio, sourceDateEpoch, artifacts)]);
  });
  return artifacts.length;
}
