import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { imageSize } from "image-size";
import { VFile } from "vfile";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import { AssetError } from "../assets/errors.ts";
import { labelKeys } from "../assets/label-set.ts";
import { readLabelFiles } from "../assets/labels.ts";
import { templateSources } from "../assets/templates.ts";
import type { FontRole } from "../assets/types.ts";
import { suggestion } from "../model/suggest.ts";
import { contrastRatio, leastContrast, textOnBackground } from "../theme/contrast.ts";
import { fontsourcePackage, type Theme } from "../theme/theme.ts";
import { BrandError } from "./errors.ts";
import { type BrandFace, readBrandFace } from "./font-file.ts";
import type { Brand, BrandLogo } from "./types.ts";

const roles: readonly FontRole[] = ["body", "heading", "mono"];
const topKeys = ["name", "paper", "lang", "colors", "sizes", "spacing", "fonts", "logo"] as const;
const fontKeys = ["family", "files", "package", "fallback"] as const;
const logoKeys = ["file", "alt", "decorative", "header", "width"] as const;
const colour = /^#[0-9a-f]{6}$/i;

/**
 * Reads `dir/brand.yaml` (and the brand's font files, logo, templates and labels) over Folio's
 * theme. Every problem is a message at its line; a brand with an error throws a BrandError holding
 * them all. `path` is how messages name brand.yaml.
 */
