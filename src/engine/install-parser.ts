import { installEditMap } from "./micromark/edit-map.ts";
import { checkEngineVersions, pinnedDependencies } from "./versions.ts";

let installed = false;

/**
 * The Markdown parser's adaptation (micromark's EditMap), after checking micromark's version:
 * called by `parseMarkdown`, the only layer every build needs; idempotent.
 */
export function installParserEngine(): void {
  if (installed) return;
  checkEngineVersions(pinnedDependencies("micromark-util-edit-map"));
  installEditMap();
  installed = true;
}
