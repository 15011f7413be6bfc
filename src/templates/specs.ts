import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";
import { KeptByKey } from "../assets/kept.ts";

// Handlebars compiles a template to JavaScript on its first render (its `compile` is lazy): in a
// cold build, about 20 ms of CPU for the title block and colophon alone. What a template compiles
// to, its spec, depends only on its text and the compile options; helpers and partials are looked
// up in the environment when it renders. So specs are kept for the process by text and options,
// and the startup snapshot holds those its training render made (src/tools/snapshot.js): a worker
// binds them to its own environment (`template`) instead of compiling them again.
//
// The steps are those of Handlebars' own `compile` (lib/handlebars/compiler/compiler.js, 4.7),
// which its type declarations leave out.
//
// A process started from the bundle rather than the snapshot (every HTML-only build's worker) has
// no spec in memory: the shipped templates' specs are also precompiled when the bundle is built
// (`precompiledSpecs`, written by src/tools/bundle.js), by Handlebars' own `precompile`, and read
// back as its precompiled templates are (about 45 ms of CPU saved in such a worker). A template
// edited since, or a project's own, is not among them and compiles as before.

// CompileOptions and TemplateSpecification are global types of Handlebars' declarations.

interface CompilerSteps {
  Compiler: new () => { compile(ast: unknown, options: CompileOptions): unknown };
  JavaScriptCompiler: new () => {
    compile(
      environment: unknown,
      options: CompileOptions,
      context: undefined,
      asObject: true,
    ): TemplateSpecification;
  };
}

/** Specs by `specKey`; a watch session makes one per saved version of a template. */
const specs = new KeptByKey<TemplateSpecification>(512);

/** `compile`'s options as it completes them: data on unless asked off. */
function completed(options: CompileOptions): CompileOptions {
  return { ...options, data: options.data ?? true };
}

/** The key a spec is kept under: its options and its text (before compiling: it extends knownHelpers in place). */
function specKey(full: CompileOptions, source: string): string {
  return `${JSON.stringify(full)}\n${source}`;
}

/** The spec Handlebars' `compile` would make of `source`; throws as its first render would. */
export function templateSpec(
  hb: typeof Handlebars,
  source: string,
  options: CompileOptions,
): TemplateSpecification {
  const full = completed(options);
  const key = specKey(full, source);
  return specs.get(key, () => {
    const made = precompiled(hb, key);
    if (made) return made;
    const steps = hb as unknown as CompilerSteps;
    const environment = new steps.Compiler().compile(hb.parse(source, full), full);
    return new steps.JavaScriptCompiler().compile(environment, full, undefined, true);
  });
}

/** The precompiled specs of the shipped templates, beside the bundle (node_modules/.cache/folio/). */
export const precompiledSpecsFile = fileURLToPath(
  new URL("../../node_modules/.cache/folio/template-specs.json", import.meta.url),
);
/** What that file holds: the Handlebars version that wrote it, and each spec's source by its key. */
export interface PrecompiledSpecs {
  handlebars: string;
  specs: Record<string, string>;
}
let store: Map<string, string> | undefined;

/** The precompiled spec for `key` from the file, or undefined. */
function precompiled(hb: typeof Handlebars, key: string): TemplateSpecification | undefined {
  if (!store) {
    store = new Map();
    try {
      const file = JSON.parse(readFileSync(precompiledSpecsFile, "utf8")) as PrecompiledSpecs;
      if (file.handlebars === hb.VERSION) store = new Map(Object.entries(file.specs));
    } catch {
      // No bundle built (tests from the sources), or an unreadable file: every template compiles.
    }
  }
  const source = store.get(key);
  return source === undefined ? undefined : specFromPrecompiled(source);
}

/** A precompiled spec's JavaScript made into the object `compile` makes, as Handlebars' precompiled templates are loaded. */
export function specFromPrecompiled(source: string): TemplateSpecification {
  return new Function(`return ${source}`)() as TemplateSpecification;
}

/** The file `precompiled` reads: each template's spec, precompiled, under `templateSpec`'s key. */
export function precompiledSpecs(
  hb: typeof Handlebars,
  templates: ReadonlyArray<{ source: string; options: CompileOptions }>,
): PrecompiledSpecs {
  const entries = templates.map(({ source, options }) => {
    const full = completed(options);
    const key = specKey(full, source);
    // Its declarations say a spec object; Handlebars returns the spec's JavaScript source.
    return [key, hb.precompile(source, full) as unknown as string] as const;
  });
  return { handlebars: hb.VERSION, specs: Object.fromEntries(entries) };
}
