import { checkEngineVersions, pinnedDependencies } from "./versions.ts";

let checked = false;

/** Checks docx' version before the DOCX renderer uses Folio's wrappers of its internals; idempotent. */
export function checkDocxEngine(): void {
  if (checked) return;
  checkEngineVersions(pinnedDependencies("docx"));
  checked = true;
}
