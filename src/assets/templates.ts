import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { TemplateSet, type TemplateSource } from "../templates/set.ts";
import { displayPath } from "./paths.ts";

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Reads and compiles every `*.hbs` under `dir` (a compile error is a TemplateError at its line). */
export function loadTemplates(dir: string): TemplateSet {
  return new TemplateSet(templateSources(dir));
}

/** Every `*.hbs` under `dir`, named by its path there without `.hbs` (`partials/title-block.md`). */
export function templateSources(dir: string): TemplateSource[] {
  const files: TemplateSource[] = [];
  for (const file of walk(dir)) {
    if (!file.endsWith(".hbs")) continue;
    const name = relative(dir, file)
      .replace(/\\/g, "/")
      .replace(/\.hbs$/, "");
    files.push({ name, path: displayPath(file), source: readFileSync(file, "utf8") });
  }
  return files;
}
