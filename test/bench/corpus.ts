// Corpus: N reports generated from Mali's source (text and facts varied) in a temp folder, built
// by one `folio build` on a worker pool over every core, against pandoc's three commands per
// report run two at a time (xargs -P, both cores). pandoc is timed on a sample and scaled.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { fmt, run, runTree, table, verdict } from "./lib.ts";

const count = Number(process.env.BENCH_CORPUS ?? 200);
const sample = Math.min(count, Number(process.env.BENCH_PANDOC_SAMPLE ?? 20));
const dir = mkdtempSync(join(tmpdir(), "folio-bench-corpus-"));
const src = join(dir, "source");
mkdirSync(src);

const text = readFileSync("source/mali-2021.md", "utf8");
const end = text.indexOf("\n---", 4);
const front = parse(text.slice(4, end)) as Record<string, unknown> & {
  incidents: unknown[];
  facts: unknown[];
};
const body = text.slice(end + 4);
const words = ["Sahel", "Bamako", "Gao", "Mopti", "Timbuktu", "Kidal", "Ségou", "Kayes"];
/** Report i: its own title and year, a varying subset of facts and incidents, extra prose. */
function variant(i: number): string {
  const meta = structuredClone(front);
  meta.title = `Mali ${i + 1}`;
  meta.year = 2000 + (i % 22);
  meta.incidents = front.incidents.filter((_, k) => (k + i) % 3 !== 0 || k === 0);
  meta.facts = front.facts.filter((_, k) => (k + i) % 4 !== 1 || k === 0);
  const extra = Array.from(
    { length: 1 + (i % 5) },
    (_, k) =>
      `Report ${i + 1}, note ${k + 1}: the situation around ${words[(i + k) % words.length]} was reviewed.`,
  ).join(" ");
  return `---\n${stringify(meta)}---\n${body}\n## Notes on this edition\n\n${extra}\n`;
}
const paths = Array.from({ length: count }, (_, i) => {
  const path = join(src, `mali-${String(i + 1).padStart(3, "0")}.md`);
  writeFileSync(path, variant(i));
  return path;
});

const cores = availableParallelism();
// As a user runs it: the `folio` command (from the startup snapshot when it is fresh), its whole
// process tree's memory sampled.
const folio = await runTree("src/bin/folio", [
  "build",
  ...paths,
  "--out",
  join(dir, "out"),
  "-q",
  "--jobs",
  String(cores),
]);
// pandoc: 3 commands per report, `cores` processes at a time.
const list = join(dir, "pandoc-list");
writeFileSync(list, `${paths.slice(0, sample).join("\n")}\n`);
mkdirSync(join(dir, "pandoc"));
const script = `f="$1"; b="${dir}/pandoc/$(basename "$f" .md)"; pandoc "$f" -s --quiet -o "$b.html" && pandoc "$f" -s --quiet -o "$b.docx" && pandoc "$f" -s --quiet --pdf-engine=weasyprint -o "$b.pdf"`;
const pandoc = run("sh", ["-c", `xargs -P ${cores} -I{} sh -c '${script}' _ {} < ${list}`]);
const pandocAll = (pandoc.ms * count) / sample;
console.log(`\n## Corpus: ${count} reports × 5 artifacts, ${cores} cores\n`);
table(
  ["build", "wall", "per report", "peak memory"],
  [
    [
      `folio build --jobs ${cores} (worker pool)`,
      fmt(folio.ms),
      fmt(folio.ms / count),
      `${folio.treePssMb.toFixed(0)} MB PSS, ${folio.treeRssMb.toFixed(0)} MB RSS (all processes)`,
    ],
    [
      `pandoc ×3 per report, ${cores} at a time${sample < count ? ` (${sample} timed, ×${(count / sample).toFixed(0)})` : ""}`,
      fmt(pandocAll),
      fmt(pandocAll / count),
      `${(pandoc.peakMb ?? 0).toFixed(0)} MB RSS (largest process)`,
    ],
  ],
);
const speedup = pandocAll / folio.ms;
console.log(
  `\ncorpus targets: ≤ 10 s: ${fmt(folio.ms)} → ${verdict(folio.ms <= 10_000)}; ≥ 10× pandoc: ${speedup.toFixed(2)}× → ${verdict(speedup >= 10)}; ≤ 600 MB (whole build, PSS): ${folio.treePssMb.toFixed(0)} MB → ${verdict(folio.treePssMb <= 600)}`,
);