export function loadBrand(name: string, dir: string, base: Theme, path: string): Brand {
  const file = new VFile({ path });
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(join(dir, "brand.yaml"), "utf8"), {
    lineCounter: lines,
    prettyErrors: false,
  });
  const placeOf = (node: unknown) => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const error = (node: unknown, reason: string) => {
    const message = file.message(reason, { place: placeOf(node), ruleId: "brand", source: "folio" });
    message.fatal = true;
  };
  const warn = (node: unknown, reason: string) =>
    file.message(reason, { place: placeOf(node), ruleId: "brand", source: "folio" });
  for (const problem of doc.errors)
    error({ range: problem.pos }, `Not valid YAML: ${problem.message.split("\n")[0]}`);

  const theme: Theme = structuredClone(base);
  const places = new Map<string, { line: number; column: number }>();
  const brand: Brand = { name, dir, path, theme, faces: {}, templates: [], labels: new Map(), places };
  /** Where brand.yaml sets each theme colour (for contrast messages). */
  const colourNodes = new Map<string, Node>();
  const root = doc.contents;
  if (doc.errors.length === 0 && !isMap(root)) error(root, "brand.yaml is a mapping of `key: value` lines");
  for (const [key, value, keyNode] of entries(isMap(root) ? root : undefined)) {
    if (!(topKeys as readonly string[]).includes(key)) {
      error(keyNode, `Unknown brand key \`${key}\`${suggestion(key, topKeys)}`);
      continue;
    }
    const scalar = isScalar(value) ? value.value : undefined;
    if (key === "name") {
      if (typeof scalar !== "string") error(value ?? keyNode, "`name` is the brand's name, as text");
    } else if (key === "paper") {
      if (scalar === "letter" || scalar === "a4") brand.paper = scalar;
      else error(value ?? keyNode, `\`paper\` is \`letter\` or \`a4\`, not \`${String(scalar)}\``);
    } else if (key === "lang") {
      if (typeof scalar === "string" && /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(scalar))
        brand.lang = scalar;
      else error(value ?? keyNode, "`lang` is a language tag such as `en` or `fr`");
    } else if (key === "colors" || key === "sizes" || key === "spacing") {
      const known = theme[key] as Record<string, string | number>;
      if (!isMap(value)) {
        error(value ?? keyNode, `\`${key}\` is a mapping of theme keys (${Object.keys(known).join(", ")})`);
        continue;
      }
      for (const [field, fieldValue, fieldKey] of entries(value)) {
        if (!(field in known)) {
          error(fieldKey, `Unknown ${key} key \`${key}.${field}\`${suggestion(field, Object.keys(known))}`);
          continue;
        }
        const v = isScalar(fieldValue) ? fieldValue.value : undefined;
        if (key === "colors") {
          if (typeof v === "string" && colour.test(v)) {
            known[field] = v.toLowerCase();
            colourNodes.set(`colors.${field}`, fieldValue as Node);
          } else
            error(
              fieldValue ?? fieldKey,
              `\`colors.${field}\`: \`${String(v)}\` is not a colour (write it as #rrggbb, quoted: "#112e51")`,
            );
        } else if (typeof v === "number" && v > 0) known[field] = v;
        else error(fieldValue ?? fieldKey, `\`${key}.${field}\` is a positive number of points`);
      }
    } else if (key === "fonts") {
      readFonts(value, keyNode);
    } else if (key === "logo") {
      readLogo(value, keyNode);
    }
  }

  function readFonts(value: unknown, keyNode: unknown) {
    if (!isMap(value))
      return error(value ?? keyNode, "`fonts` maps `body`, `heading` and `mono` to a typeface");
    for (const [role, spec, roleKey] of entries(value)) {
      if (!(roles as readonly string[]).includes(role)) {
        error(roleKey, `Unknown font role \`fonts.${role}\`${suggestion(role, roles)}`);
        continue;
      }
      if (!isMap(spec)) {
        error(spec ?? roleKey, `\`fonts.${role}\` is a typeface: \`family\`, and \`files\` or \`package\``);
        continue;
      }
      const fields = new Map<string, unknown>();
      for (const [field, fieldValue, fieldKey] of entries(spec)) {
        if (!(fontKeys as readonly string[]).includes(field))
          error(fieldKey, `Unknown typeface key \`fonts.${role}.${field}\`${suggestion(field, fontKeys)}`);
        else {
          fields.set(field, fieldValue);
          places.set(`fonts.${role}.${field}`, placeOf(fieldValue ?? fieldKey));
        }
      }
      const text = (field: string) => {
        const node = fields.get(field);
        const v = isScalar(node) ? node.value : undefined;
        if (node !== undefined && (typeof v !== "string" || !v.trim()))
          error(node, `\`fonts.${role}.${field}\` is text`);
        return typeof v === "string" && v.trim() ? v.trim() : undefined;
      };
      const family = text("family");
      if (!family) {
        if (!fields.has("family"))
          error(roleKey, `\`fonts.${role}\` needs its \`family\` (the typeface's name)`);
        continue;
      }
      const typeface = theme.fonts[role as FontRole];
      const fallback = text("fallback") ?? typeface.fallback;
      const files = fields.get("files");
      if (files === undefined) {
        theme.fonts[role as FontRole] = {
          family,
          package: text("package") ?? fontsourcePackage(family),
          fallback,
        };
        continue;
      }
      const faces = readFaceFiles(role as FontRole, files);
      if (!faces) continue;
      const refused = faces.find((face) => face.refusal);
      if (refused) {
        warn(
          files,
          `The face “${refused.name}” (${refused.path}) is not embedded: ${refused.refusal}; ${role} text is set in ${typeface.family} instead`,
        );
        continue;
      }
      theme.fonts[role as FontRole] = { family, package: `brands/${name}`, fallback };
      brand.faces[role as FontRole] = faces;
    }
  }

  function readFaceFiles(role: FontRole, node: unknown): BrandFace[] | undefined {
    const items = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
    if (items.length === 0) {
      error(node, `\`fonts.${role}.files\` lists the typeface's font files (TTF, OTF, WOFF or WOFF2)`);
      return undefined;
    }
    const faces: BrandFace[] = [];
    for (const item of items) {
      const relativePath = isScalar(item) && typeof item.value === "string" ? item.value : undefined;
      const full = relativePath ? inside(dir, relativePath) : undefined;
      if (!relativePath || !full) {
        error(item, "A font file is a path inside the brand's folder (`fonts/Face-Regular.woff2`)");
        continue;
      }
      if (!existsSync(full)) {
        error(item, `No font file \`${relativePath}\` in brands/${name}/`);
        continue;
      }
      try {
        faces.push(readBrandFace(relativePath, new Uint8Array(readFileSync(full))));
      } catch (problem) {
        error(item, `Font file \`${relativePath}\`: ${(problem as Error).message}`);
      }
    }
    if (faces.length > 0 && !faces.some((f) => f.style === "normal" && f.weight >= 300 && f.weight <= 500)) {
      error(node, `\`fonts.${role}.files\` has no regular face (weight 400, upright): text needs one`);
      return undefined;
    }
    return faces.length === items.length ? faces : undefined;
  }

  function readLogo(value: unknown, keyNode: unknown) {
    if (!isMap(value)) return error(value ?? keyNode, "`logo` is a mapping: `file`, `alt`");
    const fields = new Map<string, unknown>();
    for (const [field, fieldValue, fieldKey] of entries(value)) {
      if (!(logoKeys as readonly string[]).includes(field))
        error(fieldKey, `Unknown logo key \`logo.${field}\`${suggestion(field, logoKeys)}`);
      else fields.set(field, fieldValue);
    }
    const scalar = (field: string) => {
      const node = fields.get(field);
      return isScalar(node) ? node.value : undefined;
    };
    const flag = (field: string) => {
      const v = scalar(field);
      if (v !== undefined && typeof v !== "boolean")
        error(fields.get(field), `\`logo.${field}\` is true or false`);
      return v === true;
    };
    const decorative = flag("decorative");
    const header = flag("header");
    const alt = scalar("alt");
    if (!decorative && (typeof alt !== "string" || !alt.trim()))
      error(
        fields.get("alt") ?? keyNode,
        "`logo.alt` says what the logo says (its words, for a screen reader), or `decorative: true`",
      );
    const width = scalar("width") ?? 96;
    if (typeof width !== "number" || width <= 0)
      error(fields.get("width"), "`logo.width` is a positive number of points");
    const fileValue = scalar("file");
    const full = typeof fileValue === "string" ? inside(dir, fileValue) : undefined;
    if (typeof fileValue !== "string" || !full || !existsSync(full)) {
      error(
        fields.get("file") ?? keyNode,
        `\`logo.file\` is the logo's SVG or PNG file inside brands/${name}/`,
      );
      return;
    }
    const bytes = new Uint8Array(readFileSync(full));
    let size: ReturnType<typeof imageSize>;
    try {
      size = imageSize(bytes);
    } catch {
      return error(fields.get("file"), `The logo \`${fileValue}\` is not a readable SVG or PNG file`);
    }
    if (size.type !== "svg" && size.type !== "png")
      return error(
        fields.get("file"),
        `The logo \`${fileValue}\` is ${size.type ?? "no image"}: give an SVG or PNG`,
      );
    const logo: BrandLogo = {
      path: relative(dir, full).replace(/\\/g, "/"),
      mime: size.type === "svg" ? "image/svg+xml" : "image/png",
      bytes,
      width: size.width,
      height: size.height,
      alt: decorative ? "" : String(alt).trim(),
      decorative,
      header,
      coverWidth: typeof width === "number" ? width : 96,
    };
    brand.logo = logo;
  }

  // Contrast, WCAG AA: only pairs the brand changed (Folio's own colours pass).
  for (const pair of textOnBackground) {
    const textNode = colourNodes.get(pair.text);
    const backgroundNode = colourNodes.get(pair.background);
    if (!textNode && !backgroundNode) continue;
    const text = colourAt(theme, pair.text);
    const background = colourAt(theme, pair.background);
    const ratio = contrastRatio(text, background);
    const least = leastContrast(theme.sizes, pair.uses);
    if (ratio < least)
      error(
        textNode ?? backgroundNode,
        `Contrast of ${pair.text} ${text} on ${pair.background} ${background} is ${ratio.toFixed(2)}:1, below WCAG AA's ${least}:1 for ${pair.what}`,
      );
  }

  try {
    brand.templates = existsSync(dir) ? templateSources(dir) : [];
    brand.labels = readLabelFiles(join(dir, "labels"));
  } catch (problem) {
    if (!(problem instanceof AssetError)) throw problem;
    const other = new VFile({ path: problem.assetPath });
    const place = problem.line ? { line: problem.line, column: problem.column ?? 1 } : undefined;
    // A brand's labels file gets the did-you-mean that Folio's own (lower-layer) loader cannot give.
    const unknown = /^Unknown label `([^`]+)`/.exec(problem.message)?.[1];
    const reason = unknown
      ? `Unknown label \`${unknown}\`${suggestion(unknown, labelKeys)}`
      : problem.message;
    const message = other.message(reason, { place, ruleId: "brand", source: "folio" });
    message.fatal = true;
    throw new BrandError(other);
  }
  if (file.messages.some((m) => m.fatal)) throw new BrandError(file);
  // Warnings (a face not embedded) travel with the brand, to be reported once per build.
  brandWarnings.set(brand, file);
  return brand;
}

/** A brand's warnings (a refused face), as a vfile of its brand.yaml, when it has any. */
export const brandWarnings = new WeakMap<Brand, VFile>();

/** A YAML map's pairs as [key, value node, key node]. */
function entries(map: YAMLMap | undefined): Array<[string, unknown, unknown]> {
  return (map?.items ?? []).map((pair) => [
    isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    pair.value,
    pair.key,
  ]);
}

/** `path` inside `dir` (absolute), or undefined when it would leave it. */
function inside(dir: string, path: string): string | undefined {
  if (isAbsolute(path)) return undefined;
  const full = resolve(dir, path);
  const rel = relative(dir, full);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? full : undefined;
}

function colourAt(theme: Theme, path: string): string {
  return (theme.colors as Record<string, string>)[path.replace(/^colors\./, "")] ?? "#000000";
}
