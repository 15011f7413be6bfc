import { memoisedDocxLayout } from "./docx/layout-memo.ts";
import { checkDocxEngine } from "./install-docx.ts";
import { installParserEngine } from "./install-parser.ts";
import { installPdfEngine } from "./install-pdf.ts";
import { checkEngineVersions } from "./versions.ts";

// Each layer is installed by what uses it, once per process: the parser's by `parseMarkdown`
// (install-parser.ts), the PDF layer's by the PDF printer (install-pdf.ts), docx' checked by the
// DOCX renderer (install-docx.ts); so a build of the HTML alone never loads or patches pdfmake.
// Each checks its packages' versions first (an `EngineVersionError`, and nothing of it installed).

/**
 * Installs every adaptation of another package's internals, after checking that each package is
 * the version its adaptation was written for: for tests and tools that use pdfkit or pdfmake
 * outside Folio's printer. Idempotent.
 */
export function installEngine(): void {
  checkEngineVersions();
  installParserEngine();
  installPdfEngine();
  checkDocxEngine();
  memoisedDocxLayout();
}
