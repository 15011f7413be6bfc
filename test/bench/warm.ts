// Warm rebuilds: `folio watch` on a copy of Mali; each round changes one word of the body, saves
// the file, and waits for the rebuild the file watcher triggers (every artifact written).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { watchReport } from "../../src/watch/watch.ts";
import { fmt, median, table, verdict } from "./lib.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
const dir = mkdtempSync(join(tmpdir(), "folio-bench-warm-"));
const source = join(dir, "mali-2021.md");
copyFileSync("source/mali-2021.md", source);
const original = readFileSync(source, "utf8");
// A word of the body that no fact quotes: the prose-only edit a writer makes most often.
const bodyStart = original.indexOf("\n---", 4) + 4;
const frontMatter = original.slice(0, bodyStart);
let at = original.length;
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
if (at <= bodyStart) throw new Error("no editable word found");
const edit = (i: number) => `${original.slice(0, at)} ${i % 2 ? "this" : "the"} ${original.slice(at + 5)}`;

const session = await watchReport(source, {
  outDir: join(dir, "out"),
  formats: ["html", "pdf", "docx", "factsheet"],
  port: 0,
  log: () => {},
});
const rebuild: number[] = [];
const endToEnd: number[] = [];
for (let i = 0; i < rounds; i++) {
  const next = session.nextRebuild();
  const saved = performance.now();
  writeFileSync(source, edit(i));
  const result = await next;
  endToEnd.push(performance.now() - saved);
  if (!result.ok) throw new Error("a warm rebuild failed");
  if (i > 0) rebuild.push(result.ms); // the first edit also pays for the fact sheet's first cache entry
}
// The same rebuild with every format forced to render (fact sheet cache defeated by a facts edit).
const factsEdit: number[] = [];
for (let i = 0; i < 5; i++) {
  const next = session.nextRebuild();
  writeFileSync(
    source,
    // A label the sheet shows (trailing spaces, as before, left the parsed facts unchanged; a
    // number the quote does not state would fail the build).
    original.replace(
      "label: terrorism cases went to trial\n",
      `label: terrorism cases ${i % 2 ? "heard" : "tried"}\n`,
    ),
  );
  const result = await next;
  if (!result.ok) throw new Error("a facts-edit rebuild failed");
  factsEdit.push(result.ms);
}
await session.close();
console.log(`\n## Warm: folio watch, one-word edit of Mali, median of ${rebuild.length} rebuilds\n`);
table(
  ["rebuild", "median", "min", "max"],
  [
    [
      "one-word prose edit: all 5 artifacts (rebuild)",
      fmt(median(rebuild)),
      fmt(Math.min(...rebuild)),
      fmt(Math.max(...rebuild)),
    ],
    [
      "one-word prose edit: save → written (watcher)",
      fmt(median(endToEnd)),
      fmt(Math.min(...endToEnd)),
      fmt(Math.max(...endToEnd)),
    ],
    [
      "facts edit: fact sheet re-laid out too",
      fmt(median(factsEdit)),
      fmt(Math.min(...factsEdit)),
      fmt(Math.max(...factsEdit)),
    ],
  ],
);
console.log(`\nwarm target ≤ 50 ms median: ${fmt(median(rebuild))} → ${verdict(median(rebuild) <= 50)}`);
console.log(`preview server was ${session.url} (127.0.0.1 only)`);
