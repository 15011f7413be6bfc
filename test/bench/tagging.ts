// Cost of tagging (PDF/UA-1, src/engine/pdfmake/tagging.ts): Mali's report PDF and fact sheet PDF
// rendered warm in one process, tagged and untagged interleaved, median of each; and their sizes.
// Targets (issue 13): at most +15% render time, at most +25% bytes.
import { loadAssets } from "../../src/assets/load.ts";
import { loadReport } from "../../src/model/load.ts";
import { renderOptions } from "../../src/pipeline/build.ts";
import { sheetPrinter } from "../../src/render/factsheet/fonts.ts";
import { factSheetLayout } from "../../src/render/factsheet/layout.ts";
import { factSheetDefinition } from "../../src/render/factsheet/pdf.ts";
import { buildFactSheet } from "../../src/render/factsheet/sheet.ts";
import { messageFile } from "../../src/render/format.ts";
import { pdfDocument } from "../../src/render/pdf/document.ts";
import { pdfFonts } from "../../src/render/pdf/fonts.ts";
import { addOutline } from "../../src/render/pdf/outline.ts";
import { fmt, median, table, verdict } from "./lib.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 31);
const assets = loadAssets();
const model = loadReport("source/mali-2021.md", assets);
const options = { ...renderOptions(model, {}), sourceDateEpoch: 0 };
const printer = pdfFonts(assets.fonts).printer();
const sheet = await buildFactSheet(
  model,
  assets,
  factSheetLayout(assets.theme, options.paper),
  messageFile(model),
);

/** Turns a definition's tagging off (pdfmake then draws with its own loop, as before issue 13). */
function untag<T>(definition: T, tagged: boolean): T {
  const d = definition as Record<string, unknown>;
  d.tagged = tagged;
  if (!tagged) delete d.subset;
  return definition;
}
const renders = {
  report: async (tagged: boolean) => {
    const plan = pdfDocument(model, assets, options, messageFile(model));
    return printer.render(untag(plan.definition, tagged), plan.resources, (doc) =>
      addOutline(doc, model.outline, plan.placedIds),
    );
  },
  "fact sheet": async (tagged: boolean) => {
    const definition = factSheetDefinition(sheet, assets.theme, {
      subject: model.description,
      creationDate: new Date(0),
      creator: "Folio",
    });
    return (await sheetPrinter(assets).layOut(untag(definition, tagged))).bytes();
  },
};

const rows: string[][] = [];
for (const [name, render] of Object.entries(renders)) {
  const times = { tagged: [] as number[], untagged: [] as number[] };
  const sizes = { tagged: 0, untagged: 0 };
  for (let i = 0; i < 3; i++) await render(i % 2 === 0); // warm-up: fonts, caches, JIT
  for (let i = 0; i < rounds; i++)
    for (const tagged of i % 2 ? [true, false] : [false, true]) {
      const start = performance.now();
      const bytes = await render(tagged);
      times[tagged ? "tagged" : "untagged"].push(performance.now() - start);
      sizes[tagged ? "tagged" : "untagged"] = bytes.length;
    }
  const [t, u] = [median(times.tagged), median(times.untagged)];
  const time = t / u - 1;
  const size = sizes.tagged / sizes.untagged - 1;
  rows.push([
    name,
    `${fmt(u)} → ${fmt(t)}`,
    `${time >= 0 ? "+" : ""}${(time * 100).toFixed(1)}% ${verdict(time <= 0.15)}`,
    `${sizes.untagged.toLocaleString("en")} → ${sizes.tagged.toLocaleString("en")} B`,
    `${size >= 0 ? "+" : ""}${(size * 100).toFixed(1)}% ${verdict(size <= 0.25)}`,
  ]);
}
console.log(`\nTagging cost (median of ${rounds} warm renders each, untagged → tagged)`);
table(["PDF", "warm render", "time (≤ +15%)", "size", "size (≤ +25%)"], rows);
