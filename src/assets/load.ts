import { loadAtlas } from "./atlas.ts";
import { themeFonts } from "./fonts.ts";
import { countryGazetteer } from "./gazetteer.ts";
import { loadLabels } from "./labels.ts";
import { templatesDir } from "./paths.ts";
import { loadTemplates } from "./templates.ts";
import { loadTheme } from "./theme.ts";
import type { Assets } from "./types.ts";
import { folioVersion } from "./version.ts";

/**
 * Loads Folio's own files once, at the edge (the build step, the watch session, a pool worker):
 * the templates (compiled), the theme (validated, its font packages found), the font faces, the
 * world atlas and the gazetteer (both read on first use). A problem is an AssetError naming the
 * file, line and fix. `dir` is the templates folder (default: Folio's, or FOLIO_TEMPLATES).
 */
export function loadAssets(dir: string = templatesDir()): Assets {
  const templates = loadTemplates(dir);
  const themeFile = loadTheme(dir);
  return {
    version: folioVersion(),
    theme: themeFile.theme,
    templates,
    labels: loadLabels(dir),
    fonts: themeFonts(themeFile),
    atlas: loadAtlas,
    gazetteer: countryGazetteer,
  };
}
