import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
import { VFile } from "vfile";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { displayPath } from "../assets/paths.ts";
import { suggestion } from "../model/suggest.ts";
import { BrandError } from "./errors.ts";

/** `folio.yaml`: a project's defaults for every source under its folder. */
export interface ProjectFile {
  /** The file (absolute). */
  path: string;
  /** Its folder: the project's root, where its `brands/` folder is looked for first. */
  dir: string;
  brand?: string;
  /** Where `brand:` is written, for a message about the name. */
  brandPlace?: { line: number; column: number };
  paper?: "letter" | "a4";
  lang?: string;
  /** The output folder, relative to the project's folder. */
  out?: string;
  /** Globs of the sources `folio build` builds when given none, relative to the project's folder. */
  sources?: string[];
  formats?: string[];
}

const projectKeys = ["brand", "paper", "lang", "out", "sources", "formats"] as const;
const formatIds = ["pdf", "docx", "html", "factsheet"];

/** The nearest `folio.yaml` at or above `folder`, up to the repository's root (the folder holding `.git`). */
export function findProjectFile(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const candidate = join(dir, "folio.yaml");
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

/** Reads and checks a `folio.yaml`; every problem is a message at its line, thrown together. */
export function readProjectFile(path: string): ProjectFile {
  const fromHere = relative(process.cwd(), path);
  const shown =
    fromHere && !fromHere.startsWith("..") && !isAbsolute(fromHere) ? fromHere : displayPath(path);
  const file = new VFile({ path: shown.replace(/\\/g, "/") });
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, "utf8"), { lineCounter: lines, prettyErrors: false });
  const placeOf = (node: unknown) => {
    const p = lines.linePos((node as { range?: number[] } | null)?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  const error = (node: unknown, reason: string) => {
    file.message(reason, { place: placeOf(node), ruleId: "project", source: "folio" }).fatal = true;
  };
  for (const problem of doc.errors)
    error({ range: problem.pos }, `Not valid YAML: ${problem.message.split("\n")[0]}`);
  const project: ProjectFile = { path, dir: dirname(path) };
  const root = doc.contents;
  if (doc.errors.length === 0 && root !== null && !isMap(root))
    error(root, "folio.yaml is a mapping of `key: value` lines");
  for (const pair of isMap(root) ? root.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = pair.value;
    const scalar = isScalar(value) ? value.value : undefined;
    const list = isSeq(value)
      ? value.items.map((item) => (isScalar(item) ? item.value : undefined))
      : typeof scalar === "string"
        ? [scalar]
        : undefined;
    const texts = list?.every((item): item is string => typeof item === "string") ? list : undefined;
    if (key === "brand") {
      if (typeof scalar === "string" && scalar.trim()) {
        project.brand = scalar.trim();
        project.brandPlace = placeOf(value);
      } else error(value ?? pair.key, "`brand` names a folder of `brands/`");
    } else if (key === "paper") {
      if (scalar === "letter" || scalar === "a4") project.paper = scalar;
      else error(value ?? pair.key, `\`paper\` is \`letter\` or \`a4\`, not \`${String(scalar)}\``);
    } else if (key === "lang") {
      if (typeof scalar === "string" && /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(scalar))
        project.lang = scalar;
      else error(value ?? pair.key, "`lang` is a language tag such as `en` or `fr`");
    } else if (key === "out") {
      if (typeof scalar === "string" && scalar.trim()) project.out = scalar.trim();
      else error(value ?? pair.key, "`out` is the output folder, relative to folio.yaml's folder");
    } else if (key === "sources") {
      if (texts && texts.length > 0) project.sources = texts;
      else error(value ?? pair.key, "`sources` is a list of globs such as `reports/*.md`");
    } else if (key === "formats") {
      const unknown = texts?.find((f) => !formatIds.includes(f));
      if (!texts || unknown !== undefined)
        error(
          value ?? pair.key,
          `\`formats\` lists ${formatIds.join(", ")}${unknown ? `, not \`${unknown}\`${suggestion(unknown, formatIds)}` : ""}`,
        );
      else project.formats = texts;
    } else error(pair.key, `Unknown folio.yaml key \`${key}\`${suggestion(key, projectKeys)}`);
  }
  if (file.messages.some((m) => m.fatal)) throw new BrandError(file);
  return project;
}
