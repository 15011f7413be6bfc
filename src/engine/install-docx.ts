import { installTableKeep } from "./docx/table-keep.ts";
import { checkEngineVersions, pinnedDependencies } from "./versions.ts";

let checked = false;

/**
 * Checks docx' version before the DOCX renderer uses Folio's wrappers of its internals, and keeps
 * its tables' formatting by content (docx/table-keep.ts); idempotent.
 */
export function checkDocxEngine(): void {
  if (checked) return;
  checkEngineVersions(pinnedDependencies("docx"));
  installTableKeep();
  checked = true;
}
