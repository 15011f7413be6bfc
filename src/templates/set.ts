import Handlebars from "handlebars";
import { AssetError } from "../assets/errors.ts";
import { fillLabel } from "../assets/label-set.ts";
import { templateSpec } from "./specs.ts";

/** A template that failed to compile or render; names the template file and, where known, its line. */
export class TemplateError extends AssetError {
  /** The template file, as {@link AssetError.assetPath}. */
  get templatePath(): string {
    return this.assetPath;
  }
}

/** One template file: its path (for messages) and its text. */
export interface TemplateSource {
  /** Name relative to the templates folder, without `.hbs`: `partials/colophon.md`, `html/page.html`. */
  name: string;
  /** The file, as messages name it (relative to Folio's folder when inside it). */
  path: string;
  source: string;
}

type Compiled = (data: unknown) => string;

/** Helpers Folio registers beyond Handlebars' built-ins (if, unless, each, with, lookup, log). */
const knownHelpers = { eq: true, join: true, word: true };

/**
 * How a template compiles: HTML escaped, every other format as written; knownHelpersOnly, so that
 * a misspelt helper fails at compile time, with its line, rather than as "Missing helper" with none.
 */
function compileOptions(name: string): CompileOptions {
  return { noEscape: !name.endsWith(".html"), knownHelpersOnly: true, knownHelpers };
}

/** Handlebars environment holding every template under `templates/`, compiled once, partials registered by name. */
export class TemplateSet {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, Compiled>();
  private readonly files = new Map<string, string>();
  /** Source text of every template, to find the line of a problem Handlebars reports without one. */
  private readonly sources = new Map<string, string>();
  /** The file of each partial, by the name `{{> name}}` uses. */
  private readonly partials = new Map<string, string>();

  /** Compiles every template; partials (`partials/NAME.EXT`) are registered by their bare NAME. */
  constructor(files: readonly TemplateSource[]) {
    this.hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    this.hb.registerHelper("join", (list: unknown, sep: unknown) =>
      Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : "",
    );
    // `{{word "pageOf" page=page pages=pages}}`: a word of templates/labels/ (the data's `labels`), filled in.
    this.hb.registerHelper("word", (key: unknown, options: Handlebars.HelperOptions) => {
      const labels = (options.data?.root as { labels?: Record<string, string> } | undefined)?.labels;
      const word = typeof key === "string" ? labels?.[key] : undefined;
      if (word === undefined)
        throw new Error(`Unknown label \`${String(key)}\` (the data has no such label)`);
      return fillLabel(word, options.hash as Record<string, string>);
    });
    for (const { name, path, source } of files) {
      this.files.set(name, path);
      this.sources.set(path, source);
      if (name.startsWith("partials/")) {
        const partialName = name.slice("partials/".length).replace(/\.[a-z]+$/, "");
        this.hb.registerPartial(partialName, this.compile(name, source));
        this.partials.set(partialName, path);
      }
      this.compiled.set(name, this.compile(name, source));
    }
  }

  /** Renders `templates/NAME.hbs` (e.g. `partials/colophon.md`, `html/page.html`) with `data`. */
  render(name: string, data: unknown): string {
    const template = this.compiled.get(name);
    const file = this.files.get(name) ?? `templates/${name}.hbs`;
    if (!template) throw new TemplateError(file, undefined, undefined, `template \`${name}\` not found`);
    try {
      return template(data);
    } catch (error) {
      // A partial that includes itself (directly or through others) recurses until the stack ends.
      const cycle = error instanceof RangeError ? partialCycle(file, this.sources, this.partials) : undefined;
      if (cycle) throw cycle;
      throw locate(asTemplateError(error, file), file, this.sources);
    }
  }

  /** Each template's text and the options it compiles with (src/templates/specs.ts precompiles them). */
  compileInputs(): Array<{ source: string; options: CompileOptions }> {
    return [...this.files].map(([name, path]) => ({
      source: this.sources.get(path) as string,
      options: compileOptions(name),
    }));
  }

  has(name: string): boolean {
    return this.compiled.has(name);
  }

