import type Handlebars from "handlebars";

// Handlebars compiles a template to JavaScript on its first render (its `compile` is lazy): in a
// cold build, about 20 ms of CPU for the title block and colophon alone. What a template compiles
// to, its spec, depends only on its text and the compile options; helpers and partials are looked
// up in the environment when it renders. So specs are kept for the process by text and options,
// and the startup snapshot holds those its training render made (src/tools/snapshot.js): a worker
// binds them to its own environment (`template`) instead of compiling them again.
//
// The steps are those of Handlebars' own `compile` (lib/handlebars/compiler/compiler.js, 4.7),
// which its type declarations leave out.

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

const specs = new Map<string, TemplateSpecification>();
/** Specs kept before the cache starts afresh: a watch session makes one per saved version of a template. */
const maxSpecs = 512;

/** The spec Handlebars' `compile` would make of `source`; throws as its first render would. */
export function templateSpec(
  hb: typeof Handlebars,
  source: string,
  options: CompileOptions,
): TemplateSpecification {
  // As `compile` sets them: data on unless asked off (the compiler then extends knownHelpers in place).
  const full: CompileOptions = { ...options, data: options.data ?? true };
  const key = `${JSON.stringify(full)}\n${source}`;
  let spec = specs.get(key);
  if (!spec) {
    const steps = hb as unknown as CompilerSteps;
    const environment = new steps.Compiler().compile(hb.parse(source, full), full);
    spec = new steps.JavaScriptCompiler().compile(environment, full, undefined, true);
    if (specs.size >= maxSpecs) specs.clear();
    specs.set(key, spec);
  }
  return spec;
}
