// A child of the page-numbers bench (test/bench/pages.ts): renders each report's DOCX once
// in this process, after the warm-up reports if any, and prints one JSON line per report with the
// CPU time of the whole DOCX render and of docx's layout for the contents' page numbers in it
// (reading the written body back and laying it out: every call of the layout's estimator).
// Usage: node --import tsx/esm test/bench/page-numbers-child.ts WARMUPS REPORT...; WARMUPS is a
// comma-separated list, or "-" for none.
import { loadAssets } from "../../src/assets/load.ts";
import { type DocxLayout, memoisedDocxLayout } from "../../src/engine/docx/layout-memo.ts";
import { loadReport } from "../../src/model/load.ts";
import { docxFormat } from "../../src/render/docx/format.ts";

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

let layoutMs = 0;
/** Counts the CPU time of a layout function's calls into layoutMs. */
function timed<F extends (...args: never[]) => unknown>(fn: F): F {
  return ((...args: Parameters<F>) => {
    const started = cpuMs();
    try {
      return fn(...args);
    } finally {
      layoutMs += cpuMs() - started;
    }
  }) as F;
}

// Wrapped before the first render makes its estimator (src/render/docx/page-numbers.ts keeps one per set of faces).
const layout = memoisedDocxLayout() as { -readonly [K in keyof DocxLayout]: DocxLayout[K] };
const make = layout.estimatePageNumbersWith;
layout.estimatePageNumbersWith = (options) => {
  const estimator = make(options);
  return Object.assign(
    timed(estimator),
    estimator.listNumbers ? { listNumbers: timed(estimator.listNumbers) } : {},
  ) as typeof estimator;
};

const [warmups = "-", ...reports] = process.argv.slice(2);
const assets = loadAssets();
const options = { paper: "letter" as const, date: new Date(0) };
for (const path of warmups === "-" ? [] : warmups.split(","))
  await docxFormat.render(loadReport(path, assets), assets, options);
for (const path of reports) {
  const model = loadReport(path, assets);
  layoutMs = 0;
  const started = cpuMs();
  await docxFormat.render(model, assets, options);
  const docxMs = cpuMs() - started;
  console.log(JSON.stringify({ path, contents: model.contents.show, docxMs, layoutMs }));
}
