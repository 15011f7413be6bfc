import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, relative } from "node:path";
import type { VFile } from "vfile";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { templatesDir } from "../../assets/paths.ts";
import { frontMatterPlace, type Place } from "../frontmatter.ts";
import { readBesideSource } from "../inside-folder.ts";
import { maxBibliographyBytes } from "../limits.ts";
import type { ReportMeta } from "../schema.ts";

// The bibliography's entries, as CSL-JSON items (what citeproc reads), from the files `bibliography:`
// names beside the source (CSL-JSON, CSL-YAML, BibTeX/BibLaTeX) and the front matter's `references:`.
// Like images, a file is read only inside the source's folder.

/** One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type?: string;
  [field: string]: unknown;
}

/** A bibliography entry and where it was read (a file beside the source, or the front matter). */
export interface LoadedItem {
  item: CslItem;
  /** The file it was read from, as the build names it; undefined for the front matter's `references:`. */
  path?: string;
}

const require = createRequire(import.meta.url);

/** Records an error of `file`'s load at `place`, naming `path` when it is another file (a .bib). */
function fail(file: VFile, reason: string, place: Place | undefined, path?: string): void {
  const message = file.message(reason, { place, ruleId: "bibliography", source: "folio" });
  message.fatal = true;
  if (path) message.file = path;
}

/**
 * Every entry of the source's bibliography by id, in the order given (files in the order listed,
 * then `references:`). A missing or outside file is an error at its line of the front matter; a
 * file that does not parse, an error at its own line; an id given twice, an error at the second.
 */
export function loadBibliography(meta: ReportMeta, file: VFile, baseDir: string): Map<string, LoadedItem> {
  const items = new Map<string, LoadedItem>();
  const add = (item: CslItem, path: string | undefined, place: Place | undefined) => {
    if (items.has(item.id)) {
      fail(file, `Bibliography entry \`${item.id}\` is given twice: ids must be unique`, place, path);
      return;
    }
    items.set(item.id, { item, path });
  };
  const written = meta.bibliography ?? [];
  written.forEach((name, i) => {
    // A single name (`bibliography: refs.bib`) has no item: the place is then the field's.
    const place = frontMatterPlace(meta, ["bibliography", i]);
    const found = locate(name, baseDir);
    if ("problem" in found) {
      fail(file, `Bibliography \`${name}\` ${found.problem}`, place);
      return;
    }
    const shown = relative(process.cwd(), found.path) || found.path;
    for (const parsed of parseFile(found.text, extname(name).toLowerCase(), file, shown, place))
      add(parsed.item, shown, parsed.place);
  });
  (meta.references ?? []).forEach((item, i) => {
    const place = frontMatterPlace(meta, ["references", i]);
    const checked = asItem(item);
    if (typeof checked === "string") fail(file, `Front matter field \`references.${i}\`: ${checked}`, place);
    else add(checked, undefined, place);
  });
  return items;
}

/** The file `name` beside the source, read by the images' rule; or why it cannot be (missing, outside, not a file). */
function locate(name: string, baseDir: string): { path: string; text: string } | { problem: string } {
  const kind = extname(name).toLowerCase();
  if (!parsers.has(kind) && !/^[a-z][a-z0-9+.-]*:/i.test(name))
    return {
      problem: `is not a bibliography Folio reads: name a \`.json\` (CSL-JSON), \`.yaml\` (CSL-YAML) or \`.bib\` (BibTeX, BibLaTeX) file`,
    };
  const read = readBesideSource(name, baseDir, maxBibliographyBytes);
  if ("problem" in read && read.problem === "does not exist")
    return { problem: "does not exist (a bibliography is read beside the source)" };
  return read;
}

interface Parsed {
  item: CslItem;
  place?: Place;
}

type Parser = (text: string, fail: (reason: string, place: Place) => void) => Parsed[];

const parsers = new Map<string, Parser>([
  [".json", parseCslJson],
  [".yaml", parseCslYaml],
  [".yml", parseCslYaml],
  [".bib", parseBibtex],
  [".bibtex", parseBibtex],
  [".biblatex", parseBibtex],
]);

function parseFile(text: string, kind: string, file: VFile, path: string, at: Place | undefined): Parsed[] {
  const parser = parsers.get(kind);
  if (!parser) return [];
  let failed = false;
  const parsed = parser(text, (reason, place) => {
    failed = true;
    fail(file, reason, place ?? at, path);
  });
  return failed ? [] : parsed;
}

/** A CSL item as read, or why it is not one. */
function asItem(value: unknown): CslItem | string {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "expected an entry (`id: …`, `type: …`, `title: …`)";
  const id = (value as { id?: unknown }).id;
  if (typeof id !== "string" && typeof id !== "number") return "an entry needs an `id`";
  return { ...(value as object), id: String(id) } as CslItem;
}