  private compile(name: string, source: string): Compiled {
    let template: HandlebarsTemplateDelegate | undefined;
    return (data) => {
      // Compiled at its first render, as Handlebars' own `compile` does (`render` reports a syntax
      // error then), from the spec this process may already have made of the same text (specs.ts).
      template ??= this.hb.template(templateSpec(this.hb, source, compileOptions(name)));
      return template(data, { allowProtoPropertiesByDefault: false });
    };
  }
}

function asTemplateError(error: unknown, file: string): TemplateError {
  const e = error as {
    message?: string;
    lineNumber?: number;
    column?: number;
    hash?: { loc?: { first_line: number; first_column: number } };
  };
  const lines = (e.message ?? String(error)).split("\n");
  const helper = /unknown helper (\S+)/.exec(lines[0] ?? "")?.[1];
  // Handlebars' parse errors put the reason on their last line, after a picture of the spot.
  const firstLine = helper
    ? `Unknown helper \`${helper}\` (known: ${Object.keys(knownHelpers).join(", ")} and Handlebars' own)`
    : lines.length > 1 && lines[0]?.endsWith(":")
      ? `${lines[0].replace(/ on line \d+:$/, "")}: ${lines.at(-1)}`
      : (lines[0] ?? "");
  const parsedLine = /on line (\d+)/.exec(e.message ?? "")?.[1];
  const line = e.lineNumber ?? e.hash?.loc?.first_line ?? (parsedLine ? Number(parsedLine) : undefined);
  const column =
    e.column !== undefined ? e.column + 1 : e.hash?.loc ? e.hash.loc.first_column + 1 : undefined;
  return new TemplateError(file, line, column, firstLine);
}

/**
 * Handlebars reports a missing partial at render time without a line: the line is found by looking
 * for the name in a `{{> name` tag, in the template rendered first, then in every partial.
 */
function locate(error: TemplateError, file: string, sources: ReadonlyMap<string, string>): TemplateError {
  if (error.line !== undefined) return error;
  const name = /partial (\S+) could not be found|"([^"]+)"/.exec(error.message)?.slice(1).find(Boolean);
  if (!name) return error;
  const tag = new RegExp(`\\{\\{~?[#>]?\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[\\s}~])`);
  const candidates = [file, ...[...sources.keys()].filter((f) => f !== file)];
  for (const candidate of candidates) {
    const lines = (sources.get(candidate) ?? "").split("\n");
    const index = lines.findIndex((l) => tag.test(l));
    if (index >= 0) {
      const column = (lines[index]?.search(tag) ?? 0) + 1;
      return new TemplateError(candidate, index + 1, column, error.message);
    }
  }
  return error;
}

/** Every `{{> name}}` (or `{{#> name}}`) in a template's text, with its line and column. */
function partialTags(source: string): Array<{ name: string; line: number; column: number }> {
  const tags: Array<{ name: string; line: number; column: number }> = [];
  source.split("\n").forEach((text, i) => {
    for (const match of text.matchAll(/\{\{~?#?>\s*([^\s}~]+)/g))
      tags.push({ name: match[1] as string, line: i + 1, column: (match.index ?? 0) + 1 });
  });
  return tags;
}

/**
 * The partial tag that closes a cycle of partials reachable from `file` (`a` includes `b`, which
 * includes `a`), as an error at that tag; undefined when there is none.
 */
function partialCycle(
  file: string,
  sources: ReadonlyMap<string, string>,
  partials: ReadonlyMap<string, string>,
): TemplateError | undefined {
  const done = new Set<string>();
  const visit = (path: string, trail: string[]): TemplateError | undefined => {
    if (done.has(path)) return undefined;
    for (const tag of partialTags(sources.get(path) ?? "")) {
      const target = partials.get(tag.name);
      if (!target) continue;
      const names = [...trail, tag.name];
      if (target === path || trail.includes(tag.name)) {
        const chain = names.slice(names.indexOf(tag.name)).join(" → ");
        return new TemplateError(
          path,
          tag.line,
          tag.column,
          `The partial ${tag.name} includes itself (${chain}): it would never end`,
        );
      }
      const found = visit(target, names);
      if (found) return found;
    }
    done.add(path);
    return undefined;
  };
  const start = [...partials].find(([, path]) => path === file)?.[0];
  return visit(file, start ? [start] : []);
}
