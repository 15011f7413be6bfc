import { themeFonts } from "../assets/fonts.ts";
import type { LabelSet } from "../assets/label-set.ts";
import type { ThemeFile } from "../assets/theme.ts";
import type {
  Assets,
  FaceRole,
  FontFiles,
  FontFormat,
  FontRole,
  FontStyle,
  FontWeight,
} from "../assets/types.ts";
import { TemplateSet, type TemplateSource } from "../templates/set.ts";
import type { Theme } from "../theme/theme.ts";
import { type BrandFace, sfntOf } from "./font-file.ts";
import { nearestFace } from "./nearest-face.ts";
import type { Brand } from "./types.ts";
import { webSubsetFonts } from "./web-subset.ts";

/**
 * Folio's assets as a brand changes them: its theme, its typefaces (its own font files, or other
 * @fontsource packages), its templates over Folio's by name, its labels over Folio's key by key,
 * its logo, paper and language. `folioTemplates` are Folio's own template sources.
 */
export function brandAssets(base: Assets, brand: Brand, folioTemplates: readonly TemplateSource[]): Assets {
  const byName = new Map(folioTemplates.map((t) => [t.name, t]));
  for (const own of brand.templates) byName.set(own.name, own);
  const labels = new Map<string, LabelSet>(base.labels);
  for (const [lang, set] of brand.labels) labels.set(lang, { ...labels.get(lang), ...set });
  // The roles set in package faces go through Folio's own loader (a missing package is an error at
  // the brand's line); the roles from files keep Folio's package there, unused.
  const packageTheme: Theme = {
    ...brand.theme,
    fonts: {
      ...brand.theme.fonts,
      ...Object.fromEntries(
        Object.keys(brand.faces).map((role) => [role, base.theme.fonts[role as FontRole]]),
      ),
    },
  };
  const file: ThemeFile = {
    theme: packageTheme,
    path: brand.path,
    // A package that is not installed is an error at brand.yaml's `package:` (or `family:`) line.
    placeOf: (path) => brand.places.get(path.join(".")),
    sets: (path) => brand.places.has(path.join(".")),
  };
  const packaged = themeFonts(file);
  const assets: Assets = {
    ...base,
    theme: brand.theme,
    templates: new TemplateSet([...byName.values()]),
    labels,
    fonts: brandFonts(packaged, brand.faces),
    brand: { name: brand.name, ...(brand.logo ? { logo: brand.logo } : {}) },
  };
  const defaults = {
    ...(brand.paper ? { paper: brand.paper } : {}),
    ...(brand.lang ? { lang: brand.lang } : {}),
  };
  if (brand.paper || brand.lang) assets.defaults = defaults;
  return assets;
}

/** Each face's TrueType/OpenType bytes, made once (the PDF's and Word's caches key on the array). */
const sfntBytes = new WeakMap<BrandFace, Uint8Array>();

/**
 * The faces a brand sets text in: a role with font files draws from them (one "subset", the whole
 * file: pdfkit subsets it for the PDF), any other role from `packaged`.
 */
function brandFonts(packaged: FontFiles, faces: Brand["faces"]): FontFiles {
  const own = (role: FaceRole) => faces[role as FontRole];
  const fonts: FontFiles = {
    fallbacks: packaged.fallbacks,
    subsets: (role) => (own(role) ? ["latin"] : packaged.subsets(role)),
    shipped: (role, weight, style, subset) =>
      own(role) ? { weight, style } : packaged.shipped(role, weight, style, subset),
    face(role: FaceRole, weight: FontWeight, style: FontStyle, format: FontFormat, subset?: string) {
      const list = own(role);
      if (!list) return packaged.face(role, weight, style, format, subset);
      const face = nearestFace(list, weight, style, format);
      if (format !== "sfnt") return face.bytes;
      let bytes = sfntBytes.get(face);
      if (!bytes) {
        bytes = sfntOf(face);
        sfntBytes.set(face, bytes);
      }
      return bytes;
    },
  };
  if (Object.keys(faces).length > 0) fonts.forWeb = (characters) => webSubsetFonts(fonts, faces, characters);
  return fonts;
}
