// Size: a document made of the GFM spec's examples, repeated to 1×, 2× and 4× (4× ≈ 416 KB: Folio
// refuses sources over 0.5 MB), built cold (HTML and DOCX by default: it has no facts for a fact
// sheet). Time should grow linearly.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { specExamples } from "../test/support/gfm-spec.ts";
import { fmt, median, run, table, verdict } from "./lib.ts";

const runs = Number(process.env.BENCH_RUNS_SIZE ?? 3);
// PDF is opt-in (BENCH_SIZE_FORMATS=html,pdf,docx): pdfmake lays the whole document out again for
// every page break Folio's pagination adds, so its time grows with the square of the length.
const formatsList = process.env.BENCH_SIZE_FORMATS ?? "html,docx";
const dir = mkdtempSync(join(tmpdir(), "folio-bench-size-"));
// Each example under its own heading, so the document has an outline like a real one.
// Examples with images are left out: their local files (moon.jpg…) do not exist, an error in Folio.
const unit = specExamples()
  .filter((e) => !e.markdown.includes("!["))
  .map((e) => `## Example ${e.number} (${e.section})\n\n${e.markdown}\n\n<!-- end -->\n`)
  .join("\n");
const base = Math.ceil((1024 * 1024) / 16 / unit.length);
const rows: string[][] = [];
const perKb: number[] = [];
for (const times of [1, 2, 4]) {
  const body = Array.from({ length: base * times }, (_, k) =>
    unit.replaceAll("## Example ", `## Part ${k + 1}, example `),
  ).join("\n");
  const path = join(dir, `gfm-${times}x.md`);
  const text = `---\ntitle: GFM spec examples ×${times}\n---\n\n${body}`;
  writeFileSync(path, text);
  const results = Array.from({ length: runs }, () =>
    run("node", ["src/bin/folio.js", "build", path, "--out", join(dir, "out"), "-q", "-f", formatsList]),
  );
  const ms = median(results.map((r) => r.ms));
  const kb = Buffer.byteLength(text) / 1024;
  perKb.push(ms / kb);
  rows.push([
    `${times}×`,
    `${kb.toFixed(0)} KB`,
    fmt(ms),
    `${(ms / kb).toFixed(1)} ms/KB`,
    `${Math.max(...results.map((r) => r.peakMb ?? 0)).toFixed(0)} MB`,
  ]);
}
console.log(`\n## Size: GFM spec examples repeated, ${formatsList}, one cold process\n`);
table(["size", "Markdown", "median wall", "per KB", "peak RSS"], rows);
const growth = (perKb[2] ?? 0) / (perKb[1] ?? 1);
console.log(
  `\nlinear growth (ms/KB at 4× within 1.5× of 2×): ${growth.toFixed(2)} → ${verdict(growth <= 1.5)}`,
);
