import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { commandNames } from "../src/cli/main.ts";
import { runFolio } from "./support/cli.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("folio --help", () => {
  const dir = mkdtempSync(join(tmpdir(), "folio-help-"));
  const help = runFolio(["--help"], dir);
  rmSync(dir, { recursive: true, force: true });
  /** The commands the usage lines name: `folio NAME …`. */
  const listed = [...help.stdout.matchAll(/^(?:Usage:)?\s+folio (\w+)/gm)].map((m) => m[1]);

  // main.ts dispatches through the same table, so a command cannot run without being listed.
  it("lists every command the CLI runs, each once, in the table's order", () => {
    expect(help.code).toBe(0);
    expect(commandNames).toContain("facts");
    expect(listed).toEqual([...commandNames]);
  });

  // --help and --version alone are answered without loading the CLI (src/cli/quick.ts): help still
  // wins over version, as parseArgs does in main.ts, and any other argument goes to main.
  it("answers -v -h with the help text, and -v with an unknown option as a usage error", () => {
    const both = runFolio(["-v", "-h"], root);
    expect(both.code).toBe(0);
    expect(both.stdout).toBe(help.stdout);
    const wrong = runFolio(["--version", "--verbose"], root);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toMatch(/^folio: Unknown option '--verbose'[\s\S]*Usage: folio build/);
  });

  it("suggests a listed command for a mistyped one", () => {
    const result = runFolio(["fatcs"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command `fatcs`: did you mean `facts`\?/);
  });
});

/** The machine's own `node` (not the pinned runtime the tests run on), if it has one beside npx. */
function machineNode(): string | undefined {
  const pinned = realpathSync(process.execPath);
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    const node = join(folder, "node");
    if (!folder || !existsSync(node) || !existsSync(join(folder, "npx"))) continue;
    if (realpathSync(node) !== pinned) return node;
  }
  return undefined;
}

describe("npx folio on a machine whose own Node.js is another version", () => {
  const node = machineNode();
  const version = node ? spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim() : "";

  it.skipIf(!node)(`prints the version and no npm warning (machine's node ${version})`, () => {
    // The machine's node and npx first on PATH, and none of the npm_* variables of the test run.
    const env: NodeJS.ProcessEnv = {
      HOME: process.env.HOME,
      PATH: `${dirname(node as string)}:/usr/bin:/bin`,
    };
    const result = spawnSync(join(dirname(node as string), "npx"), ["folio", "--version"], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.stderr).not.toMatch(/EBADENGINE|npm warn/i);
    expect(result.status, `${result.stderr}${result.error ?? ""}`).toBe(0);
    const pinned = readFileSync(join(root, ".node-version"), "utf8").trim();
    expect(result.stdout.trim()).toBe(
      `folio ${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version} (Node.js v${pinned})`,
    );
  });

  it.skipIf(!node)(
    `runs src/bin/folio.js itself again on the pinned runtime (machine's node ${version})`,
    () => {
      // The entry must load on any Node.js before it can hand over: a named import of an export the
      // older one lacks (enableCompileCache, Node.js 22.1) failed there with a stack trace.
      const result = spawnSync(node as string, ["src/bin/folio.js", "--version"], {
        cwd: root,
        env: { HOME: process.env.HOME, PATH: `${dirname(node as string)}:/usr/bin:/bin` },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const pinned = readFileSync(join(root, ".node-version"), "utf8").trim();
      expect(result.stdout.trim()).toBe(
        `folio ${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version} (Node.js v${pinned})`,
      );
    },
  );

  it.skipIf(!node)(
    `passes a SIGTERM sent to it alone on to the pinned process it runs (machine's node ${version})`,
    async () => {
      // Run synchronously, the pinned process outlived a `kill PID` of the launcher: a watch orphaned.
      const dir = mkdtempSync(join(tmpdir(), "folio-launcher-signal-"));
      const source = join(dir, "r.md");
      writeFileSync(source, "---\ntitle: Signalled\n---\n\nA line.\n");
      const launcher = spawn(
        node as string,
        ["src/bin/folio.js", "watch", source, "--out", join(dir, "out"), "--port", "0", "--formats", "html"],
        { cwd: root, env: { HOME: process.env.HOME, PATH: `${dirname(node as string)}:/usr/bin:/bin` } },
      );
      let said = "";
      launcher.stdout.on("data", (chunk) => (said += chunk));
      const exited = new Promise<void>((resolve) => launcher.on("exit", () => resolve()));
      // The pinned processes that watch this source (the launcher runs under the machine's node).
      const watchers = () =>
        spawnSync("pgrep", ["-f", `folio.js watch ${source}`], { encoding: "utf8" })
          .stdout.split("\n")
          .filter((pid) => pid && Number(pid) !== launcher.pid);
      try {
        for (let waited = 0; !said.includes("Preview on"); waited += 100) {
          if (waited > 60_000) throw new Error("the watch did not start");
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(watchers()).toHaveLength(1);
        launcher.kill("SIGTERM");
        await exited;
        for (let waited = 0; watchers().length > 0 && waited < 10_000; waited += 100)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(watchers()).toEqual([]);
      } finally {
        for (const pid of watchers()) process.kill(Number(pid), "SIGKILL");
        launcher.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("declares an engines range the machine's node satisfies (the launcher runs the pinned one)", () => {
    const engines = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines.node as string;
    const lowest = Number(/^>=(\d+)/.exec(engines)?.[1]);
    expect(lowest).toBeLessThanOrEqual(20);
    if (version) expect(Number(version.slice(1).split(".")[0])).toBeGreaterThanOrEqual(lowest);
  });
});
