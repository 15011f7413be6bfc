// What a build promises (docs/reliability.md), through the real CLI as a user runs it: no silent
// success when a pool worker runs out of heap or is killed; each report's artifacts and manifest
// entries change together even when the build is killed between two renames or fails at its third
// write; concurrent builds into one folder lose no manifest entry.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../src/pipeline/manifest.ts";
import { sha256 } from "../src/pipeline/manifest.ts";
import { buildInProject, folioCommand } from "./support/cli.ts";

const stackTrace =
  /\n\s+at .+[:(]\d+|Error: .*\n\s+at |node:internal|Native stack|mark-compacts|<--- Last few GCs/;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the real `folio` command asynchronously (so several run at once). */
function folio(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(folioCommand, args, {
      cwd,
      env: { ...process.env, FOLIO_DEBUG: "", ...env },
      timeout: 240_000,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

const report = (title: string, words: string) => `---\ntitle: ${title}\n---\n\n## Section\n\n${words}\n`;

/** A project folder with `source/NAME.md` for each name. */
function project(sources: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-reliability-"));
  mkdirSync(join(dir, "source"));
  for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, "source", name), text);
  return dir;
}

/** Every file of a folder and its subfolders, by relative path, as bytes (folders as `<folder>`). */
function contents(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const name = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, { [name]: "<folder>" }, contents(dir, name));
    else files[name] = sha256(readFileSync(join(dir, name)));
  }
  return files;
}

function manifestOf(out: string): Manifest {
  return JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
}

/** Every artifact the manifest lists exists, with the checksum and size it records. */
function expectManifestTrue(out: string): void {
  for (const entry of manifestOf(out).artifacts) {
    const bytes = readFileSync(join(out, entry.path));
    expect(sha256(bytes), entry.path).toBe(entry.sha256);
    expect(bytes.byteLength, entry.path).toBe(entry.bytes);
  }
}

/** No temporary, journal or lock file left in the folder. */
function expectNoLeftovers(out: string): void {
  expect(
    Object.keys(contents(out)).filter((name) => /\.tmp$|folio-journal|\.folio\.lock/.test(name)),
  ).toEqual([]);
}

const small = {
  "a.md": report("A", "Report a."),
  "b.md": report("B", "Report b."),
  "c.md": report("C", "Report c."),
};

/** 20,000 table rows: far more than a worker capped at 100 MB can hold while rendering the HTML. */
function hugeTable(): string {
  const head = `| ${Array.from({ length: 8 }, (_, i) => `h${i}`).join(" | ")} |\n|${"---|".repeat(8)}\n`;
  const rows = Array.from(
    { length: 20_000 },
    (_, r) => `| ${Array.from({ length: 8 }, (_, i) => `c${i}r${r}`).join(" | ")} |`,
  );
  return `---\ntitle: Huge\n---\n\n## Table\n\n${head}${rows.join("\n")}\n`;
}

describe("no silent success from the worker pool", () => {
  it("a worker out of heap: exit 1, the source, its size, the limit and how to raise it; the rest built and in the manifest", async () => {
    const dir = project({ ...small, "huge.md": hugeTable() });
    const sources = ["a.md", "huge.md", "b.md", "c.md"].map((n) => `source/${n}`);
    const run = await folio(["build", ...sources, "--jobs", "2", "--formats", "html", "-q"], dir, {
      FOLIO_WORKER_HEAP_MB: "40",
    });
    expect(run.code, run.stderr).toBe(1);
    const first = run.stderr.split("\n")[0];
    expect(first).toMatch(
      /^source\/huge\.md: error: Not built: the worker building this source \(1\.\d MB\) ran out of memory twice .*heap limit \(FOLIO_WORKER_HEAP_MB\) of 40 MB\. Raise the limit with FOLIO_WORKER_HEAP_MB=256/,
    );
    expect(run.stderr).not.toMatch(stackTrace);
    const out = join(dir, "out");
    expect(readdirSync(out).sort()).toEqual(["a.html", "b.html", "c.html", "manifest.json"]);
    const manifest = manifestOf(out);
    expect(manifest.artifacts.map((a) => a.path)).toEqual(["a.html", "b.html", "c.html"]);
    expect(manifest.missing?.map((m) => m.source)).toEqual(["source/huge.md"]);
    expect(manifest.missing?.[0]?.reason).toMatch(/ran out of memory/);
    expectManifestTrue(out);
  }, 300_000);

  it("a worker killed by SIGKILL: retried once in a fresh worker; killed again, exit 1 naming the signal", async () => {
    const dir = project(small);
    const sources = ["a.md", "b.md", "c.md"].map((n) => `source/${n}`);
    const once = join(dir, "killed-once");
    const [killed, retried] = await Promise.all([
      folio(["build", ...sources, "--jobs", "2", "--formats", "html", "--out", "killed", "-q"], dir, {
        FOLIO_TEST_KILL_WORKER: "b.md",
      }),
      folio(["build", ...sources, "--jobs", "2", "--formats", "html", "--out", "retried", "-q"], dir, {
        FOLIO_TEST_KILL_WORKER: "b.md",
        FOLIO_TEST_KILL_WORKER_ONCE: once,
      }),
    ]);
    expect(killed.code, killed.stderr).toBe(1);
    expect(killed.stderr.split("\n")[0]).toMatch(
      /^source\/b\.md: error: Not built: the worker building this source \(\d+ bytes\) was killed by SIGKILL twice/,
    );
    expect(killed.stderr).not.toMatch(stackTrace);
    expect(readdirSync(join(dir, "killed")).sort()).toEqual(["a.html", "c.html", "manifest.json"]);
    expect(manifestOf(join(dir, "killed")).missing).toEqual([
      { source: "source/b.md", reason: expect.stringMatching(/killed by SIGKILL/) },
    ]);
    expectManifestTrue(join(dir, "killed"));

    // Killed the first time only (the hook made its mark): the retry builds it, exit 0.
    expect(existsSync(once)).toBe(true);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toBe("");
    expect(manifestOf(join(dir, "retried")).artifacts.map((a) => a.path)).toEqual([
      "a.html",
      "b.html",
      "c.html",
    ]);
    expect(manifestOf(join(dir, "retried")).missing).toBeUndefined();
    expectManifestTrue(join(dir, "retried"));
  }, 300_000);
});

