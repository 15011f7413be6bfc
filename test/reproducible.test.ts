import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { runFolio } from "./support/cli.ts";

/** Copies Mali's source into a fresh folder and builds every artifact there with the CLI. */
function buildIn(prefix: string, epoch: string): { dir: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "source"));
  cpSync("source/mali-2021.md", join(dir, "source", "mali-2021.md"));
  const result = runFolio(["build", "source/mali-2021.md"], dir, { SOURCE_DATE_EPOCH: epoch });
  if (result.code !== 0) throw new Error(`build failed in ${dir}: ${result.stderr}`);
  return { dir, out: join(dir, "out") };
}

/** Every text a reader or a tool could find in an artifact, zip entries unpacked. */
async function searchableText(path: string): Promise<string> {
  const bytes = readFileSync(path);
  if (!path.endsWith(".docx")) return bytes.toString("latin1");
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async("string")));
  return parts.join("\n");
}

describe("reproducible builds", () => {
  let a: { dir: string; out: string };
  let b: { dir: string; out: string };
  beforeAll(() => {
    a = buildIn("folio-repro-a-", "1700000000");
    b = buildIn("folio-repro-bb-", "1700000000");
  }, 180_000);

  it("writes byte-identical artifacts and manifest in two folders with the same SOURCE_DATE_EPOCH", () => {
    const names = readdirSync(a.out).sort();
    expect(names).toEqual([
      "mali-2021.docx",
      "mali-2021.factsheet.html",
      "mali-2021.factsheet.pdf",
      "mali-2021.html",
      "mali-2021.pdf",
      "manifest.json",
    ]);
    expect(readdirSync(b.out).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(a.out, name)).equals(readFileSync(join(b.out, name))), name).toBe(true);
    }
  });

  it("puts no absolute path of the build folder into any artifact", async () => {
    for (const name of readdirSync(a.out)) {
      const text = await searchableText(join(a.out, name));
      expect(text.includes(a.dir), name).toBe(false);
      expect(text.includes(tmpdir()), name).toBe(false);
    }
  });

  it("writes the epoch's date into the PDF and DOCX metadata", async () => {
    const info = execFileSync("pdfinfo", ["-isodates", join(a.out, "mali-2021.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/CreationDate:\s+2023-11-14T22:13:20Z/);
    expect(info).toMatch(/ModDate:\s+2023-11-14T22:13:20Z/);
    const zip = await JSZip.loadAsync(readFileSync(join(a.out, "mali-2021.docx")));
    const core = await zip.file("docProps/core.xml")?.async("string");
    expect(core).toMatch(/<dcterms:created[^>]*>2023-11-14T22:13:20Z</);
    expect(core).toMatch(/<dcterms:modified[^>]*>2023-11-14T22:13:20Z</);
  });
});
