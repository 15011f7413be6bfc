import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { folioRoot, templatesDir } from "../paths.ts";

/** A template that failed to compile or render; names the template file and, where known, its line. */
export class TemplateError extends Error {
  constructor(
    readonly templatePath: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    reason: string,
  ) {
    super(reason);
  }
}

type Compiled = (data: unknown) => string;

/** Handlebars environment holding every template under `templates/`, compiled once, partials registered by name. */
export class TemplateSet {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, Compiled>();
  private readonly files = new Map<string, string>();

  constructor(readonly dir: string = templatesDir) {
    this.hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    this.hb.registerHelper("join", (list: unknown, sep: unknown) =>
      Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : "",
    );
    for (const file of walk(dir)) {
      if (!file.endsWith(".hbs")) continue;
      const name = relative(dir, file)
        .replace(/\\/g, "/")
        .replace(/\.hbs$/, "");
      this.files.set(name, file);
      const source = readFileSync(file, "utf8");
      // Partials are addressed by their bare name: `partials/title-block.md` → `title-block`.
      if (name.startsWith("partials/")) {
        const partialName = name.slice("partials/".length).replace(/\.[a-z]+$/, "");
        this.hb.registerPartial(partialName, this.compile(name, source, file));
      }
      this.compiled.set(name, this.compile(name, source, file));
    }
  }

  /** Renders `templates/NAME.hbs` (e.g. `partials/colophon.md`, `html/page.html`) with `data`. */
  render(name: string, data: unknown): string {
    const template = this.compiled.get(name);
    const file = this.files.get(name) ?? join(this.dir, `${name}.hbs`);
    if (!template)
      throw new TemplateError(display(file), undefined, undefined, `template \`${name}\` not found`);
    try {
      return template(data);
    } catch (error) {
      throw asTemplateError(error, file);
    }
  }

  has(name: string): boolean {
    return this.compiled.has(name);
  }

  private compile(name: string, source: string, file: string): Compiled {
    const noEscape = !name.endsWith(".html");
    try {
      const template = this.hb.compile(source, { noEscape });
      return (data) => template(data, { allowProtoPropertiesByDefault: false });
    } catch (error) {
      throw asTemplateError(error, file);
    }
  }
}

function asTemplateError(error: unknown, file: string): TemplateError {
  const e = error as {
    message?: string;
    lineNumber?: number;
    column?: number;
    hash?: { loc?: { first_line: number; first_column: number } };
  };
  const firstLine = e.message?.split("\n")[0] ?? String(error);
  const parsedLine = /on line (\d+)/.exec(e.message ?? "")?.[1];
  const line = e.lineNumber ?? e.hash?.loc?.first_line ?? (parsedLine ? Number(parsedLine) : undefined);
  const column =
    e.column !== undefined ? e.column + 1 : e.hash?.loc ? e.hash.loc.first_column + 1 : undefined;
  return new TemplateError(display(file), line, column, firstLine);
}

function display(file: string): string {
  return relative(folioRoot, file) || file;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

let shared: TemplateSet | undefined;
/** The process-wide template set (compiled on first use). */
export function templates(): TemplateSet {
  shared ??= new TemplateSet();
  return shared;
}
