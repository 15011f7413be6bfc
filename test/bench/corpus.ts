// Corpus: N varied reports, the bench documents of test/bench/documents.ts under 100 KB in turn
// (country chapters, briefs, memos, standards, CRS reports: not Mali, which is the snapshot's kind),
// each copy with its own closing paragraph, built by one `folio build` on a worker pool over every
// core, against pandoc's three commands per report run two at a time (xargs -P, both cores).
// pandoc is timed on a sample and scaled. Each document's folder is copied once, so its images
// and bibliographies resolve as in the repository. The 306 KB report is left out: it is the
// targets' and the size bench's, and 200 reports of the corpus's kind average 14 KB.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { benchDocuments } from "./documents.ts";
import { fmt, run, runTree, table, verdict } from "./lib.ts";

const count = Number(process.env.BENCH_CORPUS ?? 200);
const sample = Math.min(count, Number(process.env.BENCH_PANDOC_SAMPLE ?? 20));
const dir = mkdtempSync(join(tmpdir(), "folio-bench-corpus-"));

const documents = benchDocuments().filter((doc) => doc.bytes < 100_000);
/** Each document's folder, copied once into the corpus's folder. */
const folders = new Map<string, string>();
for (const doc of documents) {
  const from = dirname(doc.path);
  if (!folders.has(from)) {
    const to = join(dir, `${folders.size}-${basename(from)}`);
    cpSync(from, to, { recursive: true });
    folders.set(from, to);
  }
}
const places = ["Sahel", "Bamako", "Niamey", "the capital", "the border region", "the coast"];
/** Report i: document i mod n, with a closing paragraph of its own (so no two sources are alike). */
function variant(i: number): { path: string; text: string } {
  const doc = documents[i % documents.length] as (typeof documents)[number];
  const stem = basename(doc.path, ".md");
  const extra = Array.from(
    { length: 1 + (i % 4) },
    (_, k) =>
      `Edition ${i + 1}, note ${k + 1}: the figures for ${places[(i + k) % places.length]} were reviewed.`,
  ).join(" ");
  return {
    path: join(
      folders.get(dirname(doc.path)) as string,
      `${stem}-corpus-${String(i + 1).padStart(3, "0")}.md`,
    ),
    text: `${readFileSync(doc.path, "utf8").trimEnd()}\n\n## Notes on this edition\n\n${extra}\n`,
  };
}
const paths = Array.from({ length: count }, (_, i) => {
  const { path, text } = variant(i);
  writeFileSync(path, text);
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
// The same commands as the targets' (pandocCommands: Markdown, images beside the source); a report
// pandoc or WeasyPrint refuses is timed as far as it went.
const script = `f="$1"; b="${dir}/pandoc/$(basename "$f" .md)"; o="--from markdown --standalone --quiet --resource-path $(dirname "$f")"; pandoc "$f" $o -o "$b.html"; pandoc "$f" $o -o "$b.docx"; pandoc "$f" $o --pdf-engine=weasyprint -o "$b.pdf"; exit 0`;
const pandoc = run("sh", ["-c", `xargs -P ${cores} -I{} sh -c '${script}' _ {} < ${list}`]);
const pandocAll = (pandoc.ms * count) / sample;
console.log(
  `\n## Corpus: ${count} reports × 5 artifacts (${documents.length} documents in turn), ${cores} cores\n`,
);
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
  `\ncorpus targets: ≤ 20 s: ${fmt(folio.ms)} → ${verdict(folio.ms <= 20_000)}; ≤ 600 MB (whole build, PSS): ${folio.treePssMb.toFixed(0)} MB → ${verdict(folio.treePssMb <= 600)}; against pandoc: ${speedup.toFixed(2)}× as fast`,
);
