// Cold build of Mali, five artifacts, one new process each time, interleaved with pandoc's three
// commands (HTML, DOCX, PDF via WeasyPrint) so both see the same machine load.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, median, pandocCommands, run, runAll, stopDaemons, table, verdict } from "./lib.ts";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const source = "source/mali-2021.md";
const dir = mkdtempSync(join(tmpdir(), "folio-bench-cold-"));
// `folio` as a user runs it: src/bin/folio, from the startup snapshot while it is fresh.
const folio = (env: NodeJS.ProcessEnv, formats?: string) => () =>
  run("src/bin/folio", ["build", source, "--out", dir, "-q", ...(formats ? ["-f", formats] : [])], env);
// Typst's Node compiler on the same report (test/bench/typst: the model converted to Typst markup,
// Folio's faces), a tagged PDF/UA-1, as one cold process.
const typstDir = mkdtempSync(join(tmpdir(), "folio-bench-typst-"));
const made = spawnSync(
  process.execPath,
  ["--import", "tsx/esm", "test/bench/typst/make.ts", source, typstDir],
  {
    encoding: "utf8",
  },
);
if (made.status !== 0) throw new Error(`test/bench/typst/make.ts failed: ${made.stderr}`);
const typstSource = made.stdout.trim();
const typst = () =>
  run("node", [
    "test/bench/typst/compile.mjs",
    typstSource,
    join(typstDir, "out.pdf"),
    join(typstDir, "fonts"),
  ]);
// This bench's own build daemon (src/pipeline/daemon.ts), started by the warm-up below, stopped at the end.
const benchRun = randomUUID();
const daemon = { FOLIO_NO_DAEMON: "", FOLIO_BENCH_RUN: benchRun };
const variants: Array<[string, () => { ms: number; peakMb?: number }]> = [
  ["pandoc: html + docx + pdf (3 processes)", () => runAll(pandocCommands(source, join(dir, "pandoc")))],
  ["folio build (5 artifacts), startup snapshot", folio({})],
  ["folio build (5 artifacts), plain bundle", folio({ FOLIO_NO_SNAPSHOT: "1" })],
  ["folio build (5 artifacts), served by the daemon", folio(daemon)],
  ["folio build, pdf only, served by the daemon", folio(daemon, "pdf")],
  ["folio build, pdf only", folio({}, "pdf")],
  ["typst (Node compiler): pdf, PDF/UA-1", typst],
  ["folio build, html only", folio({}, "html")],
  ["folio build, docx only", folio({}, "docx")],
  ["folio build, factsheet only", folio({}, "factsheet")],
  ["node -e 0 (process start)", () => run("node", ["-e", "0"])],
];
const times = variants.map(() => [] as number[]);
const peaks = variants.map(() => [] as number[]);
for (const [, fn] of variants) fn(); // warm the disk cache, esbuild/tsx caches
try {
  for (let r = 0; r < runs; r++)
    variants.forEach(([, fn], i) => {
      const t = fn();
      times[i]?.push(t.ms);
      if (t.peakMb) peaks[i]?.push(t.peakMb);
    });
} finally {
  stopDaemons(benchRun);
}
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
console.log(`\ncold target ≤ 0.5 × pandoc (goal 0.25): ${ratio.toFixed(2)} × → ${verdict(ratio <= 0.5)}`);
const served = median(times[3] ?? []) / pandoc;
console.log(`the same, served by the daemon: ${served.toFixed(2)} × → ${verdict(served <= 0.5)}`);
const typstMs = median(times[6] ?? []);
const pdfRatio = median(times[5] ?? []) / typstMs;
console.log(`cold PDF ≤ 2 × Typst: ${pdfRatio.toFixed(2)} × → ${verdict(pdfRatio <= 2)}`);
const pdfServed = median(times[4] ?? []) / typstMs;
console.log(`the same, served by the daemon: ${pdfServed.toFixed(2)} × → ${verdict(pdfServed <= 2)}`);
