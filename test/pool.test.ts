import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatMessages } from "../src/cli/report.ts";
import { buildInPool } from "../src/pipeline/pool.ts";

describe("worker pool build", () => {
  it("builds every source on two workers, writes one manifest and reports errors at their line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-pool-"));
    const paths = ["a", "b", "c"].map((n) => {
      const path = join(dir, `${n}.md`);
      writeFileSync(path, `---\ntitle: Report ${n}\n---\n\n## Part\n\nThe sentence of report ${n}.\n`);
      return path;
    });
    const bad = join(dir, "bad.md");
    writeFileSync(bad, "---\ntitle: Bad\nyear: soon\n---\n\nText.\n");
    const progress: number[] = [];
    const out = join(dir, "out");
    const result = await buildInPool([...paths, bad], {
      outDir: out,
      formats: ["html"],
      jobs: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(result.ok).toBe(false);
    expect(progress).toEqual([1, 2, 3, 4]);
    for (const n of ["a", "b", "c"])
      expect(readFileSync(join(out, `${n}.html`), "utf8")).toContain(`The sentence of report ${n}.`);
    expect(result.written.map((p) => p.replace(/.*[\\/]/, ""))).toEqual(["a.html", "b.html", "c.html"]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      artifacts: Array<{ path: string }>;
    };
    expect(manifest.artifacts.map((a) => a.path)).toEqual(["a.html", "b.html", "c.html"]);
    expect(formatMessages(result.files)).toMatch(/bad\.md:3:\d+: error: .*year/);
  });
});
