import { createHash } from "node:crypto";
import type { Assets } from "../assets/types.ts";
import type { ReportModel } from "../model/types.ts";
import type { Format, RenderOptions, RenderResult } from "../render/format.ts";

/** A number per assets object: a reload of the templates or theme gives new assets, so a new key. */
const generations = new WeakMap<Assets, number>();
let nextGeneration = 1;
function generation(assets: Assets): number {
  let n = generations.get(assets);
  if (n === undefined) {
    n = nextGeneration++;
    generations.set(assets, n);
  }
  return n;
}

/**
 * Wraps a format so that a rebuild whose inputs to it did not change reuses its last result
 * (artifacts and messages: renderers are pure). `inputsOf` must name everything the renderer
 * reads from the model; the assets count as changed whenever they were reloaded.
 */
export function memoizeFormat(
  format: Format,
  inputsOf: (model: ReportModel, options: RenderOptions) => unknown,
): Format {
  let last: { key: string; result: RenderResult } | undefined;
  return {
    ...format,
    async render(model, assets, options) {
      const key = createHash("sha256")
        .update(JSON.stringify([generation(assets), inputsOf(model, options)]))
        .digest("hex");
      if (last?.key === key) return last.result;
      const result = await format.render(model, assets, options);
      last = { key, result };
      return result;
    },
  };
}

/**
 * What the fact sheet reads from the model (src/render/factsheet: meta, facts, names, labels):
 * not the body, so an edit of the prose that leaves every fact as it was reuses the sheet.
 */
export function factSheetInputs(model: ReportModel, options: RenderOptions): unknown {
  const { meta, facts, name, fullTitle, description, labels } = model;
  return { meta, facts, name, fullTitle, description, labels: labels.all, options };
}
