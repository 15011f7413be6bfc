// Book: a volume of N chapters, each Mali's report under its own title, in 6 parts, for N = 25,
// 50, 100, 200 (BENCH_BOOK=25,50 picks others). Two measures:
// - the whole build as a user runs it (`folio build BOOK.md`, PDF + DOCX + HTML pages, one new
//   process each): wall time, peak RSS, time per chapter — linear in N is the target;
// - in this process, warm: the book's PDF render against the sum of its chapters' own PDF
//   renders (each chapter built alone) — within 2× is the target — with the layout's work.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAssets } from "../../src/assets/load.ts";
import { lastLayout } from "../../src/engine/pdfmake/windowed-layout.ts";
import { loadDocument } from "../../src/model/book/load.ts";
import { loadReport } from "../../src/model/load.ts";
import { renderOptions } from "../../src/pipeline/build.ts";
import { pdfFormat } from "../../src/render/pdf/format.ts";
import { fmt, run, table, verdict } from "./lib.ts";

const sizes = (process.env.BENCH_BOOK ?? "25,50,100,200").split(",").map(Number);
const largest = Math.max(...sizes);
const dir = mkdtempSync(join(tmpdir(), "folio-bench-book-"));
const mali = readFileSync("source/mali-2021.md", "utf8");
const chapterName = (i: number) => `chapter-${String(i + 1).padStart(3, "0")}`;
// Mali's first paragraph, word by word: chapter i repeats its first (7 i mod 90) words after its
// Overview, so its later headings and paragraphs fall at other places on the page and the layout
// has breaks to decide (identical chapters would all paginate alike, each from a fresh page).
const overview = mali.slice(mali.indexOf("## Overview") + 13).split("\n\n")[0] ?? "";
const words = overview.split(" ");
for (let i = 0; i < largest; i++) {
  const extra = words
    .slice(0, (7 * i) % 90)
    .join(" ")
    .replace(/[,.;]?$/, ".");
  const text = mali
    .replace(/^title: Mali$/m, `title: Mali ${i + 1}`)
    .replace(
      "\n## 2021 Terrorist Incidents",
      `${extra.length > 1 ? `\n${extra}\n` : ""}\n## 2021 Terrorist Incidents`,
    );
  writeFileSync(join(dir, `${chapterName(i)}.md`), text);
}

/** The book of the first n chapters, dealt into 6 parts in order. */
function writeBook(n: number): string {
  const parts = Array.from({ length: 6 }, (_, p) => {
    const from = Math.floor((p * n) / 6);
    const to = Math.floor(((p + 1) * n) / 6);
    const chapters = Array.from({ length: to - from }, (_, k) => `      - ${chapterName(from + k)}.md`);
    return `  - title: Region ${p + 1}\n    chapters:\n${chapters.join("\n")}`;
  });
  const path = join(dir, `book-${n}.md`);
  writeFileSync(
    path,
    `---\ntitle: Country Reports on Terrorism 2021\npublisher: U.S. Department of State\nparts:\n${parts.join("\n")}\n---\n\n## About this volume\n\nEach chapter is Mali's report under its own title.\n`,
  );
  return path;
}

const builds: string[][] = [];
const slopes: number[] = [];
let previous: { n: number; ms: number; mb: number } | undefined;
for (const n of sizes) {
  const book = writeBook(n);
  // The fastest of three runs: the machine is shared, and the slope between sizes is what matters.
  const t = [1, 2, 3]
    .map((k) =>
      run("node", [
        "src/bin/folio.js",
        "build",
        book,
        "--formats",
        "pdf,docx,html",
        "--out",
        join(dir, `out-${n}-${k}`),
        "-q",
      ]),
    )
    .reduce((a, b) => (b.ms < a.ms ? b : a));
  const mb = t.peakMb ?? 0;
  // Linear: each further chapter costs the same time and memory (the fixed cost is process start-up).
  const step = previous && {
    ms: (t.ms - previous.ms) / (n - previous.n),
    mb: (mb - previous.mb) / (n - previous.n),
  };
  if (step) slopes.push(step.ms);
  builds.push([
    String(n),
    fmt(t.ms),
    `${mb.toFixed(0)} MB`,
    `${(t.ms / n).toFixed(0)} ms`,
    step ? `${step.ms.toFixed(0)} ms, ${(step.mb * 1024).toFixed(0)} KB` : "",
  ]);
  previous = { n, ms: t.ms, mb };
}
console.log(
  `\n## Book: N chapters (Mali's text) in 6 parts, \`folio build\` PDF + DOCX + HTML, one process each\n`,
);
table(["chapters", "wall", "peak RSS", "wall per chapter", "each further chapter (time, RSS)"], builds);
const spread = slopes.length > 1 ? Math.max(...slopes) / Math.min(...slopes) : 1;

// Warm renders in this process: the chapters alone, then each book.
const assets = loadAssets();
const options = (model: Parameters<typeof renderOptions>[0]) => ({
  ...renderOptions(model, {}),
  sourceDateEpoch: 0,
});
const chapters = Array.from({ length: largest }, (_, i) =>
  loadReport(join(dir, `${chapterName(i)}.md`), assets),
);
await pdfFormat.render(chapters[0] as never, assets, options(chapters[0] as never)); // warm-up
const alone: number[] = [];
for (const chapter of chapters) {
  const started = performance.now();
  await pdfFormat.render(chapter, assets, options(chapter));
  alone.push(performance.now() - started);
}
const rows: string[][] = [];
const ratios: number[] = [];
for (const n of sizes) {
  const model = loadDocument(join(dir, `book-${n}.md`), assets);
  const started = performance.now();
  const { artifacts } = await pdfFormat.render(model, assets, options(model));
  const ms = performance.now() - started;
  const sum = alone.slice(0, n).reduce((a, b) => a + b, 0);
  const pages = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/.exec(
    Buffer.from(artifacts[0]?.bytes ?? []).toString("latin1"),
  )?.[1];
  ratios.push(ms / sum);
  rows.push([
    String(n),
    pages ?? "?",
    fmt(ms),
    fmt(sum),
    `${(ms / sum).toFixed(2)}×`,
    `${(ms / n).toFixed(0)} ms`,
    `${lastLayout.fullPasses} + ${lastLayout.windows} windows (${lastLayout.windowNodes} nodes), ${lastLayout.breaks} breaks`,
  ]);
}
console.log(`\n## Book PDF, warm, in one process: the book against its chapters rendered alone\n`);
table(["chapters", "pages", "book PDF", "sum of chapter PDFs", "ratio", "per chapter", "layout"], rows);
console.log(
  `\nbook targets: linear (time of each further chapter within 1.5× from ${sizes.join(" → ")}): ${spread.toFixed(2)}× → ${verdict(spread <= 1.5)}; book PDF within 2× of its chapters' own: ${Math.max(...ratios).toFixed(2)}× → ${verdict(Math.max(...ratios) <= 2)}`,
);
