// The `folio` command (src/bin/folio) starts a build's pool process from the plain bundle and its
// workers from the startup snapshot `make` built: the same bytes as a pool process started from the
// snapshot (FOLIO_POOL_FROM_SNAPSHOT=1), errors reported the same way.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshMakeBlob } from "./support/make-blob.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-launcher-"));
const env = { ...process.env, SOURCE_DATE_EPOCH: "0", FOLIO_DEBUG: "", NODE_OPTIONS: "" };
const folio = (args: string[], more: Record<string, string> = {}) =>
  spawnSync("src/bin/folio", args, { env: { ...env, ...more }, encoding: "utf8", timeout: 300_000 });
const filesOf = (folder: string) =>
  new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));

// Each build has Mali and a source that does not exist: one worker renders the one and reports the
// other, so the same two runs show the bytes written and the error reported.
const sources = ["source/mali-2021.md", "no-such-report.md"];
const errorLines = (stderr: string) =>
  stderr.split("\n").filter((line) => !line.startsWith("folio: timings: "));

describe("the folio command's build", () => {
  let viaBundle: ReturnType<typeof folio>;
  beforeAll(() => {
    viaBundle = folio(["build", ...sources, "--out", join(dir, "bundle"), "-q"], { FOLIO_TIMINGS: "1" });
  }, 300_000);

  it("writes the same bytes as a pool process started from the snapshot, and reports the same errors", () => {
    expect(viaBundle.status, viaBundle.stderr).toBe(1);
    const old = folio(["build", ...sources, "--out", join(dir, "snapshot"), "-q"], {
      FOLIO_POOL_FROM_SNAPSHOT: "1",
    });
    expect(old.status, old.stderr).toBe(1);
    expect(errorLines(old.stderr)).toEqual(errorLines(viaBundle.stderr));
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
    expect(viaBundle.status).toBe(1);
    expect(errorLines(viaBundle.stderr).filter((line) => line !== "")).toEqual([
      expect.stringMatching(/^no-such-report\.md: error: No such file/),
    ]);
    expect(viaBundle.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});

describe("the folio command's environment", () => {
  // The launcher asks glibc's malloc for transparent huge pages for itself and its workers (a start
  // from the snapshot faulted in its blob 4 KB at a time), keeping any tunables already set.
  const trace = (tunables?: string) => {
    // Without the tunables `make test` itself sets, unless given.
    const rest: NodeJS.ProcessEnv = { ...env };
    delete rest.GLIBC_TUNABLES;
    return spawnSync("sh", ["-x", "src/bin/folio", "--version"], {
      env: { ...rest, ...(tunables === undefined ? {} : { GLIBC_TUNABLES: tunables }) },
      encoding: "utf8",
    });
  };

  it("sets glibc's huge-page tunable, after those already set", () => {
    const plain = trace();
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/export GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1$/m);
    const kept = trace("glibc.malloc.check=0");
    expect(kept.stderr).toMatch(/export GLIBC_TUNABLES=glibc\.malloc\.check=0:glibc\.malloc\.hugetlb=1$/m);
  });

  // Which process a command starts as: the exec line of the launcher's trace.
  const started = (args: string[]) =>
    spawnSync("sh", ["-x", "src/bin/folio", ...args], { env, encoding: "utf8", timeout: 120_000 })
      .stderr.split("\n")
      .filter((line) => /^\+ (\S+=\S+ )?exec /.test(line));

  it("starts watch from the snapshot and every command that renders nothing itself from the bundle", () => {
    // Each with an option it refuses, so that it exits at once.
    for (const command of ["check", "facts", "manifest", "review", "fatcs"])
      expect(started([command, "--no-such-option"]), command).toEqual([
        expect.stringMatching(/\/src\/bin\/folio\.js \S+ --no-such-option$/),
      ]);
    // Only a fresh blob is started from (a stale one never); `make test` has just built it.
    const blob = freshMakeBlob();
    expect(blob).toBeDefined();
    expect(started(["watch", "--no-such-option"])).toEqual([
      expect.stringMatching(/ --snapshot-blob \S+folio\.blob -- watch --no-such-option$/),
    ]);
    expect(started(["build", "--no-such-option"])).toEqual([
      expect.stringMatching(/^\+ FOLIO_WORKER_SNAPSHOT=\S+folio\.blob exec \S+ \S+src\/bin\/folio\.js build/),
    ]);
  });

  it("finds the command after options and their values, as the CLI does", () => {
    const snapshot = / --snapshot-blob \S+folio\.blob -- /;
    const pool = /^\+ FOLIO_WORKER_SNAPSHOT=\S+folio\.blob exec /;
    const bundle = /^\+ exec \S+ \S+src\/bin\/folio\.js /;
    const cases: Array<[string[], RegExp]> = [
      // An option's value that reads like a command is not the command.
      [["--out", "build", "watch"], snapshot],
      [["-o", "build", "watch"], snapshot],
      [["-qo", "build", "watch"], snapshot],
      [["--out=build", "watch"], snapshot],
      [["-obuild", "watch"], snapshot],
      [["-j", "2", "-q", "build"], pool],
      [["--", "build"], pool],
      // The first positional is the command: a source named `build` is not.
      [["review", "build"], bundle],
      [["--out", "watch", "check", "build"], bundle],
    ];
    for (const [args, expected] of cases)
      expect(started([...args, "--no-such-option"]), args.join(" ")).toEqual([
        expect.stringMatching(expected),
      ]);
    // FOLIO_POOL_FROM_SNAPSHOT starts a build's own process from the snapshot too.
    const fromSnapshot = spawnSync("sh", ["-x", "src/bin/folio", "-q", "build", "--no-such-option"], {
      env: { ...env, FOLIO_POOL_FROM_SNAPSHOT: "1" },
      encoding: "utf8",
    }).stderr;
    expect(fromSnapshot).toMatch(
      /^\+ exec \S+ --snapshot-blob \S+folio\.blob -- -q build --no-such-option$/m,
    );
  });
});
