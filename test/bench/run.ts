// `make bench`: every benchmark in one run, each printing medians, ratios and PASS/MISS.
// BENCH_ONLY=targets,cold,warm,corpus,pages,size,tagging,book picks some (targets: the cold
// targets over the varied corpus of test/bench/documents.ts; pages: the DOCX contents' page numbers).
import { have } from "./lib.ts";

// Every bench builds in processes of its own (FOLIO_NO_DAEMON=1): what the corpus, size, book and
// tagging benches measure, and the memory they sample, is the build's process tree. The targets
// and the cold bench measure builds served by the build daemon too, by their own daemon.
process.env.FOLIO_NO_DAEMON = "1";
const only = (process.env.BENCH_ONLY ?? "targets,cold,warm,corpus,pages,size,tagging,book").split(",");
// pandoc's PDF goes through WeasyPrint: without either, every ratio against pandoc would print NaN.
const missing = ["pandoc", "weasyprint"].filter((program) => !have(program));
if (missing.length > 0) {
  console.error(
    `bench: ${missing.join(" and ")} not found: the ratios against pandoc need them (Debian: apt-get install ${missing.join(" ")})`,
  );
  process.exit(1);
}
console.log(
  `Folio benchmarks — node ${process.version}, ${(await import("node:os")).availableParallelism()} cores, ${new Date().toISOString()}`,
);
for (const name of ["targets", "cold", "warm", "corpus", "pages", "size", "tagging", "book"])
  if (only.includes(name)) await import(`./${name}.ts`);