describe("all or nothing per report", () => {
  const formats = ["--formats", "html,pdf,docx"];
  // The first version's build, copied into each case's project: the artifacts the case starts from,
  // built once in this process (each case's own CLI runs are what it tests).
  let firstBuild = "";
  beforeAll(async () => {
    firstBuild = project({ "r.md": report("R", "First version.") });
    await buildInProject(firstBuild, ["source/r.md"], ["html", "pdf", "docx"]);
  }, 120_000);

  // Renames of one report: r.docx, r.html, r.pdf, manifest.json (in the order rendered), then the journal goes.
  it.each([1, 2, 3, 4])(
    "killed (SIGKILL) after rename %i: the next build completes the change; artifacts and manifest agree",
    async (renames) => {
      const dir = project({ "r.md": report("R", "First version."), "s.md": report("S", "Other report.") });
      const out = join(dir, "out");
      cpSync(join(firstBuild, "out"), out, { recursive: true });
      const old = contents(out);
      writeFileSync(join(dir, "source", "r.md"), report("R", "Second version."));

      const killed = await folio(["build", "source/r.md", ...formats, "-q"], dir, {
        FOLIO_TEST_KILL_AFTER_RENAME: String(renames),
      });
      expect(killed.signal).toBe("SIGKILL");
      const halfway = contents(out);
      expect(Object.keys(halfway)).toContain(".folio-journal.json");
      // Between two renames some artifacts are new, others old: what the journal is for.
      const changed = ["r.html", "r.pdf", "r.docx", "manifest.json"].filter((n) => halfway[n] !== old[n]);
      expect(changed.length).toBe(renames);

      // The next build, of another source, repairs the folder first: built in this process (the
      // repair is the build's, not the process's; the kill above is what needs a real one).
      await buildInProject(dir, ["source/s.md"], ["html"]);
      const after = contents(out);
      for (const name of ["r.html", "r.pdf", "r.docx"]) expect(after[name], name).not.toBe(old[name]);
      expect(readFileSync(join(out, "r.html"), "utf8")).toContain("Second version.");
      expectNoLeftovers(out);
      expectManifestTrue(out);
      expect(manifestOf(out).artifacts.map((a) => a.path)).toEqual(["r.docx", "r.html", "r.pdf", "s.html"]);
    },
    300_000,
  );

  it("a folder where the DOCX goes: exit 1 naming it, out/ exactly as before, no temporary file", async () => {
    const dir = project({ "r.md": report("R", "First version.") });
    const out = join(dir, "out");
    await buildInProject(dir, ["source/r.md"], ["html", "pdf"]);
    mkdirSync(join(out, "r.docx"));
    // A temporary left by a build killed while staging: removed by the next build, failed or not.
    writeFileSync(join(out, ".r.pdf.0123456789ab.tmp"), "half a PDF");
    const before = contents(out);
    delete before[".r.pdf.0123456789ab.tmp"];
    writeFileSync(join(dir, "source", "r.md"), report("R", "Second version."));

    const run = await folio(["build", "source/r.md", ...formats], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.split("\n")[0]).toMatch(
      /^source\/r\.md: error: Cannot write out\/r\.docx \(EISDIR: it is a folder\)/,
    );
    expect(run.stderr).not.toMatch(stackTrace);
    expect(contents(out)).toEqual(before);
    expectNoLeftovers(out);
    expect(statSync(join(out, "r.docx")).isDirectory()).toBe(true);
  }, 300_000);
});

describe("concurrent builds into one folder", () => {
  it("10 builds of 10 sources at once: the manifest lists all 10, every checksum true", async () => {
    const names = Array.from({ length: 10 }, (_, i) => `r${i}.md`);
    const dir = project(
      Object.fromEntries(names.map((n, i) => [n, report(`Report ${i}`, `Words of report ${i}.`)])),
    );
    const runs = await Promise.all(
      names.map((name) => folio(["build", `source/${name}`, "--formats", "html", "-q"], dir)),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const out = join(dir, "out");
    const manifest = manifestOf(out);
    expect(manifest.artifacts.map((a) => a.source.path).sort()).toEqual(
      names.map((n) => `source/${n}`).sort(),
    );
    expect(manifest.artifacts.map((a) => a.path).sort()).toEqual(
      names.map((n) => n.replace(".md", ".html")).sort(),
    );
    expectManifestTrue(out);
    expectNoLeftovers(out);
  }, 300_000);
});
