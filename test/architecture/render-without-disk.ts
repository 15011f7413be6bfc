// Run as its own Node process (see pure-renderers.test.ts): loads Folio's assets and the reports (or
// books) named, then makes every file read of node:fs fail loudly (recorded) except inside the
// assets' own methods, and renders each report in every format. Prints what was read, by path, as JSON.
import { readFileSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { loadAssets } from "../../src/assets/load.ts";
import type { Assets } from "../../src/assets/types.ts";
import { installEngine } from "../../src/engine/install.ts";
import { loadDocument } from "../../src/model/book/load.ts";
import { renderOptions } from "../../src/pipeline/build.ts";
import { docxFormat } from "../../src/render/docx/format.ts";
import { factsheetFormat } from "../../src/render/factsheet/format.ts";
import { htmlFormat } from "../../src/render/html/format.ts";
import { pdfFormat } from "../../src/render/pdf/format.ts";

const paths = process.argv.length > 2 ? process.argv.slice(2) : ["source/mali-2021.md"];
const assets = loadAssets();
// Reports, or books (their chapters read at load, like a report's images): all loaded before the trap.
const models = paths.map((path) => loadDocument(path, assets));
// The engine's layers check their packages' versions (package.json) when installed: setup, as the
// CLI does up front, not a renderer's read.
installEngine();
const reads: string[] = [];
let inAssets = 0;
const fs = createRequire(import.meta.url)("node:fs") as Record<string, unknown>;
for (const name of [
  "readFileSync",
  "readFile",
  "openSync",
  "statSync",
  "existsSync",
  "readdirSync",
  "createReadStream",
]) {
  const original = fs[name] as (...args: unknown[]) => unknown;
  fs[name] = (...args: unknown[]) => {
    if (inAssets === 0) reads.push(`${name}(${String(args[0])})`);
    return original(...args);
  };
}
syncBuiltinESMExports();
const through =
  <A extends unknown[], R>(fn: (...args: A) => R) =>
  (...args: A): R => {
    inAssets++;
    try {
      return fn(...args);
    } finally {
      inAssets--;
    }
  };
const guarded: Assets = {
  ...assets,
  fonts: {
    subsets: through(assets.fonts.subsets),
    face: through(assets.fonts.face),
    fallbacks: assets.fonts.fallbacks,
    shipped: through(assets.fonts.shipped),
  },
  atlas: through(() => {
    const atlas = assets.atlas();
    return {
      ...atlas,
      geometry: atlas.geometry && through(atlas.geometry),
      divisions: atlas.divisions && through(atlas.divisions),
      divisionNames: atlas.divisionNames && through(atlas.divisionNames),
      divisionIndex: atlas.divisionIndex && through(atlas.divisionIndex),
    };
  }),
  gazetteer: through(assets.gazetteer),
};
// The trap itself, seen through an ES import (so a renderer's read would be seen too).
readFileSync("package.json");
const selfCheck = reads.splice(0);
const results: Record<string, { reads: string[]; artifacts: Record<string, number> }> = {};
for (const [i, path] of paths.entries()) {
  const model = models[i] as (typeof models)[number];
  const artifacts: Record<string, number> = {};
  for (const format of [htmlFormat, pdfFormat, docxFormat, factsheetFormat]) {
    const options = renderOptions(model, { sourceDateEpoch: 0, formats: ["factsheet"], alongside: [path] });
    const result = await format.render(model, guarded, options);
    artifacts[format.id] = result.artifacts.length;
  }
  // The reads made while rendering this document, and none of another's.
  results[path] = { reads: reads.splice(0), artifacts };
}
process.stdout.write(JSON.stringify({ selfCheck, results }));
