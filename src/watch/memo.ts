import { createHash } from "node:crypto";
import type { VFileMessage } from "vfile-message";
import type { ReportModel } from "../model/types.ts";
import type { Artifact, Format, RenderOptions } from "../render/format.ts";

/**
 * Wraps a format so that a rebuild whose inputs to it did not change reuses its last artifacts
 * (and replays the warnings it reported). `inputsOf` must name everything the renderer reads.
 */
export function memoizeFormat(
  format: Format,
  inputsOf: (model: ReportModel, options: RenderOptions) => unknown,
): Format {
  let last: { key: string; artifacts: Artifact[]; messages: VFileMessage[] } | undefined;
  return {
    ...format,
    async render(model, options) {
      const key = createHash("sha256")
        .update(JSON.stringify(inputsOf(model, options)))
        .digest("hex");
      if (last?.key === key) {
        model.file.messages.push(...last.messages);
        return last.artifacts;
      }
      const before = model.file.messages.length;
      const artifacts = await format.render(model, options);
      last = { key, artifacts, messages: model.file.messages.slice(before) };
      return artifacts;
    },
  };
}

/**
 * What the fact sheet reads from the model (src/render/factsheet: meta, facts, names, theme):
 * not the body, so an edit of the prose that leaves every fact as it was reuses the sheet.
 */
export function factSheetInputs(model: ReportModel, options: RenderOptions): unknown {
  const { meta, facts, name, fullTitle, description, theme } = model;
  return { meta, facts, name, fullTitle, description, theme, options };
}
