// `make bench`: every benchmark in one run, each printing medians, ratios and PASS/MISS.
// BENCH_ONLY=cold,warm,corpus,size,tagging picks some.
const only = (process.env.BENCH_ONLY ?? "cold,warm,corpus,size,tagging").split(",");
console.log(
  `Folio benchmarks — node ${process.version}, ${(await import("node:os")).availableParallelism()} cores, ${new Date().toISOString()}`,
);
for (const name of ["cold", "warm", "corpus", "size", "tagging"])
  if (only.includes(name)) await import(`./${name}.ts`);
