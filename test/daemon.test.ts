// The build daemon (src/pipeline/daemon.ts): `folio build` starts it on first use and hands it
// later builds' tasks; it must write the same bytes as a build without it, report errors the same
// way, let a second build run beside it, survive a daemon that dies, and stop when idle.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { folioCommand } from "./support/cli.ts";
import { daemonProcesses } from "./support/daemons.ts";
import { freshMakeBlob } from "./support/make-blob.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-daemon-"));
// A run of its own: its daemons (told apart by this setting, which is part of a daemon's identity)
// are found in /proc by it and stopped after the file.
const run = randomUUID();
// One set of settings for every build of the file, so that its tests share one daemon's identity
// (each new daemon costs a snapshot's start): a copy of Folio's templates the last test edits, a
// short idle wait, and the test hook that has the daemon kill itself when given `kill-me.md`
// (the first time only).
const templates = join(dir, "templates");
cpSync("templates", templates, { recursive: true });
const killedOnce = join(dir, "killed-once");
const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SOURCE_DATE_EPOCH: "0",
    FOLIO_DEBUG: "",
    NODE_OPTIONS: "",
  };
  delete env.CI;
  delete env.FOLIO_NO_DAEMON;
  return {
    ...env,
    FOLIO_DAEMON_TEST_RUN: run,
    FOLIO_TEMPLATES: templates,
    FOLIO_DAEMON_IDLE_S: "6",
    FOLIO_TEST_KILL_DAEMON: "kill-me.md",
    FOLIO_TEST_KILL_WORKER_ONCE: killedOnce,
  };
};
const folio = (args: string[], more: NodeJS.ProcessEnv = {}) =>
  spawnSync(folioCommand, args, { env: { ...baseEnv(), ...more }, encoding: "utf8", timeout: 300_000 });
const filesOf = (folder: string) =>
  new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));

/** The processes serving as this file's daemons, by pid, with their socket paths. */
function daemons(): Map<number, string> {
  return new Map(
    [...daemonProcesses(`FOLIO_DAEMON_TEST_RUN=${run}`)].map(([pid, { socket }]) => [pid, socket]),
  );
}

