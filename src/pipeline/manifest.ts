import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type WriteIo, writeAtomic } from "./write.ts";

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

export interface Manifest {
  folio: string;
  sourceDateEpoch: number | null;
  artifacts: ManifestArtifact[];
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

/**
 * Updates `manifest.json` in the output folder: entries of the sources just built are replaced,
 * entries of other sources kept, sorted by path so two identical builds write identical bytes.
 */
export function updateManifest(
  outDir: string,
  folio: string,
  sourceDateEpoch: number | undefined,
  built: ManifestArtifact[],
  io?: WriteIo,
): void {
  const path = join(outDir, "manifest.json");
  let previous: ManifestArtifact[] = [];
  try {
    previous = (JSON.parse(readFileSync(path, "utf8")) as Manifest).artifacts ?? [];
  } catch {
    // No manifest yet, or an unreadable one: start afresh.
  }
  const rebuilt = new Set(built.map((a) => a.source.path));
  const artifacts = [...previous.filter((a) => !rebuilt.has(a.source.path)), ...built].sort((a, b) =>
    a.path.localeCompare(b.path),
  );
  writeManifest(outDir, folio, sourceDateEpoch, artifacts, io);
}

/** Writes `manifest.json` (atomically): the same artifacts, Folio and epoch always give the same bytes. */
function writeManifest(
  outDir: string,
  folio: string,
  sourceDateEpoch: number | undefined,
  artifacts: ManifestArtifact[],
  io?: WriteIo,
): void {
  const manifest: Manifest = { folio, sourceDateEpoch: sourceDateEpoch ?? null, artifacts };
  writeAtomic(
    join(outDir, "manifest.json"),
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    io,
  );
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
  artifacts.sort((a, b) => a.path.localeCompare(b.path));
  writeManifest(outDir, folio, sourceDateEpoch, artifacts);
  return artifacts.length;
}
