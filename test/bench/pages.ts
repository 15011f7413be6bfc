// The DOCX contents' page numbers: the share of a DOCX render's CPU time that docx's layout takes
// to work them out (reading the written body back and laying its pages out), per document of the
// corpus that has contents, in two regimes:
// - one-off: the report's DOCX rendered in a fresh process, the code cold, as a build without the
//   daemon renders it;
// - warm, new text: rendered in a process that has rendered three other reports first, as the
//   build daemon and a batch's workers render a report they have not seen.
// Target: under two thirds, corpus median (and the worst printed). BENCH_RUNS_PAGES rounds.
import { spawnSync } from "node:child_process";
import { benchDocuments } from "./documents.ts";
import { median, table, verdict } from "./lib.ts";

const runs = Number(process.env.BENCH_RUNS_PAGES ?? 3);
const target = 2 / 3;
/** Reports that are not in the corpus, to warm the code up with. */
const warmups = [
  "test/fixtures/reports/colombia-2021.md",
  "test/fixtures/reports/bangladesh-2021.md",
  "test/fixtures/reports/mozambique-2021.md",
];

interface Measured {
  path: string;
  contents: boolean;
  docxMs: number;
  layoutMs: number;
}

function child(args: readonly string[]): Measured[] {
  const done = spawnSync(
    process.execPath,
    ["--import", "tsx/esm", "test/bench/page-numbers-child.ts", ...args],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (done.status !== 0) throw new Error(`page-numbers bench: ${args.join(" ")} failed:\n${done.stderr}`);
  return done.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Measured);
}

const docs = benchDocuments();
const shares = { oneOff: new Map<string, number[]>(), warm: new Map<string, number[]>() };
const docxMs = { oneOff: new Map<string, number[]>(), warm: new Map<string, number[]>() };
const withContents = new Set<string>();
const add = (regime: "oneOff" | "warm", m: Measured) => {
  if (!m.contents) return;
  withContents.add(m.path);
  shares[regime].set(m.path, [...(shares[regime].get(m.path) ?? []), m.layoutMs / m.docxMs]);
  docxMs[regime].set(m.path, [...(docxMs[regime].get(m.path) ?? []), m.docxMs]);
};
for (let round = 0; round < runs; round++) {
  for (const m of child([warmups.join(","), ...docs.map((doc) => doc.path)])) add("warm", m);
  for (const doc of docs) for (const m of child(["-", doc.path])) add("oneOff", m);
}

const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
const shown = docs.filter((doc) => withContents.has(doc.path));
console.log(
  `\n## The DOCX contents' page numbers: share of the DOCX render's CPU, ${runs} round(s) (BENCH_RUNS_PAGES)\n`,
);
table(
  ["document", "KB", "one-off: share (DOCX CPU)", "warm, new text: share (DOCX CPU)"],
  shown.map((doc) => {
    const cell = (regime: "oneOff" | "warm") =>
      `${percent(median(shares[regime].get(doc.path) ?? []))} (${median(docxMs[regime].get(doc.path) ?? []).toFixed(0)} ms)`;
    return [
      doc.path.replace("test/fixtures/", ""),
      (doc.bytes / 1024).toFixed(0),
      cell("oneOff"),
      cell("warm"),
    ];
  }),
);
console.log(`\n(${docs.length - shown.length} of the corpus's ${docs.length} documents have no contents.)\n`);
const rows = (["oneOff", "warm"] as const).map((regime) => {
  const perDoc = shown.map((doc) => ({ doc, share: median(shares[regime].get(doc.path) ?? []) }));
  const all = perDoc.map(({ share }) => share);
  const worst = perDoc.reduce((a, b) => (b.share > a.share ? b : a));
  const mid = median(all);
  return [
    regime === "oneOff" ? "page numbers, one-off" : "page numbers, warm, new text",
    percent(mid),
    `${percent(worst.share)} (${worst.doc.path.split("/").at(-1)})`,
    `< ${percent(target)}`,
    verdict(mid < target),
  ];
});
table(["target", "corpus median", "worst", "goal", ""], rows);
