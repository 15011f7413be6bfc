import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildInProject, type CliResult, mainInProcess, runFolio } from "./support/cli.ts";

let dir: string;
const good = "---\ntitle: Good report\n---\n\n## Section\n\nA sentence of the good report.\n";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "folio-cli-"));
  mkdirSync(join(dir, "source"));
  writeFileSync(join(dir, "source", "r.md"), good);
});

/** One build of a source with an error and a source that does not exist (their messages together). */
let badAndMissingRun: CliResult | undefined;
function badAndMissing(): CliResult {
  if (!badAndMissingRun) {
    writeFileSync(join(dir, "source", "bad.md"), "---\ntitle: Bad\nyear: soon\n---\n\nText.\n");
    badAndMissingRun = runFolio(["build", "source/bad.md", "source/missing.md", "--formats", "html"], dir);
  }
  return badAndMissingRun;
}

describe("folio CLI", () => {
  it("prints usage with --help and exits 0", () => {
    const result = runFolio(["--help"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: folio build/);
  });

  it("builds every source/*.md into out/ by default", () => {
    const result = runFolio(["build", "--formats", "html"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, "out", "r.html"), "utf8")).toContain("A sentence of the good report.");
  });

  it("exits 2 on a usage error, naming the problem", async () => {
    // One through the `folio` process (its exit status); the others through the same entry in this
    // process (`main` returns what the process exits with): a process costs seconds of CPU.
    const result = runFolio(["bild"], dir);
    expect(result.code, "bild").toBe(2);
    expect(result.stderr).toMatch(/^folio: /);
    for (const args of [["build", "--formats", "html,odt"], ["build", "--nope"], []]) {
      const run = await mainInProcess(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^folio: /);
    }
  });

  it("exits 1 on a content error with file:line:column and no stack trace", () => {
    const result = badAndMissing();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("source/bad.md");
    expect(result.stderr).toMatch(/source\/bad\.md:3:1: error: Front matter field `year`/);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("names a source that does not exist", () => {
    const result = badAndMissing();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/source\/missing\.md[\s\S]*No such file/);
  });

  it("leaves the previous artifact intact and no temporary file when a build fails", async () => {
    // The previous artifact, built in this process: the failed CLI build after it is what is tested.
    await buildInProject(dir, ["source/r.md"], ["html"]);
    const before = readFileSync(join(dir, "out", "r.html"));
    const manifest = readFileSync(join(dir, "out", "manifest.json"));
    writeFileSync(join(dir, "source", "r.md"), "---\ntitle: [unclosed\n---\n\nChanged.\n");
    const result = runFolio(["build", "source/r.md", "--formats", "html"], dir);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, "out", "r.html")).equals(before)).toBe(true);
    expect(readFileSync(join(dir, "out", "manifest.json")).equals(manifest)).toBe(true);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["manifest.json", "r.html"]);
  });

  it("reports a warning (unknown field) but still builds and exits 0", () => {
    writeFileSync(join(dir, "source", "r.md"), "---\ntitle: R\ncolour: blue\n---\n\nText.\n");
    const result = runFolio(["build", "source/r.md", "--formats", "html"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/source\/r\.md:3:1: warning: Unknown front matter field `colour`/);
  });

  it("exits 1 naming the folder when the output folder cannot be written", () => {
    writeFileSync(join(dir, "blocker"), "a file where a folder should be");
    const result = runFolio(["build", "source/r.md", "--formats", "html", "--out", "blocker/out"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot write .*blocker/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
