// Engine tests compare Folio's adaptation with the function it replaces. Vitest runs test files
// in one process (isolate: false), so an earlier file may already have patched pdfmake's shared
// module: a pristine copy of the one file, compiled afresh, still holds the original methods.
import { readFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);
interface CompilableModule {
  exports: unknown;
  filename: string;
  paths: string[];
  _compile(source: string, filename: string): void;
}
type ModuleClass = new (id: string) => CompilableModule;

/** A fresh, unpatched copy of a CommonJS module's exports (its own imports come from the shared cache). */
export function pristineModule<T>(specifier: string): T {
  const filename = require.resolve(specifier);
  const copy = new (Module as unknown as ModuleClass)(filename);
  copy.filename = filename;
  copy.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    dirname(filename),
  );
  copy._compile(readFileSync(filename, "utf8"), filename);
  return copy.exports as T;
}
