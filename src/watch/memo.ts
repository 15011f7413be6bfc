import { createHash } from "node:crypto";
import type { Assets } from "../assets/types.ts";
import { reportFacts } from "../model/facts/report-facts.ts";
import type { ReportModel } from "../model/types.ts";
import type { Format, RenderOptions, RenderResult } from "../render/format.ts";

/**
 * Wraps a format so that a rebuild whose inputs to it did not change reuses its last result
 * (artifacts and messages: renderers are pure). `inputsOf` must name everything the renderer
 * reads from the model; the assets count as changed whenever they were reloaded.
 */
export function memoizeFormat(
  format: Format,
  inputsOf: (model: ReportModel, options: RenderOptions, assets: Assets) => unknown,
): Format {
  let last: { assets: Assets; key: string; result: RenderResult } | undefined;
  return {
    ...format,
    async render(model, assets, options) {
      const key = createHash("sha256")
        .update(JSON.stringify(inputsOf(model, options, assets)))
        .digest("hex");
      // A reload of the templates or theme gives new assets: then the result is made again.
      if (last?.assets === assets && last.key === key) return last.result;
      const result = await format.render(model, assets, options);
      last = { assets, key, result };
      return result;
    },
  };
}

/**
 * What the fact sheet reads from the model (src/render/factsheet: meta, facts, names, labels):
 * not the body, so an edit of the prose that leaves every fact as it was reuses the sheet.
 */
export function factSheetInputs(model: ReportModel, options: RenderOptions, assets: Assets): unknown {
  const { meta, name, fullTitle, description, labels } = model;
  // A book has no fact sheet of its own (its chapters do): nothing to draft for it.
  const facts = model.book ? undefined : reportFacts(model, assets.gazetteer);
  // Not the date: it reaches the sheet only as its PDF's creation date, so a sheet whose facts are
  // unchanged is the one made before, dated when it was made. Without SOURCE_DATE_EPOCH the date is
  // the time of each rebuild, and a key holding it never matched: every edit re-laid the sheet out.
  const { date: _madeAt, ...rest } = options;
  return { meta, facts, name, fullTitle, description, labels: labels.all, options: rest };
}