/** Waits until `done` holds, up to `ms`. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return done();
}

const sources = [
  "source/mali-2021.md",
  "test/fixtures/real/omb-m-13-13.md",
  "test/fixtures/real/think-tank-child-credit-brief.md",
];

describe.runIf(freshMakeBlob())("the build daemon", () => {
  beforeAll(() => {
    // The sources built without a daemon (one worker renders the three): what the daemon's builds
    // must equal.
    const built = folio(["build", ...sources, "--out", join(dir, "plain"), "-q"], { FOLIO_NO_DAEMON: "1" });
    expect(built.status, built.stderr).toBe(0);
    expect(daemons().size).toBe(0);
  }, 600_000);

  afterAll(async () => {
    // Stopped as a user would stop one (`kill PID`): it removes its socket, process id and log.
    const left = daemons();
    for (const pid of left.keys()) process.kill(pid, "SIGTERM");
    expect(await until(() => daemons().size === 0, 20_000)).toBe(true);
    for (const socket of left.values()) expect(existsSync(socket), socket).toBe(false);
  });

  it("is started by a build, serves the next ones, and writes the same bytes as a build without it", () => {
    // The first build finds no daemon, starts one and waits for it; every build is served by it.
    let started: number[] | undefined;
    for (const source of sources) {
      const built = folio(["build", source, "--out", join(dir, "daemon"), "-q"], { FOLIO_TIMINGS: "1" });
      expect(built.status, built.stderr).toBe(0);
      expect(built.stderr).toMatch(/^folio: timings: started from daemon \(folio\.blob\)$/m);
      expect(built.stderr).toMatch(/^folio: timings: pdf [\d.]+ ms cpu [\d.]+ ms$/m);
      started ??= [...daemons().keys()];
      expect(started.length).toBe(1);
    }
    expect([...daemons().keys()]).toEqual(started);
    const plain = filesOf(join(dir, "plain"));
    const served = filesOf(join(dir, "daemon"));
    expect([...served.keys()].sort()).toEqual([...plain.keys()].sort());
    expect(served.size).toBe(sources.length * 5 + 1);
    for (const [name, bytes] of plain) expect(served.get(name)?.equals(bytes), name).toBe(true);
  }, 600_000);

  it("serves a build of many sources, one task after another, without a warning", () => {
    // Twelve tasks on one connection (`--jobs 1`): each used to leave a listener on its socket,
    // and Node.js warned of a leak past ten.
    const project = mkdtempSync(join(dir, "many-"));
    const names = Array.from({ length: 12 }, (_, i) => `memo-${i}.md`);
    for (const [i, name] of names.entries())
      writeFileSync(join(project, name), `---\ntitle: Memo ${i}\n---\n\n# Memo\n\nMemo number ${i}.\n`);
    const built = spawnSync(
      folioCommand,
      ["build", ...names, "--jobs", "1", "-f", "html", "--out", "out", "-q"],
      {
        cwd: project,
        env: { ...baseEnv(), FOLIO_TIMINGS: "1" },
        encoding: "utf8",
      },
    );
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr.match(/^folio: timings: started from daemon/gm)?.length).toBe(names.length);
    expect(built.stderr).not.toMatch(/Warning/);
  }, 300_000);

  it("reports a source's error at its line and column, exits 1 and writes nothing", () => {
    const project = mkdtempSync(join(dir, "bad-"));
    writeFileSync(join(project, "bad.md"), "---\ntitle: A memo\n---\n\n# Memo\n\nText[^nope].\n");
    const built = spawnSync(folioCommand, ["build", "bad.md", "--out", "out"], {
      cwd: project,
      env: { ...baseEnv(), FOLIO_TIMINGS: "1" },
      encoding: "utf8",
    });
    expect(built.status).toBe(1);
    expect(built.stderr).toMatch(/^folio: timings: started from daemon/m);
    expect(built.stderr).toMatch(/^bad\.md:7:5: error: Footnote `\[\^nope\]` has no definition/m);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(project, "out"))).toBe(false);
  }, 300_000);

  it("lets a build that finds it busy start its own worker", async () => {
    // This test holds the daemon (as another build would, between its tasks) while a build runs.
    const [socket] = [...daemons().values()];
    const holder = createConnection(socket as string);
    await new Promise((resolve) => holder.once("data", resolve));
    try {
      const built = folio(["build", sources[0] as string, "--out", join(dir, "busy"), "-q"], {
        FOLIO_TIMINGS: "1",
      });
      expect(built.status, built.stderr).toBe(0);
      expect(built.stderr).toMatch(/^folio: timings: started from folio\.blob$/m);
    } finally {
      holder.destroy();
    }
    const plain = filesOf(join(dir, "plain"));
    for (const [name, bytes] of filesOf(join(dir, "busy")))
      if (name !== "manifest.json") expect(plain.get(name)?.equals(bytes), name).toBe(true);
    // Released, it serves the next build.
    const next = folio(["build", sources[0] as string, "--out", join(dir, "busy"), "-q"], {
      FOLIO_TIMINGS: "1",
    });
    expect(next.stderr).toMatch(/^folio: timings: started from daemon/m);
  }, 300_000);

  it("builds in a fresh worker when the daemon dies with the task, and starts anew after a dead one", () => {
    const project = mkdtempSync(join(dir, "kill-"));
    writeFileSync(join(project, "kill-me.md"), "---\ntitle: A memo\n---\n\n# Memo\n\nA short memo.\n");
    const build = (out: string, more: NodeJS.ProcessEnv = {}) =>
      spawnSync(folioCommand, ["build", "kill-me.md", "--out", out, "-q"], {
        cwd: project,
        env: { ...baseEnv(), FOLIO_TIMINGS: "1", ...more },
        encoding: "utf8",
      });
    const [served] = [...daemons().keys()];
    const killed = build("killed");
    expect(killed.status, killed.stderr).toBe(0);
    expect(existsSync(killedOnce)).toBe(true);
    expect(daemons().has(served as number)).toBe(false);
    // The retry ran in a worker started for it, and wrote what a build without a daemon writes.
    expect(killed.stderr).not.toMatch(/started from daemon/);
    expect(killed.stderr).toMatch(/^folio: timings: started from folio\.blob$/m);
    expect(build("plain", { FOLIO_NO_DAEMON: "1" }).status).toBe(0);
    const plain = filesOf(join(project, "plain"));
    expect(plain.size).toBe(6);
    for (const [name, bytes] of filesOf(join(project, "killed")))
      if (name !== "manifest.json") expect(plain.get(name)?.equals(bytes), name).toBe(true);
    // Its socket is left behind, as after any SIGKILL: the next build starts a daemon in its place.
    const again = folio(["build", sources[0] as string, "--out", join(dir, "again"), "-f", "html", "-q"], {
      FOLIO_TIMINGS: "1",
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^folio: timings: started from daemon/m);
    expect(daemons().size).toBe(1);
  }, 300_000);

  it("loads Folio's templates again when one of their files changes, and stops when idle", async () => {
    const build = (out: string, more: NodeJS.ProcessEnv = {}) => {
      const built = folio(["build", sources[0] as string, "--out", join(dir, out), "-f", "html", "-q"], {
        FOLIO_TIMINGS: "1",
        ...more,
      });
      expect(built.status, built.stderr).toBe(0);
      expect(built.stderr.includes("started from daemon"), built.stderr).toBe(!more.FOLIO_NO_DAEMON);
      return readFileSync(join(dir, out, "mali-2021.html"), "utf8");
    };
    expect(build("templates-before")).toContain(">Contents<");
    const [[pid, socket]] = [...daemons()] as [[number, string]];
    const labels = join(templates, "labels", "en.yaml");
    writeFileSync(
      labels,
      readFileSync(labels, "utf8").replace("contents: Contents", "contents: In this report"),
    );
    const served = build("templates-after");
    expect(served).toContain(">In this report<");
    expect(served).toBe(build("templates-plain", { FOLIO_NO_DAEMON: "1" }));
    // Idle (FOLIO_DAEMON_IDLE_S), it stops and removes its socket and process id.
    expect(existsSync(socket)).toBe(true);
    expect(await until(() => !daemons().has(pid), 20_000)).toBe(true);
    expect(existsSync(socket)).toBe(false);
    expect(existsSync(socket.replace(/\.sock$/, ".pid"))).toBe(false);
  }, 300_000);

  it("stops a daemon of an earlier blob, and clears a dead one's files, when a new one starts", async () => {
    // A blob of its own (a copy of make's), so that it can be "rebuilt" by a change of its time.
    const blobs = mkdtempSync(join(dir, "blob-"));
    const blob = join(blobs, "folio.blob");
    copyFileSync(freshMakeBlob() as string, blob);
    const build = () => {
      const built = spawnSync(
        process.execPath,
        [
          join("src", "bin", "folio.js"),
          "build",
          sources[0] as string,
          "--out",
          join(dir, "outdated"),
          "-f",
          "html",
          "-q",
        ],
        // Idle for ten minutes: only the new daemon can make the old one stop within the test.
        {
          env: { ...baseEnv(), FOLIO_WORKER_SNAPSHOT: blob, FOLIO_DAEMON_IDLE_S: "600", FOLIO_TIMINGS: "1" },
          encoding: "utf8",
        },
      );
      expect(built.status, built.stderr).toBe(0);
      expect(built.stderr).toMatch(/^folio: timings: started from daemon/m);
    };
    build();
    const [[old, oldSocket]] = [...daemons()].filter(([, socket]) => socket.startsWith(blobs)) as [
      [number, string],
    ];
    // What a daemon killed with SIGKILL leaves: its socket's record and process id, no process.
    const dead = join(blobs, "daemon", "0123456789abcdef");
    writeFileSync(`${dead}.blob`, JSON.stringify([blob, 1, 1]));
    writeFileSync(`${dead}.pid`, "999999999");
    writeFileSync(`${dead}.log`, "");
    // `make` rebuilt the blob: a new identity, a new daemon, which stops the old one.
    const later = new Date(Date.now() + 10_000);
    utimesSync(blob, later, later);
    build();
    expect(await until(() => !daemons().has(old), 20_000)).toBe(true);
    expect(existsSync(oldSocket)).toBe(false);
    expect(existsSync(oldSocket.replace(/\.sock$/, ".blob"))).toBe(false);
    for (const end of [".blob", ".pid", ".log"]) expect(existsSync(`${dead}${end}`), end).toBe(false);
    const fresh = [...daemons()].filter(([, socket]) => socket.startsWith(blobs));
    expect(fresh.length).toBe(1);
    for (const [pid] of fresh) process.kill(pid, "SIGTERM");
    expect(await until(() => fresh.every(([pid]) => !daemons().has(pid)), 20_000)).toBe(true);
  }, 300_000);

  // (With FOLIO_NO_DAEMON, the builds before the first test and the plain ones above started none.)
  it("is not started under CI", () => {
    const before = daemons().size;
    expect(before).toBe(0);
    const built = folio(["build", sources[0] as string, "--out", join(dir, "off"), "-f", "html", "-q"], {
      CI: "true",
      FOLIO_TIMINGS: "1",
    });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).not.toMatch(/started from daemon/);
    expect(daemons().size).toBe(before);
  }, 300_000);
});
