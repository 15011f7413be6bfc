// The `folio` command (src/bin/folio) starts a build's pool process from the plain bundle and its
// workers from the startup snapshot `make` built: the same bytes as a pool process started from the
// snapshot (FOLIO_POOL_FROM_SNAPSHOT=1), errors reported the same way.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "folio-launcher-"));
const env = { ...process.env, SOURCE_DATE_EPOCH: "0", FOLIO_DEBUG: "", NODE_OPTIONS: "" };
const folio = (args: string[], more: Record<string, string> = {}) =>
  spawnSync("src/bin/folio", args, { env: { ...env, ...more }, encoding: "utf8", timeout: 300_000 });
const filesOf = (folder: string) =>
  new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));

describe("the folio command's build", () => {
  let viaBundle: ReturnType<typeof folio>;
  beforeAll(() => {
    viaBundle = folio(["build", "source/mali-2021.md", "--out", join(dir, "bundle"), "-q"], {
      FOLIO_TIMINGS: "1",
    });
  }, 300_000);

  it("writes the same bytes as a pool process started from the snapshot", () => {
    expect(viaBundle.status, viaBundle.stderr).toBe(0);
    const old = folio(["build", "source/mali-2021.md", "--out", join(dir, "snapshot"), "-q"], {
      FOLIO_POOL_FROM_SNAPSHOT: "1",
    });
    expect(old.status, old.stderr).toBe(0);
    const made = filesOf(join(dir, "bundle"));
    expect([...made.keys()].sort()).toEqual([...filesOf(join(dir, "snapshot")).keys()].sort());
    expect(made.size).toBe(6);
    for (const [name, bytes] of filesOf(join(dir, "snapshot")))
      expect(made.get(name)?.equals(bytes), name).toBe(true);
  }, 300_000);

  it("passes on the worker's timings, each step with its CPU time", () => {
    for (const step of ["start", "load", "html", "pdf", "docx", "factsheet"])
      expect(viaBundle.stderr).toMatch(
        new RegExp(`^folio: timings: ${step} [\\d.]+ ms cpu [\\d.]+ ms$`, "m"),
      );
  });

  it("reports a missing source as one line and exits 1", () => {
    const run = folio(["-j", "1", "build", "no-such-report.md", "--out", join(dir, "missing")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no-such-report.md: error: No such file");
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});
