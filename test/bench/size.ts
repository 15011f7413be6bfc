// Size: a document made of the GFM spec's examples (each under its own heading), 1× ≈ 64 KB,
// then 4× and 16× (≈ 1 MB), built cold by the CLI once per format (HTML, PDF, DOCX: it has no
// facts for a fact sheet). Time should grow linearly: ms per KB at 16× within 1.5× of 4×.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { specExamples } from "../support/gfm-spec.ts";
import { fmt, median, run, table, verdict } from "./lib.ts";

const runs = Number(process.env.BENCH_RUNS_SIZE ?? 3);
const formatList = (process.env.BENCH_SIZE_FORMATS ?? "html,pdf,docx").split(",");
const sizes = [1, 4, 16];
const unitBytes = 64 * 1024;
const dir = mkdtempSync(join(tmpdir(), "folio-bench-size-"));

// Examples with images are left out: their local files (moon.jpg…) do not exist, an error in Folio.
const examples = specExamples().filter((e) => !e.markdown.includes("!["));

/** The examples in order, round after round, until the document is `bytes` long. */
function sourceOf(bytes: number, times: number): string {
  const parts = [`---\ntitle: GFM spec examples ×${times}\n---\n`];
  let size = Buffer.byteLength(parts[0] as string);
  for (let k = 0; size < bytes; k++) {
    const e = examples[k % examples.length] as (typeof examples)[number];
    const round = Math.floor(k / examples.length) + 1;
    const part = `## Part ${round}, example ${e.number} (${e.section})\n\n${e.markdown}\n\n<!-- end -->\n`;
    parts.push(part);
    size += Buffer.byteLength(part) + 1;
  }
  return parts.join("\n");
}

const rows: string[][] = [];
const perKb = new Map<string, number[]>();
for (const times of sizes) {
  const text = sourceOf(unitBytes * times, times);
  const path = join(dir, `gfm-${times}x.md`);
  writeFileSync(path, text);
  const kb = Buffer.byteLength(text) / 1024;
  for (const format of formatList) {
    const results = Array.from({ length: runs }, () =>
      run("node", ["src/bin/folio.js", "build", path, "--out", join(dir, "out"), "-q", "-f", format]),
    );
    const ms = median(results.map((r) => r.ms));
    perKb.set(format, [...(perKb.get(format) ?? []), ms / kb]);
    rows.push([
      `${times}×`,
      `${kb.toFixed(0)} KB`,
      format,
      fmt(ms),
      `${(ms / kb).toFixed(1)} ms/KB`,
      `${Math.max(...results.map((r) => r.peakMb ?? 0)).toFixed(0)} MB`,
    ]);
  }
}
console.log(`\n## Size: GFM spec examples, 1× = 64 KB, one cold process per format (median of ${runs})\n`);
table(["size", "Markdown", "format", "median wall", "per KB", "peak RSS"], rows);
console.log("");
for (const [format, [, four, sixteen]] of perKb) {
  const growth = (sixteen ?? 0) / (four ?? 1);
  console.log(
    `${format}: linear growth (ms/KB at 16× within 1.5× of 4×): ${growth.toFixed(2)} → ${verdict(growth <= 1.5)}`,
  );
}

// One paragraph, 64 KB → 256 KB → 1 MB (no block limit any more: pdfmake's line builder was
// quadratic in a paragraph, src/engine/pdfmake/line-builder.ts made it linear): the PDF.
const vocabulary = [
  "the",
  "report",
  "states",
  "figures",
  "in",
  "its",
  "sentences",
  "Bamako",
  "attacks",
  "border",
];
const paragraphRows: string[][] = [];
const paragraphPerKb: number[] = [];
for (const times of sizes) {
  const count = Math.round((unitBytes * times) / 6);
  const words = Array.from({ length: count }, (_, i) => vocabulary[(i * 7) % vocabulary.length]).join(" ");
  const path = join(dir, `paragraph-${times}x.md`);
  writeFileSync(path, `---\ntitle: One paragraph ×${times}\n---\n\n${words}\n`);
  const kb = (unitBytes * times) / 1024;
  const results = Array.from({ length: runs }, () =>
    run("node", ["src/bin/folio.js", "build", path, "--out", join(dir, "out"), "-q", "-f", "pdf"]),
  );
  const ms = median(results.map((r) => r.ms));
  paragraphPerKb.push(ms / kb);
  paragraphRows.push([`${times}×`, `${kb.toFixed(0)} KB`, fmt(ms), `${(ms / kb).toFixed(1)} ms/KB`]);
}
console.log(`\n## Size: one paragraph, PDF (median of ${runs})\n`);
table(["size", "paragraph", "median wall", "per KB"], paragraphRows);
const paragraphGrowth = (paragraphPerKb[2] ?? 0) / (paragraphPerKb[1] ?? 1);
console.log(
  `\none paragraph, pdf: linear growth (ms/KB at 16× within 1.5× of 4×): ${paragraphGrowth.toFixed(2)} → ${verdict(paragraphGrowth <= 1.5)}`,
);
