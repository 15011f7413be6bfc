// Building a book with the `folio` command: what it writes and records, its chapters loaded once,
// the build sharded over several machines (and gathered with `folio manifest`) giving one full
// build's bytes, and every bad book refused at its line with nothing written.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { shardOf } from "../src/cli/main.ts";
import { formatMessages } from "../src/cli/report.ts";
import { loadBook } from "../src/model/book/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { buildReports } from "../src/pipeline/build.ts";
import type { Manifest } from "../src/pipeline/manifest.ts";
import { ModelStore } from "../src/pipeline/models.ts";
import { sourceGroups } from "../src/pipeline/pool.ts";
import { formatIds } from "../src/render/format.ts";
import { buildInProject, mainInProcess, runFolio } from "./support/cli.ts";
import { testAssets } from "./support/render.ts";

const epoch = { SOURCE_DATE_EPOCH: "1700000000" };
const sources = ["crt-2021", "mali-2021", "niger-2021", "colombia-2021"].map((n) => `source/${n}.md`);

/** A project folder with the book and its chapters in source/. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-book-build-"));
  cpSync("test/fixtures/book", join(dir, "source"), { recursive: true });
  return dir;
}

/** Every file under a folder, by path relative to it, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), name).toBe(true);
}

describe("folio build of a book and its chapters", () => {
  let dir: string;
  let full: Map<string, Buffer>;
  beforeAll(async () => {
    dir = project();
    // The full build in this process (it throws unless every source builds): the `folio` command
    // runs each shard below, which must give the same bytes.
    await buildInProject(dir, sources, [...formatIds], Number(epoch.SOURCE_DATE_EPOCH));
    full = files(join(dir, "out"));
  }, 180_000);

  it("writes the book's PDF, DOCX, index and chapter pages, no fact sheet of its own, and the chapters' artifacts", () => {
    expect([...full.keys()].filter((n) => n.startsWith("crt-2021"))).toEqual([
      "crt-2021/colombia-2021.html",
      "crt-2021/mali-2021.html",
      "crt-2021/niger-2021.html",
      "crt-2021.docx",
      "crt-2021.html",
      "crt-2021.pdf",
    ]);
    for (const chapter of ["mali-2021", "niger-2021", "colombia-2021"])
      for (const suffix of [".html", ".pdf", ".docx", ".factsheet.pdf", ".factsheet.html"])
        expect(full.has(`${chapter}${suffix}`), `${chapter}${suffix}`).toBe(true);
  });

  it("lists every artifact in the manifest, a book's with its chapters' sources", () => {
    const manifest = JSON.parse(String(full.get("manifest.json"))) as Manifest;
    expect(manifest.artifacts.map((a) => a.path)).toEqual(
      [...full.keys()].filter((n) => n !== "manifest.json").sort((a, b) => a.localeCompare(b)),
    );
    const page = manifest.artifacts.find((a) => a.path === "crt-2021/niger-2021.html");
    expect(page?.format).toBe("html");
    expect(page?.source.path).toBe("source/crt-2021.md");
    expect(page?.source.chapters?.map((c) => c.path)).toEqual([
      "source/mali-2021.md",
      "source/niger-2021.md",
      "source/colombia-2021.md",
    ]);
    expect(manifest.artifacts.find((a) => a.path === "crt-2021.pdf")?.pages).toBeGreaterThan(8);
    expect(manifest.artifacts.find((a) => a.path === "mali-2021.pdf")?.source.chapters).toBeUndefined();
  });

  it("links from the book's contents the fact sheets built beside it", () => {
    const index = String(full.get("crt-2021.html"));
    for (const chapter of ["mali-2021", "niger-2021", "colombia-2021"])
      expect(index).toContain(`href="${chapter}.factsheet.html"`);
  });

  it("builds byte for byte the same from N shards gathered into one folder and `folio manifest`", () => {
    const n = 3;
    const gathered = join(dir, "gathered");
    mkdirSync(gathered);
    const shares: string[][] = [];
    for (let k = 1; k <= n; k++) {
      const out = `shard-${k}`;
      // Each shard is given every source (in another order): it picks its share itself.
      const given = k % 2 ? sources : [...sources].reverse();
      const result = runFolio(["build", ...given, "--shard", `${k}/${n}`, "--out", out], dir, epoch);
      expect(result.code, result.stderr).toBe(0);
      shares.push(shardOf(given, { k, n }));
      cpSync(join(dir, out), gathered, { recursive: true });
    }
    expect(shares.flat().sort()).toEqual([...sources].sort());
    const manifest = runFolio(["manifest", "gathered", ...sources], dir, epoch);
    expect(manifest.code, manifest.stderr).toBe(0);
    expectSameFiles(full, files(gathered));
  }, 180_000);

  it("refuses a shard that is not K/N", async () => {
    // One through the `folio` process (its exit status); the others through the same entry in this
    // process (`main` returns what the process exits with, and refuses before reading a source).
    const first = runFolio(["build", ...sources, "--shard", "0/2"], dir);
    expect(first.code, "0/2").toBe(2);
    expect(first.stderr).toContain("--shard must be K/N");
    for (const bad of ["3/2", "1", "a/b"]) {
      const result = await mainInProcess(["build", ...sources, "--shard", bad]);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain("--shard must be K/N");
    }
  });
});

describe("sharing the work", () => {
  it("deals the sources out by sorted path, whatever their order, each once", () => {
    const list = ["b.md", "./a.md", "d.md", "c.md", "e.md"];
    expect(shardOf(list, { k: 1, n: 2 })).toEqual(["a.md", "c.md", "e.md"]);
    expect(shardOf([...list].reverse(), { k: 2, n: 2 })).toEqual(["b.md", "d.md"]);
    expect(shardOf(list, { k: 3, n: 3 })).toEqual(["c.md"]);
  });

  it("puts a book and those of its chapters that are sources in one pool task", () => {
    const dir = project();
    const paths = [...sources, "source/extra.md"].map((s) => join(dir, s));
    writeFileSync(paths[4] as string, "---\ntitle: Extra\n---\n\nText.\n");
    expect(sourceGroups(paths).map((g) => g.map((p) => relative(dir, p)))).toEqual([
      ["source/crt-2021.md", "source/mali-2021.md", "source/niger-2021.md", "source/colombia-2021.md"],
      ["source/extra.md"],
    ]);
  });

  it("loads a chapter built on its own and in the book once, and keeps it no longer than needed", () => {
    const dir = project();
    const [book, mali] = ["crt-2021.md", "mali-2021.md"].map((n) => join(dir, "source", n)) as [
      string,
      string,
    ];
    const assets = testAssets();
    const store = new ModelStore([book, mali]);
    const given: unknown[] = [];
    const loadSource = (path: string) => {
      const loaded = store.load(path, assets);
      given.push(loaded.model);
      return loaded;
    };
    const own = store.load(book, assets).model as ReportModel;
    expect(loadBook(own, assets, { loadSource }).book?.chapters).toHaveLength(3);
    // Mali built on its own after the book: the very model the book was made from.
    expect(store.load(mali, assets).model).toBe(given[0]);
    // Every use counted is over: a further load reads the file again.
    expect(store.load(mali, assets).model).not.toBe(given[0]);
  });
});

describe("a book's messages", () => {
  it("name the chapter's file and line for what a renderer finds in a chapter", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-book-messages-"));
    writeFileSync(join(dir, "book.md"), "---\ntitle: B\nchapters: [arabic.md]\n---\n\nFront text.\n");
    writeFileSync(
      join(dir, "arabic.md"),
      "---\ntitle: Arabic\n---\n\n## One\n\nThe word \u0645\u0631\u062d\u0628\u0627 is Arabic.\n",
    );
    const result = await buildReports([join(dir, "book.md")], {
      outDir: join(dir, "out"),
      formats: ["pdf", "html"],
      assets: testAssets(),
    });
    expect(result.ok).toBe(true);
    const lines = formatMessages(result.files).split("\n");
    const glyphs = lines.filter((l) => l.includes("No embedded font has a glyph"));
    expect(glyphs.length).toBeGreaterThan(0);
    for (const line of glyphs) expect(line.startsWith(`${join(dir, "arabic.md")}:7:`), line).toBe(true);
  });
});

/** Bad books, each with one problem at a line of its front matter; the chapter named by `problem`. */
const badBooks: Array<{
  name: string;
  book: string;
  line: number;
  reason: RegExp;
  extra?: Record<string, string>;
}> = [
  {
    name: "a missing chapter",
    book: "chapters:\n  - mali-2021.md\n  - chad-2021.md\n",
    line: 5,
    reason: /Chapter `chad-2021\.md` not found/,
  },
  {
    name: "a chapter listed twice",
    book: "parts:\n  - title: Africa\n    chapters: [mali-2021.md, niger-2021.md]\n  - title: Again\n    chapters:\n      - mali-2021.md\n",
    line: 8,
    reason: /Chapter `mali-2021\.md` is already in the book \(line 5\)/,
  },
  {
    name: "a chapter outside the book's folder",
    book: "chapters: [mali-2021.md, ../outside.md]\n",
    line: 3,
    reason: /Chapter `\.\.\/outside\.md` is outside the book's folder/,
  },
  {
    name: "a book naming itself",
    book: "chapters:\n  - mali-2021.md\n  - bad.md\n",
    line: 5,
    reason: /Chapter `bad\.md` is this book itself/,
  },
  {
    name: "a chapter that is itself a book",
    book: "chapters:\n  - crt-2021.md\n",
    line: 4,
    reason: /Chapter `crt-2021\.md` is itself a book/,
  },
  {
    name: "a chapter that fails to load",
    book: "chapters:\n  - mali-2021.md\n  - broken.md\n",
    line: 5,
    reason: /Chapter `broken\.md` does not load: 1 error in .*broken\.md/,
    extra: { "broken.md": "---\ntitle: Broken\nyear: soon\n---\n\n## A\n\nText.\n" },
  },
  {
    name: "both chapters and parts",
    book: "chapters: [mali-2021.md]\nparts:\n  - title: P\n    chapters: [niger-2021.md]\n",
    line: 3,
    reason: /lists `chapters:` or `parts:`, not both/,
  },
  {
    name: "a part without chapters",
    book: "parts:\n  - title: P\n    chapters: []\n",
    line: 5,
    reason: /Front matter field `parts\.0\.chapters`/,
  },
];

