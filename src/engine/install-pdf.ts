import { installDeflateKeep } from "./pdfkit/deflate-keep.ts";
import { shareParsedFonts } from "./pdfkit/font-cache.ts";
import { installStreamWrites } from "./pdfkit/stream-writes.ts";
import { installKeepLines } from "./pdfmake/keep-lines.ts";
import { installLineBuilder } from "./pdfmake/line-builder.ts";
import { installMeasureCache } from "./pdfmake/measure-cache.ts";
import { installMeasureKeep } from "./pdfmake/measure-keep.ts";
import { installStyleLookup } from "./pdfmake/style-lookup.ts";
import { installSvgMeasureKeep } from "./pdfmake/svg-measure-keep.ts";
import { installTagging } from "./pdfmake/tagging.ts";
import { installUnbreakablePositions } from "./pdfmake/unbreakable-positions.ts";
import { installWindowedLayout } from "./pdfmake/windowed-layout.ts";
import { installWordStyles } from "./pdfmake/word-styles.ts";
import { checkEngineVersions, pinnedDependencies } from "./versions.ts";

let installed = false;

/**
 * The PDF layer's adaptations (pdfmake, pdfkit, fontkit), after checking their versions: called
 * by the PDF printer (the PDF edition and the fact sheet), so a build without a PDF never loads or
 * patches pdfmake; idempotent.
 */
export function installPdfEngine(): void {
  if (installed) return;
  checkEngineVersions(pinnedDependencies("pdfmake", "pdfkit", "fontkit"));
  installStyleLookup();
  installWordStyles();
  installMeasureCache();
  installMeasureKeep();
  installSvgMeasureKeep();
  installWindowedLayout();
  installLineBuilder();
  installKeepLines();
  installUnbreakablePositions();
  shareParsedFonts();
  installDeflateKeep();
  // After the deflate keep: its finalize reads the text this one has kept until then.
  installStreamWrites();
  installTagging();
  installed = true;
}
