import { installEditMap } from "./micromark/edit-map.ts";
import { shareParsedFonts } from "./pdfkit/font-cache.ts";
import { installKeepLines } from "./pdfmake/keep-lines.ts";
import { installLineBuilder } from "./pdfmake/line-builder.ts";
import { installMeasureCache } from "./pdfmake/measure-cache.ts";
import { installTagging } from "./pdfmake/tagging.ts";
import { installUnbreakablePositions } from "./pdfmake/unbreakable-positions.ts";
import { installWindowedLayout } from "./pdfmake/windowed-layout.ts";
import { checkEngineVersions } from "./versions.ts";

let installed = false;

/**
 * Installs every adaptation of another package's internals, once per process, after checking that
 * each package is the version its adaptation was written for (an `EngineVersionError` otherwise,
 * and nothing installed). Called wherever Folio first parses or prints; idempotent.
 */
export function installEngine(): void {
  if (installed) return;
  checkEngineVersions();
  installEditMap();
  installMeasureCache();
  installWindowedLayout();
  installLineBuilder();
  installKeepLines();
  installUnbreakablePositions();
  shareParsedFonts();
  installTagging();
  installed = true;
}
