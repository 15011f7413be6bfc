// Cold build of Mali, five artifacts, one new process each time, interleaved with pandoc's three
// commands (HTML, DOCX, PDF via WeasyPrint) so both see the same machine load.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, median, pandocCommands, run, runAll, table, verdict } from "./lib.ts";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const source = "source/mali-2021.md";
const dir = mkdtempSync(join(tmpdir(), "folio-bench-cold-"));
const folio = (env: NodeJS.ProcessEnv, formats?: string) => () =>
  run(
    "node",
    ["src/bin/folio.js", "build", source, "--out", dir, "-q", ...(formats ? ["-f", formats] : [])],
    env,
  );
const variants: Array<[string, () => { ms: number; peakMb?: number }]> = [
  ["pandoc: html + docx + pdf (3 processes)", () => runAll(pandocCommands(source, join(dir, "pandoc")))],
  ["folio build, bundle (5 artifacts)", folio({})],
  ["folio build, tsx sources (5 artifacts)", folio({ FOLIO_FROM_SOURCE: "1" })],
  ["folio build, bundle, html only", folio({}, "html")],
  ["folio build, bundle, pdf only", folio({}, "pdf")],
  ["folio build, bundle, docx only", folio({}, "docx")],
  ["folio build, bundle, factsheet only", folio({}, "factsheet")],
  ["node -e 0 (process start)", () => run("node", ["-e", "0"])],
];
const times = variants.map(() => [] as number[]);
const peaks = variants.map(() => [] as number[]);
for (const [, fn] of variants) fn(); // warm the disk cache, esbuild/tsx caches
for (let r = 0; r < runs; r++)
  variants.forEach(([, fn], i) => {
    const t = fn();
    times[i]?.push(t.ms);
    if (t.peakMb) peaks[i]?.push(t.peakMb);
  });
const pandoc = median(times[0] ?? []);
console.log(`\n## Cold: ${source}, median of ${runs} interleaved runs\n`);
table(
  ["command", "median", "× pandoc", "peak RSS"],
  variants.map(([name], i) => {
    const m = median(times[i] ?? []);
    return [name, fmt(m), (m / pandoc).toFixed(2), `${Math.max(...(peaks[i] ?? [0])).toFixed(0)} MB`];
  }),
);
const ratio = median(times[1] ?? []) / pandoc;
console.log(`\ncold target ≤ 0.25 × pandoc: ${ratio.toFixed(2)} × → ${verdict(ratio <= 0.25)}`);