describe("a bad book", () => {
  let dir: string;
  let before: Map<string, Buffer>;
  beforeAll(async () => {
    dir = project();
    writeFileSync(join(dir, "outside.md"), "---\ntitle: Outside\n---\n\nText.\n");
    const good = await buildReports([join(dir, "source", "crt-2021.md")], {
      outDir: join(dir, "out"),
      formats: ["html", "pdf", "docx"],
      assets: testAssets(),
      sourceDateEpoch: 1_700_000_000,
    });
    expect(good.ok).toBe(true);
    before = files(join(dir, "out"));
  });

  it.each(badBooks)("is refused for $name, at its line of the book, leaving out/ as it was", async (bad) => {
    for (const [name, text] of Object.entries(bad.extra ?? {}))
      writeFileSync(join(dir, "source", name), text);
    const path = join(dir, "source", "bad.md");
    // The book takes the name of the good one's output, so a half-written build would show.
    writeFileSync(path, `---\ntitle: Bad\n${bad.book}---\n\nFront text.\n`);
    const result = await buildReports([path], {
      outDir: join(dir, "out"),
      formats: ["html", "pdf", "docx", "factsheet"],
      assets: testAssets(),
    });
    expect(result.ok).toBe(false);
    expect(result.written).toEqual([]);
    const report = formatMessages(result.files);
    const errors = report.split("\n").filter((l) => l.includes(": error: "));
    expect(errors[0]).toMatch(new RegExp(`source/bad\\.md:${bad.line}:\\d+: error: `));
    expect(errors[0]).toMatch(bad.reason);
    if (bad.extra) expect(report).toMatch(/source\/broken\.md:3:1: error: Front matter field `year`/);
    expectSameFiles(before, files(join(dir, "out")));
  });

  it("is refused by the command with exit 1, every problem at its line, nothing written", () => {
    writeFileSync(join(dir, "source", "broken.md"), "---\ntitle: Broken\nyear: soon\n---\n\nText.\n");
    writeFileSync(
      join(dir, "source", "bad.md"),
      "---\ntitle: Bad\nchapters:\n  - mali-2021.md\n  - chad-2021.md\n  - mali-2021.md\n  - ../outside.md\n  - bad.md\n  - crt-2021.md\n  - broken.md\n---\n",
    );
    const result = runFolio(["build", "source/bad.md"], dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => l.includes("error:"));
    expect(lines.map((l) => /^([^:]+:\d+):/.exec(l)?.[1])).toEqual([
      "source/bad.md:5",
      "source/bad.md:6",
      "source/bad.md:7",
      "source/bad.md:8",
      "source/bad.md:9",
      "source/bad.md:10",
      "source/broken.md:3",
    ]);
    expect(result.stdout).not.toContain("wrote");
    expectSameFiles(before, files(join(dir, "out")));
  });
});
