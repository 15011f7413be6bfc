// Writes Mali as Typst markup (test/bench/typst/convert.ts) and its faces as TrueType files, for the
// cold-PDF benchmark; prints the two paths.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAssets } from "../../../src/assets/load.ts";
import { loadReport } from "../../../src/model/load.ts";
import { toTypst } from "./convert.ts";

const [source, dir] = process.argv.slice(2) as [string, string];
const assets = loadAssets();
const model = loadReport(source, assets);
mkdirSync(join(dir, "fonts"), { recursive: true });
for (const role of ["body", "heading", "mono"] as const)
  for (const weight of [400, 600, 700] as const)
    for (const style of ["normal", "italic"] as const) {
      try {
        writeFileSync(
          join(dir, "fonts", `${role}-${weight}-${style}.ttf`),
          assets.fonts.face(role, weight, style, "sfnt"),
        );
      } catch {
        // a weight the face does not ship
      }
    }
writeFileSync(join(dir, `${model.name}.typ`), toTypst(model, assets));
console.log(join(dir, `${model.name}.typ`));
