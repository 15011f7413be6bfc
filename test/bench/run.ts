// `make bench`: every benchmark in one run, each printing medians, ratios and PASS/MISS.
// BENCH_ONLY=targets,cold,warm,corpus,size,tagging,book picks some (targets: the cold
// targets over the varied corpus of test/bench/documents.ts).
const only = (process.env.BENCH_ONLY ?? "targets,cold,warm,corpus,size,tagging,book").split(",");
console.log(
  `Folio benchmarks — node ${process.version}, ${(await import("node:os")).availableParallelism()} cores, ${new Date().toISOString()}`,
);
for (const name of ["targets", "cold", "warm", "corpus", "size", "tagging", "book"])
  if (only.includes(name)) await import(`./${name}.ts`);
