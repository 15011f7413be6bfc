// Warm rebuilds: `folio watch` on a copy of Mali and of a 27-page report; each round changes one
// word of the body, saves the file, and waits for the rebuild the file watcher triggers (every
// artifact written).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { watchReport } from "../../src/watch/watch.ts";
import { fmt, median, table, verdict } from "./lib.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
/**
 * The same session goes on to this many rebuilds: the last 20 show the steady state. V8 keeps
 * optimising the rebuild's code for some 40 rebuilds (Mali: about 75 ms for rebuilds 2-21, 60 for
 * 21-40, 55 after), so the first 20 are a session's start, not its course.
 */
const steadyRounds = Number(process.env.BENCH_STEADY_ROUNDS ?? 60);

/** One-word edits of a copy of `path` under `folio watch`, and (Mali) edits of a fact the sheet shows. */
async function warmRebuilds(
  path: string,
  factsEdit?: { from: string; to: (i: number) => string },
  /** Where the edited word is: the last " the " of the body (most of the text before it), or the middle's. */
  place: "end" | "middle" = "end",
) {
  const dir = mkdtempSync(join(tmpdir(), "folio-bench-warm-"));
  const source = join(dir, basename(path));
  copyFileSync(path, source);
  const original = readFileSync(source, "utf8");
  // A word of the body that no fact quotes: the prose-only edit a writer makes most often.
  const bodyStart = original.indexOf("\n---", 4) + 4;
  const frontMatter = original.slice(0, bodyStart);
  let at = place === "end" ? original.length : bodyStart + Math.floor((original.length - bodyStart) / 2);
  do at = original.lastIndexOf(" the ", at - 1);
  while (
    at > bodyStart &&
    frontMatter.includes(
      original
        .slice(at - 30, at + 30)
        .split("\n")
        .at(-1) ?? "",
    )
  );
  if (at <= bodyStart) throw new Error(`${path}: no editable word found`);
  const edit = (i: number) => `${original.slice(0, at)} ${i % 2 ? "this" : "the"} ${original.slice(at + 5)}`;

  const session = await watchReport(source, {
    outDir: join(dir, "out"),
    formats: ["html", "pdf", "docx", "factsheet"],
    port: 0,
    log: () => {},
  });
  const rebuild: number[] = [];
  const endToEnd: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < Math.max(rounds, steadyRounds); i++) {
    const next = session.nextRebuild();
    const saved = performance.now();
    writeFileSync(source, edit(i));
    const result = await next;
    if (!result.ok) throw new Error(`${path}: a warm rebuild failed`);
    all.push(result.ms);
    if (i >= rounds) continue;
    endToEnd.push(performance.now() - saved);
    if (i > 0) rebuild.push(result.ms); // the first edit also pays for the fact sheet's first cache entry
  }
  const steady = all.slice(-20);
  // The same rebuild with every format forced to render (fact sheet cache defeated by a facts edit).
  const facts: number[] = [];
  for (let i = 0; factsEdit && i < 5; i++) {
    const next = session.nextRebuild();
    writeFileSync(source, original.replace(factsEdit.from, factsEdit.to(i)));
    const result = await next;
    if (!result.ok) throw new Error(`${path}: a facts-edit rebuild failed`);
    facts.push(result.ms);
  }
  await session.close();
  return { rebuild, endToEnd, steady, facts, url: session.url };
}

const row = (name: string, times: number[]) => [
  name,
  fmt(median(times)),
  fmt(Math.min(...times)),
  fmt(Math.max(...times)),
];

// Mali, and a report of about 30 pages (the Nigeria factbook: 37 KB, 27 pages of PDF).
const mali = await warmRebuilds("source/mali-2021.md", {
  // A label the sheet shows (trailing spaces, as before, left the parsed facts unchanged; a
  // number the quote does not state would fail the build).
  from: "label: terrorism cases went to trial\n",
  to: (i) => `label: terrorism cases ${i % 2 ? "heard" : "tried"}\n`,
});
const long = await warmRebuilds("test/fixtures/real/factbook-nigeria.md");
// The same with the edit half way through the body: what a rebuild reuses does not depend on the
// edit's place (the words measured, the paragraphs read back), so this is not judged separately.
const middle = await warmRebuilds("test/fixtures/real/factbook-nigeria.md", undefined, "middle");
// A report of data tables (CRS, 27 KB, 19 pages, 247 table rows): the worst document for a rebuild,
// judged by the same target as the 30-page report.
const tables = await warmRebuilds("test/fixtures/real/crs-ssa-staffing-by-state.md");
console.log(`\n## Warm: folio watch, one-word edits, median of ${mali.rebuild.length} rebuilds\n`);
table(
  ["rebuild", "median", "min", "max"],
  [
    row("Mali, one-word prose edit: all 5 artifacts (rebuild)", mali.rebuild),
    row("Mali, one-word prose edit: save → written (watcher)", mali.endToEnd),
    row(`Mali, steady state: rebuilds ${steadyRounds - 19}-${steadyRounds} of the session`, mali.steady),
    row("Mali, facts edit: fact sheet re-laid out too", mali.facts),
    row("Nigeria factbook (27 pages), one-word prose edit (rebuild)", long.rebuild),
    row("Nigeria factbook, save → written (watcher)", long.endToEnd),
    row(`Nigeria factbook, steady state: rebuilds ${steadyRounds - 19}-${steadyRounds}`, long.steady),
    row("Nigeria factbook, the edit half way through the body (rebuild)", middle.rebuild),
    row("CRS staffing report (19 pages of tables), one-word prose edit (rebuild)", tables.rebuild),
  ],
);
console.log(
  `\nwarm target, Mali ≤ 50 ms median: ${fmt(median(mali.rebuild))} → ${verdict(median(mali.rebuild) <= 50)}`,
);
console.log(
  `warm target, a 30-page report ≤ 150 ms median: ${fmt(median(long.rebuild))} → ${verdict(median(long.rebuild) <= 150)}`,
);
console.log(
  `warm, the worst document (tables) ≤ 150 ms median: ${fmt(median(tables.rebuild))} → ${verdict(median(tables.rebuild) <= 150)}`,
);
console.log(
  `steady state (rebuilds ${steadyRounds - 19}-${steadyRounds}; the targets above are on rebuilds 2-${rounds}): Mali ${fmt(median(mali.steady))}, the factbook ${fmt(median(long.steady))}`,
);
console.log(
  `preview servers were ${mali.url}, ${long.url}, ${middle.url} and ${tables.url} (127.0.0.1 only)`,
);
