import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { AssetError } from "./errors.ts";
import { KeptByKey } from "./kept.ts";
import { type LabelSet, labelKeys } from "./label-set.ts";
import { displayPath } from "./paths.ts";

const known = new Set<string>(labelKeys);

/**
 * Reads templates/labels/*.yaml (one file per language, named by its code). en.yaml must have
 * every key; any file's unknown key (a typo) or non-text value is an AssetError at its line.
 */
export function loadLabels(dir: string): ReadonlyMap<string, LabelSet> {
  const folder = join(dir, "labels");
  const sets = readLabelFiles(folder);
  const english = sets.get("en");
  const missing = labelKeys.filter((key) => english?.[key] === undefined);
  if (missing.length > 0)
    throw new AssetError(
      displayPath(join(folder, "en.yaml")),
      undefined,
      undefined,
      `English labels missing (every language falls back to them): ${missing.join(", ")}`,
    );
  return sets;
}

/**
 * Every `LANG.yaml` of a labels folder (none when it does not exist), each with only the keys it
 * sets: a brand's labels override Folio's key by key. An unknown key is an AssetError at its line.
 */
export function readLabelFiles(folder: string): Map<string, LabelSet> {
  const sets = new Map<string, LabelSet>();
  const names = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith(".yaml")) : [];
  for (const name of names.sort()) {
    const file = join(folder, name);
    sets.set(name.replace(/\.yaml$/, ""), labelFile(displayPath(file), readFileSync(file, "utf8")));
  }
  return sets;
}

/**
 * Label files read before, by their path and text: every build reads them, and the startup
 * snapshot holds its training build's (about 10 ms of CPU in a cold worker for the three shipped).
 * A file that fails is never kept.
 */
const readLabels = new KeptByKey<LabelSet>(64);

/** One labels file's keys; an unknown key or a value that is not text is an AssetError at its line. */
function labelFile(path: string, text: string): LabelSet {
  return readLabels.get(`${path}\n${text}`, () => parseLabels(path, text));
}

function parseLabels(path: string, text: string): LabelSet {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => lines.linePos(offset);
  const fail = (offset: number, reason: string): never => {
    const p = at(offset);
    throw new AssetError(path, p.line, p.col, reason);
  };
  if (doc.errors[0]) fail(doc.errors[0].pos[0], `Not valid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  if (!isMap(doc.contents)) fail(0, "A labels file is a mapping of `key: words` lines");
  const set: LabelSet = {};
  for (const pair of isMap(doc.contents) ? doc.contents.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const offset = (pair.key as { range?: number[] } | null)?.range?.[0] ?? 0;
    if (!known.has(key)) fail(offset, `Unknown label \`${key}\` (known: ${labelKeys.join(", ")})`);
    if (!isScalar(pair.value) || typeof pair.value.value !== "string")
      fail(offset, `Label \`${key}\` must be text`);
    set[key as keyof LabelSet] = (pair.value as { value: string }).value;
  }
  return set;
}