/** CSL-JSON: an array of items. A syntax error is placed where JSON.parse stopped. */
function parseCslJson(text: string, fail: (reason: string, place: Place) => void): Parsed[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const lineColumn = /line (\d+) column (\d+)/.exec(reason);
    const offset = Number(/position (\d+)/.exec(reason)?.[1] ?? 0);
    const before = text.slice(0, offset).split("\n");
    const place = lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
    fail(
      `Not valid CSL-JSON: ${reason.replace(/ in JSON at position.*$/, "").replace(/\s*\(line.*$/, "")}`,
      place,
    );
    return [];
  }
  if (!Array.isArray(data)) {
    fail('Not valid CSL-JSON: expected an array of entries (`[{"id": …}, …]`)', { line: 1, column: 1 });
    return [];
  }
  // Each item's line: where its `"id"` stands (the n-th `"id":` of the text).
  const idLines = [...text.matchAll(/"id"\s*:/g)].map((m) => text.slice(0, m.index).split("\n").length);
  const parsed: Parsed[] = [];
  data.forEach((value, i) => {
    const place = { line: idLines[i] ?? 1, column: 1 };
    const item = asItem(value);
    if (typeof item === "string") fail(`Entry ${i + 1}: ${item}`, place);
    else parsed.push({ item, place });
  });
  return parsed;
}

/** CSL-YAML: a list of items, or a mapping with `references:` (pandoc's form). */
function parseCslYaml(text: string, fail: (reason: string, place: Place) => void): Parsed[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const error = doc.errors[0];
  if (error) {
    fail(`Not valid CSL-YAML: ${error.message.split("\n")[0]}`, at(error.pos[0]));
    return [];
  }
  const list = isMap(doc.contents) ? doc.contents.get("references", true) : doc.contents;
  if (!isSeq(list)) {
    fail("Not valid CSL-YAML: expected a list of entries, or `references:` with one", { line: 1, column: 1 });
    return [];
  }
  const parsed: Parsed[] = [];
  list.items.forEach((node, i) => {
    const place = at((node as { range?: [number, number, number] }).range?.[0] ?? 0);
    const item = asItem((node as { toJSON(): unknown }).toJSON());
    if (typeof item === "string") fail(`Entry ${i + 1}: ${item}`, place);
    else parsed.push({ item, place });
  });
  return parsed;
}

interface CitationJs {
  plugins: { input: { chain(input: string, options: object): CslItem[] } };
  logger: { level: string };
}

/** citation-js with its BibTeX plugin, loaded on first use (reports without a .bib never pay for it). */
let citationJs: CitationJs | undefined;
function bibtexReader(): CitationJs {
  if (!citationJs) {
    citationJs = require("@citation-js/core") as CitationJs;
    require("@citation-js/plugin-bibtex");
    // Its warnings go to the console, which is the CLI's report: Folio reports problems itself.
    citationJs.logger.level = "silent";
  }
  return citationJs;
}

/** BibTeX or BibLaTeX, read by citation-js into CSL items. A syntax error is placed at the line it names. */
function parseBibtex(text: string, fail: (reason: string, place: Place) => void): Parsed[] {
  let items: CslItem[];
  try {
    items = bibtexReader().plugins.input.chain(text, { forceType: "@biblatex/text", generateGraph: false });
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    const at = /at line (\d+) col (\d+)/.exec(reason);
    fail(`Not valid BibTeX: ${reason.split("\n")[0]?.replace(/ at line \d+ col \d+:?$/, "")}`, {
      line: Number(at?.[1] ?? 1),
      column: Number(at?.[2] ?? 1),
    });
    return [];
  }
  const entryLines = new Map<string, number>();
  for (const m of text.matchAll(/@\w+\s*\{\s*([^,\s]+)\s*,/g))
    entryLines.set(m[1] as string, text.slice(0, m.index).split("\n").length);
  return items.map((item) => {
    const { _graph: _, ...clean } = item as CslItem & { _graph?: unknown };
    return { item: clean as CslItem, place: { line: entryLines.get(item.id) ?? 1, column: 1 } };
  });
}

/** The default style, shipped in templates/csl/ (CC BY-SA 3.0, from the CSL project's styles repository). */
const defaultStyle = "chicago-author-date.csl";
/** The CSL locales shipped, by language: a report's `lang` picks one by its language (`fr-CA` → fr-FR). */
const shippedLocales: Record<string, string> = { en: "en-US", fr: "fr-FR", es: "es-ES" };

/** The style: the `csl:` file beside the source, else the shipped Chicago author-date. */
export function readStyle(
  meta: ReportMeta,
  baseDir: string,
  error: (reason: string, place: unknown) => void,
): { name: string; xml: string } | undefined {
  if (!meta.csl)
    return { name: defaultStyle, xml: readFileSync(join(templatesDir(), "csl", defaultStyle), "utf8") };
  const place = frontMatterPlace(meta, ["csl"]);
  if (!meta.csl.toLowerCase().endsWith(".csl")) {
    error(`Citation style \`${meta.csl}\`: name a \`.csl\` file beside the source`, place);
    return undefined;
  }
  const read = readBesideSource(meta.csl, baseDir, maxBibliographyBytes);
  if ("problem" in read) {
    const problem =
      read.problem === "does not exist" ? "does not exist (a style is read beside the source)" : read.problem;
    error(`Citation style \`${meta.csl}\` ${problem}`, place);
    return undefined;
  }
  return { name: meta.csl, xml: read.text };
}

/** citeproc's language for the report's (`fr` → `fr-FR`); a language Folio ships no locale for writes English. */
export function cslLang(lang: string): string {
  return shippedLocales[lang.split("-")[0]?.toLowerCase() ?? "en"] ?? "en-US";
}

/** A shipped CSL locale's XML (citeproc asks for the style's language and for English). */
export function localeXml(lang: string): string {
  const name = shippedLocales[lang.split("-")[0]?.toLowerCase() ?? "en"] ?? "en-US";
  return readFileSync(join(templatesDir(), "csl", `locales-${name}.xml`), "utf8");
}
