import * as fs from "node:fs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReports } from "../src/pipeline/build.ts";
import type { Manifest } from "../src/pipeline/manifest.ts";
import { sha256 } from "../src/pipeline/manifest.ts";
import type { WriteIo } from "../src/pipeline/write.ts";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-build-"));
  mkdirSync(join(dir, "source"));
  writeFileSync(join(dir, "source", "r.md"), "---\ntitle: R\n---\n\n## One\n\nFirst version.\n");
  return dir;
}

/** File operations that fail (like a full disk) on the n-th file written. */
function failingOn(n: number): WriteIo {
  let writes = 0;
  return {
    ...fs,
    writeFileSync: ((path: fs.PathOrFileDescriptor, data: Uint8Array, options?: fs.WriteFileOptions) => {
      writes++;
      if (writes === n) {
        fs.writeFileSync(path, data.subarray(0, Math.floor(data.byteLength / 2)), options);
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
          code: "ENOSPC",
          path: String(path),
        });
      }
      fs.writeFileSync(path, data, options);
    }) as typeof fs.writeFileSync,
  };
}

describe("writing artifacts", () => {
  it("changes nothing in the output folder when a write fails half-way", async () => {
    const dir = project();
    const out = join(dir, "out");
    const source = join(dir, "source", "r.md");
    const first = await buildReports([source], { outDir: out, formats: ["html", "html"] });
    expect(first.ok).toBe(true);
    const before = Object.fromEntries(readdirSync(out).map((n) => [n, readFileSync(join(out, n))]));

    writeFileSync(source, "---\ntitle: R\n---\n\n## One\n\nSecond version.\n");
    // Two artifacts: the first written in full, the second cut off half-way.
    const failed = await buildReports([source], { outDir: out, formats: ["html", "html"], io: failingOn(2) });
    expect(failed.ok).toBe(false);
    expect(String(failed.files[0]?.messages[0]?.reason)).toMatch(/Cannot write .*ENOSPC/);
    const after = Object.fromEntries(readdirSync(out).map((n) => [n, readFileSync(join(out, n))]));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [name, bytes] of Object.entries(before)) expect(after[name]?.equals(bytes), name).toBe(true);
  });

  it("records every artifact in manifest.json with a checksum that matches the file", async () => {
    const dir = project();
    const out = join(dir, "out");
    await buildReports([join(dir, "source", "r.md")], { outDir: out, formats: ["html"] });
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.artifacts.map((a) => a.path)).toEqual(["r.html"]);
    for (const entry of manifest.artifacts) {
      const bytes = readFileSync(join(out, entry.path));
      expect(entry.sha256).toBe(sha256(bytes));
      expect(entry.bytes).toBe(bytes.byteLength);
      expect(entry.source.sha256).toBe(sha256(readFileSync(join(dir, "source", "r.md"))));
      expect(entry.source.path).not.toMatch(/^\//);
    }
  });
});
