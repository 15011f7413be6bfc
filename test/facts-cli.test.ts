// `folio facts` on the command line (the drafting itself is unit-tested in test/unit/facts-draft.test.ts).
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { mainInProcess, runFolio } from "./support/cli.ts";

const fixture = (name: string) => `test/fixtures/reports/${name}.md`;

describe("folio facts: the draft as front matter", () => {
  it("prints the drafted fields of one report on the command line", async () => {
    const niger = runFolio(["facts", fixture("niger-2021")], process.cwd());
    expect(niger.code).toBe(0);
    const data = parseYaml(niger.stdout) as Record<string, unknown[]>;
    expect(Object.keys(data)).toEqual(["country", "country-code", "year", "facts", "groups", "incidents"]);
    expect(data.incidents?.[3]).toMatchObject({
      date: "2021-05-04",
      killed: "at least 15 soldiers",
      injured: "four",
    });
    expect(niger.stdout).toContain("quote: On January 2, terrorists attacked two villages");

    // The same command in this process (its start is tested above): what it prints and exits with.
    const mali = await mainInProcess(["facts", "source/mali-2021.md"]);
    expect(mali.code).toBe(0);
    expect(mali.stdout).toContain("# `incidents` is in the front matter already: not drafted");
    expect(parseYaml(mali.stdout)).toBeNull();

    expect((await mainInProcess(["facts"])).code).toBe(2);
  });

  it("says which sheet a report gets, its summary and findings, and why each figure ranked where it did", async () => {
    const water = await mainInProcess(["facts", "test/fixtures/real/water-utility-brief.md"]);
    expect(water.code).toBe(0);
    const lines = water.stdout.split("\n");
    expect(lines).toContain("# sheet: brief (no country named in the front matter or the title)");
    expect(lines).toContain(
      "#   2. line 19: Customers more than 60 days behind owed a median of $412, up from $236 in 2020.",
    );
    expect(lines).toContain(
      "  # rank 1: score 35 = place abstract +30, kind people +5 (sentence 2 of the abstract)",
    );
    expect(lines).toContain(
      "  # rank 4: score 24 = place summary +20, kind money +4 (sentence 2 of the body)",
    );
    const data = parseYaml(water.stdout) as { facts: Array<{ value: string; priority: number }> };
    expect(data.facts.map((f) => [f.value, f.priority]).slice(0, 4)).toEqual([
      ["1,540", 1],
      ["15%", 2],
      ["48", 3],
      ["$412", 4],
    ]);
  });

  it("builds no fact sheet for `factsheet: none`, saying so once without an error", async () => {
    const out = mkdtempSync(join(tmpdir(), "folio-no-sheet-"));
    // In this process: `folio build`'s own start is cli.test.ts's.
    const built = await mainInProcess([
      "build",
      "test/fixtures/facts/no-sheet.md",
      "--formats",
      "html,factsheet",
      "--out",
      out,
    ]);
    expect(built.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "no-sheet.html"]);
    expect(built.stderr).toContain(
      "test/fixtures/facts/no-sheet.md:3:1: warning: No fact sheet written: the front matter says `factsheet: none`",
    );
    expect(built.stderr).toContain("0 errors");
  });
});
