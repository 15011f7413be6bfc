#!/usr/bin/env node
// Entry point of the `folio` command: runs the CLI from the esbuild bundle that `make` writes
// (node_modules/.cache/folio/, see src/tools/bundle.js) when it is newer than every source file,
// else loads the TypeScript sources through tsx. Any unexpected failure becomes one line (stack
// traces only with FOLIO_DEBUG=1). FOLIO_FROM_SOURCE=1 forces the sources.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
// A namespace, not a named import: Node.js before 22.1 has no enableCompileCache, and a named
// import of it fails before this file can run itself again on the pinned runtime (below).
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";

/**
 * Folio runs on the Node.js pinned in .node-version. Started by another major version (`npx folio`
 * on a machine whose own node is older), it runs itself again on the pinned runtime that `make`
 * fetched into .runtime/, or says how to get it. Written for any Node.js, so old ones get the message.
 */
function pinnedRuntime() {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const want = readFileSync(`${root}.node-version`, "utf8").trim();
  if (want.split(".")[0] === process.versions.node.split(".")[0]) return undefined;
  const node = `${root}.runtime/node-${want}/bin/node`;
  if (existsSync(node)) return node;
  process.stderr.write(
    `folio: Folio runs on Node.js ${want}; this is Node.js ${process.versions.node}. Run \`make\` in ${root} (it fetches Node.js ${want}) or install Node.js ${want.split(".")[0]}.\n`,
  );
  process.exit(1);
}

if (isMainThread) {
  const node = pinnedRuntime();
  if (node) {
    const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: "inherit",
    });
    // A signal sent to this process alone (`kill PID`, a supervisor) is passed on: with the child
    // run synchronously, this process died of it and left the child running (a watch, orphaned).
    // Ctrl-C's SIGINT already reaches both (one process group): this one waits for the child.
    for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
    process.on("SIGINT", () => {});
    const [code, signal] = await new Promise((resolve) => child.on("exit", (...outcome) => resolve(outcome)));
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  }
}

const bundle = fileURLToPath(new URL("../../node_modules/.cache/folio/folio.mjs", import.meta.url));
const compileCache = fileURLToPath(new URL("../../node_modules/.cache/folio/compile-cache", import.meta.url));
const quickBundle = fileURLToPath(new URL("../../node_modules/.cache/folio/quick.mjs", import.meta.url));
const sources = fileURLToPath(new URL("..", import.meta.url));

/** Newest modification time under a folder (a few hundred stats: about a millisecond). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

/** The bundle (or one of its entries), when it exists and no source changed after it was written. */
function freshBundle(file = bundle) {
  if (process.env.FOLIO_FROM_SOURCE) return undefined;
  try {
    return statSync(file).mtimeMs >= newest(sources) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Only -h/--help/-v/--version: answered from the small quick.mjs, without loading the CLI. */
const quickFlags = new Set(["-h", "--help", "-v", "--version"]);
const args = process.argv.slice(2);
const quick = isMainThread && args.length > 0 && args.every((arg) => quickFlags.has(arg));

/**
 * The CLI's exports (or quick.mjs's): from the bundle while fresh, else from the TypeScript
 * sources. The bundle's compiled code is kept in V8's compile cache beside it (rebuilt with it),
 * for the processes that start from the bundle rather than the snapshot: a build's pool process,
 * and every process when there is no snapshot. FOLIO_NO_COMPILE_CACHE=1 goes without.
 */
async function load(bundled, source) {
  const fresh = freshBundle(bundled);
  if (fresh) {
    if (!process.env.FOLIO_NO_COMPILE_CACHE) nodeModule.enableCompileCache?.(compileCache);
    return import(fresh);
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(source);
}

try {
  if (quick) {
    const { quickAnswer } = await load(quickBundle, "../cli/quick.ts");
    process.stdout.write(quickAnswer(args));
  } else {
    const { main, runPoolWorkerProcess } = await load(bundle, "../cli/main.ts");
    // The same entry serves as a worker process of the build pool (src/pipeline/pool.ts).
    if (args[0] === "--folio-pool-worker") await runPoolWorkerProcess();
    else process.exitCode = await main(args);
  }
} catch (error) {
  if (process.env.FOLIO_DEBUG) console.error(error);
  else
    process.stderr.write(
      `folio: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  process.exitCode = 1;
}
