import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { formatIds } from "../src/render/format.ts";
import { buildInProject, runFolio } from "./support/cli.ts";

/** A fresh folder holding a copy of Mali's source. */
function projectWithMali(prefix: string): { dir: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "source"));
  cpSync("source/mali-2021.md", join(dir, "source", "mali-2021.md"));
  return { dir, out: join(dir, "out") };
}

/** Builds every artifact of Mali in a fresh folder with the CLI (a new process, its caches cold). */
function buildWithCli(prefix: string, epoch: string): { dir: string; out: string } {
  const project = projectWithMali(prefix);
  const result = runFolio(["build", "source/mali-2021.md"], project.dir, { SOURCE_DATE_EPOCH: epoch });
  if (result.code !== 0) throw new Error(`build failed in ${project.dir}: ${result.stderr}`);
  return project;
}

/**
 * Builds them in this process, as `folio build` in that folder would: a process whose caches (the
 * shaping of words, the faces, the gazetteer) other test files have already warmed, which must
 * change nothing in the bytes.
 */
async function buildInThisProcess(prefix: string, epoch: number): Promise<{ dir: string; out: string }> {
  const project = projectWithMali(prefix);
  await buildInProject(project.dir, ["source/mali-2021.md"], [...formatIds], epoch);
  return project;
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
  beforeAll(async () => {
    a = buildWithCli("folio-repro-a-", "1700000000");
    b = await buildInThisProcess("folio-repro-bb-", 1_700_000_000);
  }, 180_000);

  it("writes byte-identical artifacts and manifest in two folders with the same SOURCE_DATE_EPOCH, cold process or warm", () => {
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
    for (const build of [a, b])
      for (const name of readdirSync(build.out)) {
        const text = await searchableText(join(build.out, name));
        expect(text.includes(build.dir), name).toBe(false);
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
