import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReports } from "../src/build/build.ts";
import { balance, buildSplit } from "../src/build/split.ts";
import { formatMessages } from "../src/cli/report.ts";

const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name)).toString("base64")]),
  );

describe("formats split over two threads", () => {
  it("balances the formats by cold cost, keeping the order asked for", () => {
    expect(balance(["html", "pdf", "docx", "factsheet"])).toEqual([["factsheet"], ["html", "pdf", "docx"]]);
    expect(balance(["pdf", "html"])).toEqual([["pdf"], ["html"]]);
    expect(balance(["html", "pdf", "docx"])).toEqual([["pdf"], ["html", "docx"]]);
    expect(balance(["docx", "html"])).toEqual([["docx"], ["html"]]);
  });

  it("writes what a serial build writes, byte for byte, with each warning once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-split-"));
    const options = { formats: ["html", "pdf", "docx", "factsheet"] as const, sourceDateEpoch: 1 };
    const serial = await buildReports(["source/mali-2021.md"], { ...options, outDir: join(dir, "serial") });
    const split = await buildSplit(["source/mali-2021.md"], { ...options, outDir: join(dir, "split") });
    expect(split.ok).toBe(true);
    expect(files(join(dir, "split"))).toEqual(files(join(dir, "serial")));
    expect(split.written.map((p) => p.replace(/.*[\\/]/, ""))).toEqual(
      serial.written.map((p) => p.replace(/.*[\\/]/, "")),
    );
    const report = formatMessages(split.files);
    expect(report).toBe(formatMessages(serial.files));
    expect(report.match(/Dioura/g)).toHaveLength(1);
  });

  it("writes nothing of a source that fails on the worker, and names the line once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-split-bad-"));
    const path = join(dir, "wide.md");
    // Loads fine and makes a web page; only the PDF edition (rendered on the worker) refuses it.
    const cells = (text: string) => `|${Array.from({ length: 40 }, (_, i) => `${text}${i} word`).join("|")}|`;
    writeFileSync(
      path,
      `---\ntitle: Wide\n---\n\nA table.\n\n${cells("Column")}\n${cells("-").replace(/-\d+ word/g, "---")}\n${cells("value")}\n`,
    );
    expect(balance(["html", "pdf"])[0]).toEqual(["pdf"]); // the worker's group
    const out = join(dir, "out");
    const result = await buildSplit([path], { outDir: out, formats: ["html", "pdf"] });
    expect(result.ok).toBe(false);
    expect(result.written).toEqual([]);
    expect(() => readdirSync(out)).toThrow();
    const report = formatMessages(result.files);
    expect(report).toMatch(/wide\.md:7:1: error: Table too wide for the PDF page/);
    expect(report.match(/error:/g)).toHaveLength(1);
  });
});
