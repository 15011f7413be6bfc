import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Theme } from "../theme/theme.ts";
import { AssetError } from "./errors.ts";
import { folioRoot } from "./paths.ts";
import type { ThemeFile } from "./theme.ts";
import type { FaceRole, FontFiles, FontFormat, FontStyle, FontWeight } from "./types.ts";
import { woffToSfnt } from "./woff.ts";

/** Faces unpacked to TrueType by `make` (src/tools/bundle.js): pdfkit would inflate each WOFF per document. */
const unpackedDir = join(folioRoot, "node_modules", ".cache", "folio", "fonts");

/** Bytes by file, for the life of the process: reloaded assets (watch) keep the same arrays. */
const bytesByFile = new Map<string, Uint8Array>();

/** The folder of an installed npm package, as Node finds it from Folio's folder. */
function packageFolder(name: string): string | undefined {
  for (let dir = folioRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

function read(file: string, make: () => Uint8Array): Uint8Array {
  let bytes = bytesByFile.get(file);
  if (!bytes) {
    bytes = make();
    bytesByFile.set(file, bytes);
  }
  return bytes;
}

/** One role's typeface as installed: the @fontsource package's `files/` folder. */
interface InstalledFace {
  base: string;
  files: string;
  version: string;
  /** Unicode subsets shipped (latin first, then latin-ext, then the rest by name). */
  subsets: string[];
}

/**
 * The theme's faces from their npm packages (never from the system or the network). A package
 * that is not installed is an AssetError at the theme field that names it, with the command that
 * installs it; a face the package does not ship is one when it is first asked for.
 */
export function themeFonts(file: ThemeFile): FontFiles {
  const theme: Theme = file.theme;
  const installed = new Map<FaceRole, InstalledFace>();
  // Each role's typeface, and each fallback face, by its place in the theme (for messages).
  const typefaces: Array<[FaceRole, Theme["fonts"]["body"], Array<string | number>]> = [
    ...(["body", "heading", "mono"] as const).map(
      (role) =>
        [role, theme.fonts[role], ["fonts", role]] as [
          FaceRole,
          Theme["fonts"]["body"],
          Array<string | number>,
        ],
    ),
    ...theme.fonts.fallbacks.map(
      (face, i) =>
        [`fallback-${i}`, face, ["fonts", "fallbacks", i]] as [
          FaceRole,
          Theme["fonts"]["body"],
          Array<string | number>,
        ],
    ),
  ];
  const fieldOf = (role: FaceRole) =>
    role.startsWith("fallback-") ? `fonts.fallbacks.${role.slice(9)}` : `fonts.${role}`;
  const typefaceOf = (role: FaceRole) =>
    (typefaces.find(([r]) => r === role) as (typeof typefaces)[number])[1];
  const pathOf = (role: FaceRole) => (typefaces.find(([r]) => r === role) as (typeof typefaces)[number])[2];
  for (const [role, typeface, path] of typefaces) {
    const pkg = typeface.package;
    const folder = packageFolder(pkg);
    if (!folder || !existsSync(join(folder, "files"))) {
      const field = file.sets([...path, "package"]) ? "package" : "family";
      const place = file.placeOf([...path, field]);
      throw new AssetError(
        file.path,
        place?.line,
        place?.column,
        `Theme field \`${fieldOf(role)}\`: the typeface “${typeface.family}” comes from the npm package ${pkg}, which is not installed: run \`npm install ${pkg}\` (or name another package in \`${fieldOf(role)}.package\`)`,
      );
    }
    const files = join(folder, "files");
    const base = pkg.split("/").at(-1) ?? pkg;
    const subsets = readdirSync(files)
      .map((n) => new RegExp(`^${base}-(.+)-400-normal\\.woff$`).exec(n)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    const version = (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version: string })
      .version;
    installed.set(role, { base, files, version, subsets });
  }
  const faceFile = (
    role: FaceRole,
    weight: FontWeight,
    style: FontStyle,
    ext: "woff" | "woff2",
    subset: string,
  ) => {
    const face = installed.get(role) as InstalledFace;
    const path = join(face.files, `${face.base}-${subset}-${weight}-${style}.${ext}`);
    if (!existsSync(path)) {
      const place = file.placeOf([...pathOf(role), "family"]);
      throw new AssetError(
        file.path,
        place?.line,
        place?.column,
        `Theme field \`${fieldOf(role)}\`: ${typefaceOf(role).package} has no ${weight} ${style} face (${subset}), which Folio sets ${role} text in: choose a typeface that ships weights 400 and 700${role === "heading" ? " and 600" : ""}, normal and italic`,
      );
    }
    return path;
  };
  // The same faces (theme, places, installed packages) give the same object: the caches keyed by
  // it (parsed faces, the DOCX layout's measurer, the PDF's font table) then outlive a reload of
  // the assets, and a process started from the snapshot finds the training render's.
  const key = JSON.stringify([
    file.path,
    theme.fonts,
    typefaces.map(([, , path]) => [file.placeOf([...path, "family"]), file.placeOf([...path, "package"])]),
    [...installed],
  ]);
  const known = byContent.get(key);
  if (known) return known;
  const fonts: FontFiles = {
    fallbacks: theme.fonts.fallbacks.map((_, i): FaceRole => `fallback-${i}`),
    subsets: (role) => (installed.get(role) as InstalledFace).subsets,
    shipped(role, weight, style, subset = "latin") {
      if (role === "body" || role === "heading" || role === "mono") return { weight, style };
      const face = installed.get(role) as InstalledFace;
      return existsSync(join(face.files, `${face.base}-${subset}-${weight}-${style}.woff`))
        ? { weight, style }
        : { weight: 400, style: "normal" };
    },
    face(role, wantedWeight, wantedStyle, format: FontFormat, subset = "latin") {
      const { weight, style } = fonts.shipped(role, wantedWeight, wantedStyle, subset);
      if (format !== "sfnt") {
        const path = faceFile(role, weight, style, format, subset);
        return read(path, () => new Uint8Array(readFileSync(path)));
      }
      const woff = faceFile(role, weight, style, "woff", subset);
      return read(`${woff}#sfnt`, () => {
        const face = installed.get(role) as InstalledFace;
        const ttf = join(
          unpackedDir,
          `${face.base}@${face.version}`,
          `${face.base}-${subset}-${weight}-${style}.ttf`,
        );
        return existsSync(ttf) ? new Uint8Array(readFileSync(ttf)) : woffToSfnt(readFileSync(woff));
      });
    },
  };
  byContent.set(key, fonts);
  return fonts;
}

/** Face sets by what they are made of (see the end of {@link themeFonts}). */
const byContent = new Map<string, FontFiles>();

function rank(subset: string): number {
  return subset === "latin" ? 0 : subset === "latin-ext" ? 1 : 2;
}
