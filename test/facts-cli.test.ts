// `folio facts` on the command line (the drafting itself is unit-tested in test/unit/facts-draft.test.ts).
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runFolio } from "./support/cli.ts";

const fixture = (name: string) => `test/fixtures/reports/${name}.md`;

describe("folio facts: the draft as front matter", () => {
  it("prints the drafted fields of one report on the command line", () => {
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

    const mali = runFolio(["facts", "source/mali-2021.md"], process.cwd());
    expect(mali.code).toBe(0);
    expect(mali.stdout).toContain("# `incidents` is in the front matter already: not drafted");
    expect(parseYaml(mali.stdout)).toBeNull();

    expect(runFolio(["facts"], process.cwd()).code).toBe(2);
  });
});
