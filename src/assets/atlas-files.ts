import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// The atlases' TopoJSON files, parsed when first asked for: a module-level JSON import would parse
// ~850 kB in every process that loads the assets, an HTML-only build and the pool's workers
// included, though only maps and U.S. place names read them. `require` caches each file.

/** Natural Earth 1:50m countries (npm `world-atlas`). */
export function worldAtlasFile(): unknown {
  return require("world-atlas/countries-50m.json");
}

/** The U.S. states, 1:10m (npm `us-atlas`). */
export function usAtlasFile(): unknown {
  return require("us-atlas/states-10m.json");
}
