import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Root } from "mdast";
import { loadAssets } from "../assets/load.ts";
import { spelledOut } from "../model/abbreviations-html.ts";
import { loadDocument } from "../model/book/load.ts";
import { treeSentences } from "../model/sentences.ts";
import type { Manifest } from "../pipeline/manifest.ts";
import { sha256 } from "../pipeline/manifest.ts";
import { checkParity, type ParityResult } from "./parity.ts";

/** The artifacts that carry the whole report text (the fact sheet carries only extracts). */
export const fullTextSuffixes = [".html", ".pdf", ".docx"] as const;

export interface CheckReport {
  problems: string[];
  lines: string[];
}

function describe(result: ParityResult): string {
  if (result.missing === undefined)
    return `${result.artifact}: ${result.found}/${result.sentences} sentences in order`;
  return (
    `${result.artifact}: sentence ${result.found + 1} of ${result.sentences} missing: “${result.missing}”` +
    (result.after !== undefined
      ? ` (the text after sentence ${result.found} reads: “${result.after.trim()}…”)`
      : "")
  );
}

/**
 * Cross-format parity: each HTML, PDF and DOCX artifact of each source holds every sentence and
 * heading of the source, in order; and every checksum in `manifest.json` matches its file.
 */
export async function checkBuild(sources: readonly string[], outDir: string): Promise<CheckReport> {
  const report: CheckReport = { problems: [], lines: [] };
  const assets = loadAssets();
  for (const source of sources) {
    const model = loadDocument(source, assets);
    // A book's web edition in pages: the index holds the front text, each chapter's page its chapter.
    const pages =
      model.book?.html === "pages"
        ? [
            { suffix: ".html", nodes: model.tree.children.slice(0, model.book.front) },
            ...model.book.chapters.map((chapter) => ({
              suffix: `/${chapter.name}.html`,
              nodes: model.tree.children.slice(...chapter.nodes),
            })),
          ]
        : [];
    for (const { suffix, nodes } of pages) {
      const artifact = join(outDir, `${model.name}${suffix}`);
      if (!existsSync(artifact)) {
        report.problems.push(`${artifact}: missing (build it first)`);
        continue;
      }
      const result = await checkParity(
        artifact,
        treeSentences(spelledOut({ type: "root", children: nodes }, true), { notes: true }),
      );
      (result.missing === undefined ? report.lines : report.problems).push(describe(result));
    }
    for (const suffix of fullTextSuffixes) {
      if (pages.length > 0 && suffix === ".html") continue;
      const artifact = join(outDir, `${model.name}${suffix}`);
      if (!existsSync(artifact)) {
        report.problems.push(`${artifact}: missing (build it first)`);
        continue;
      }
      // Word spells each abbreviation out at its first use (the model's decision): so must its sentences.
      const expected = expectedSentences(model.tree, suffix);
      const result = await checkParity(artifact, expected);
      (result.missing === undefined ? report.lines : report.problems).push(describe(result));
    }
  }
  const manifestPath = join(outDir, "manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    for (const entry of manifest.artifacts) {
      const path = join(outDir, entry.path);
      if (!existsSync(path))
        report.problems.push(`${manifestPath}: lists ${entry.path}, which does not exist`);
      else if (sha256(readFileSync(path)) !== entry.sha256)
        report.problems.push(`${path}: sha256 differs from ${manifestPath}`);
    }
    report.lines.push(`${manifestPath}: ${manifest.artifacts.length} checksums verified`);
  } else {
    report.problems.push(`${manifestPath}: missing`);
  }
  return report;
}

/**
 * The sentences an artifact of `suffix` must hold, in order: every sentence and heading of the
 * tree, a footnote reference marked where it stands; the Word brief spells each abbreviation out
 * at its first use (the model's decision), so its sentences do too.
 */
export function expectedSentences(tree: Root, suffix: string): string[] {
  return treeSentences(spelledOut(tree, suffix !== ".docx"), { notes: true });
}
