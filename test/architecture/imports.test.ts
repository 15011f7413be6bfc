// The import graph of src/: no cycle between files, no lower layer importing a higher one, no
// renderer importing another. Read from the sources themselves, so a new import that breaks a rule
// fails here before it becomes a knot.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const files = (readdirSync("src", { recursive: true }) as string[])
  .filter((name) => name.endsWith(".ts"))
  .map((name) => join("src", name));

/** Each file's relative imports (static, type-only included: a type cycle is a cycle of meaning too). */
const graph = new Map<string, string[]>(
  files.map((file) => {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:import|export)[^'"]*?from\s+["'](\.[^"']+)["']/g)].map((m) =>
      normalize(join(dirname(file), m[1] as string)),
    );
    return [file, targets.filter((target) => files.includes(target))];
  }),
);

/** The layers, lowest first: a file may import its own layer or a lower one. */
const layerOf = (file: string): number => {
  const top = file.split("/")[1] ?? "";
  const layers: Record<string, number> = {
    assets: 0,
    engine: 0,
    theme: 0,
    templates: 0,
    model: 1,
    // Brands (brands/NAME/) are read like assets, with the model's did-you-mean.
    brand: 1,
    render: 2,
    check: 3,
    pipeline: 3,
    watch: 4,
    // folio review: reads a brief and the source's model, writes the source (a command, like cli's).
    review: 4,
    cli: 4,
    bin: 5,
    // The build tools (`make`: bundle, maps, snapshot) use any layer and nothing uses them.
    tools: 5,
  };
  const layer = layers[top];
  if (layer === undefined) throw new Error(`${file}: a folder of src/ with no layer; add it here`);
  return layer;
};

/** Cycles, as strongly connected components of more than one file (Tarjan). */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe("the import graph of src/", () => {
  it("reads every source file", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get("src/model/load.ts")).toContain("src/model/parse.ts");
  });

  it("has no cycle between files", () => {
    expect(cycles()).toEqual([]);
  });

  it("never imports a higher layer (assets, engine < model < render < pipeline < cli)", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("keeps renderers apart: what two formats share lives in src/render/ itself", () => {
    const renderer = (file: string) => /^src\/render\/([^/]+)\//.exec(file)?.[1];
    const across = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => renderer(file) && renderer(target) && renderer(file) !== renderer(target))
        .map((target) => `${file} -> ${target}`),
    );
    expect(across).toEqual([]);
  });

  it("walks trees with src/model/visit.ts: no other file imports unist-util-visit itself", () => {
    const direct = files.filter(
      (file) =>
        file !== "src/model/visit.ts" && /from\s+["']unist-util-visit["']/.test(readFileSync(file, "utf8")),
    );
    expect(direct).toEqual([]);
  });
});
