import type { LabelSet } from "../assets/label-set.ts";
import type { BrandLogo, FontRole } from "../assets/types.ts";
import type { TemplateSource } from "../templates/set.ts";
import type { Theme } from "../theme/theme.ts";
import type { BrandFace } from "./font-file.ts";

/** One brand folder, read and validated: what it changes of Folio's own files. */
export interface Brand {
  /** The folder's name: what `brand:` names. */
  name: string;
  /** The folder (absolute). */
  dir: string;
  /** `brands/NAME/brand.yaml` as messages name it. */
  path: string;
  /** Folio's theme with the brand's colours, sizes, spacing and typefaces. */
  theme: Theme;
  /** Faces read from the brand's own font files, by role (roles from a package are absent). */
  faces: Partial<Record<FontRole, BrandFace[]>>;
  logo?: BrandLogo;
  paper?: "letter" | "a4";
  lang?: string;
  /** The brand's own templates (`partials/*.hbs` …), overriding Folio's of the same name. */
  templates: TemplateSource[];
  /** The brand's own labels (`labels/LANG.yaml`), overriding Folio's key by key. */
  labels: ReadonlyMap<string, LabelSet>;
  /** Where brand.yaml sets a typeface's fields, by dotted path (`fonts.body.package`). */
  places: ReadonlyMap<string, { line: number; column: number }>;
}

export type { BrandLogo };
