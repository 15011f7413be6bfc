import type { Yaml } from "mdast";
import type { VFile } from "vfile";
import { type Document, isMap, isScalar, visit } from "yaml";
import type { z } from "zod";
import { atValue } from "./dates.ts";
import { type ParsedYaml, parsedYaml } from "./front-matter-yaml.ts";
import { maxFrontMatterKeys, maxTitleLength } from "./limits.ts";
import { knownMetaKeys, metaSchema, type ReportMeta } from "./schema.ts";
import { didYouMean } from "./suggest.ts";

export interface Place {
  line: number;
  column: number;
}

/**
 * The YAML document of a front matter node (src/model/front-matter-yaml.ts: once per text, shared
 * with the readers that look at the source before it is loaded).
 */
export function parseFrontMatter(node: Yaml | undefined): ParsedYaml {
  return parsedYaml(node?.value ?? "");
}

/**
 * Parses and validates the YAML front matter. Errors are fatal vfile messages at the offending
 * key's line; unknown keys are warnings. `fallbackTitle` is the first level-1 heading, if any
 * (at `fallbackTitlePlace`).
 */
export function readFrontMatter(
  file: VFile,
  node: Yaml | undefined,
  fallbackTitle: string | undefined,
  fallbackTitlePlace?: Place,
): ReportMeta {
  // The yaml node's value starts on the line after the opening `---`.
  const firstLine = (node?.position?.start.line ?? 0) + 1;
  const { doc, lines } = parseFrontMatter(node);
  const at = (offset: number): Place => {
    const p = lines.linePos(offset);
    return { line: firstLine + p.line - 1, column: p.col };
  };

  // Every YAML error at once; the front matter cannot be read past them.
  for (const error of doc.errors) {
    const message = file.message(`Malformed YAML front matter: ${error.message.split("\n")[0]}`, {
      place: at(error.pos[0]),
      ruleId: "yaml",
      source: "folio",
    });
    message.fatal = true;
  }
  if (doc.errors[0]) throw file.messages.find((m) => m.fatal);
  checkMappings(doc, file, at);

  const keyPlaces = new Map<string, Place>();
  if (doc.contents !== null && !isMap(doc.contents)) {
    file.fail("Front matter must be a mapping of `key: value` lines", {
      place: at(doc.contents.range?.[0] ?? 0),
      ruleId: "yaml",
      source: "folio",
    });
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key)) keyPlaces.set(String(pair.key.value), at(pair.key.range?.[0] ?? 0));
    }
  }
  /** The place of the deepest YAML node on `path` that exists (a missing key points at its parent). */
  const placeOf = (path: Array<string | number>): Place | undefined => {
    for (let n = path.length; n > 0; n--) {
      const found = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (found?.range)
        return n === 1 ? (keyPlaces.get(String(path[0])) ?? at(found.range[0])) : at(found.range[0]);
    }
    return undefined;
  };
  /** The place of the value at `path` itself (`2025-13-14` after `date: `), for a problem with the value as written. */
  const valuePlaceOf = (path: Array<string | number>): Place | undefined => {
    const found = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return found?.range ? at(found.range[0]) : undefined;
  };
  const data = toData(doc, file, at);

  for (const key of Object.keys(data)) {
    if (!knownMetaKeys.has(key)) {
      const near = didYouMean(key, knownMetaKeys);
      file.message(
        near
          ? `Unknown front matter field \`${key}\` (ignored): did you mean \`${near}\`?`
          : `Unknown front matter field \`${key}\` (ignored; known fields: ${[...knownMetaKeys].join(", ")})`,
        {
          place: keyPlaces.get(key),
          ruleId: "unknown-field",
          source: "folio",
        },
      );
    }
  }

  const titleFromHeading = data.title === undefined && fallbackTitle !== undefined;
  if (titleFromHeading) data.title = fallbackTitle;
  const parsed = metaSchema.safeParse(data);
  const placed = (meta: ReportMeta): ReportMeta => {
    places.set(meta, (path) => placeOf(path) ?? node?.position?.start);
    return meta;
  };
  if (parsed.success) return placed(parsed.data);
  // Every field's problem at once, each at its line; then the load goes on without the fields
  // (or list items) in error, so the facts and images are checked too, and the build fails after.
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const field = String(path[0] ?? "");
    const missingTitle = field === "title" && data.title === undefined;
    const message = file.message(
      missingTitle
        ? "No title: add `title:` to the front matter or start the document with a level-1 heading"
        : field === "title" && titleFromHeading
          ? `The first level-1 heading, used as the title: ${issue.message}`
          : `Front matter field \`${path.join(".") || field}\`: ${issue.message}`,
      {
        place: missingTitle
          ? (node?.position?.start ?? { line: 1, column: 1 })
          : field === "title" && titleFromHeading && fallbackTitlePlace
            ? fallbackTitlePlace
            : ((isAboutValue(issue) ? valuePlaceOf(path) : undefined) ??
              placeOf(path) ??
              node?.position?.start),
        ruleId: missingTitle ? "missing-title" : "invalid-field",
        source: "folio",
      },
    );
    message.fatal = true;
  }
  const kept = withoutInvalid(data);
  const meta = metaSchema.parse(kept.data);
  for (const [key, indexes] of kept.indexes) {
    const list = (meta as Record<string, unknown>)[key];
    if (Array.isArray(list)) keptIndexes.set(list, indexes);
  }
  return placed(meta);
}

/**
 * Fails at the first mapping with more than {@link maxFrontMatterKeys} keys, and records an error
 * at each key that repeats one before it in its mapping (linear: a set per mapping).
 */
function checkMappings(doc: Document.Parsed, file: VFile, at: (offset: number) => Place): void {
  visit(doc, {
    Map(_, map) {
      const over = map.items[maxFrontMatterKeys];
      if (over) {
        file.fail(`More than ${maxFrontMatterKeys} keys in one mapping: over the front matter limit`, {
          place: at((over.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0),
          ruleId: "limit",
          source: "folio",
        });
      }
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const message = file.message(`Malformed YAML front matter: the key \`${key}\` is given twice`, {
          place: at(pair.key.range?.[0] ?? 0),
          ruleId: "yaml",
          source: "folio",
        });
        message.fatal = true;
      }
    },
  });
  const duplicate = file.messages.find((m) => m.fatal && m.ruleId === "yaml");
  if (duplicate) throw duplicate;
}

/**
 * The front matter as plain data. An alias repeated so often that expanding it would exhaust
 * memory (a "billion laughs" YAML) fails at its first alias, with the limit the YAML parser sets.
 */
function toData(doc: Document.Parsed, file: VFile, at: (offset: number) => Place): Record<string, unknown> {
  try {
    return (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    let first: number | undefined;
    visit(doc, {
      Alias(_, alias) {
        first = alias.range?.[0];
        return visit.BREAK;
      },
    });
    return file.fail(
      /alias/i.test(reason)
        ? 'Malformed YAML front matter: its aliases (`*name`) expand to far more data than they hold (a "billion laughs"): write the values out'
        : `Malformed YAML front matter: ${reason}`,
      { place: at(first ?? 0), ruleId: "yaml", source: "folio" },
    );
  }
}

/** An issue raised with {@link atValue} (an impossible date): placed at the value, not the key. */
function isAboutValue(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && issue.params?.at === atValue.at;
}

/** For each metadata object read from a front matter: where a field (or list item) stands in the source. */
const places = new WeakMap<ReportMeta, (path: Array<string | number>) => Place | undefined>();

/**
 * The line and column of a front matter field, or of an item in it (`["parts", 0, "chapters", 2]`,
 * indexes as in the source), for messages about a value found wrong after validation (a book's
 * chapter that does not exist). Undefined for metadata not read from a front matter.
 */
export function frontMatterPlace(meta: ReportMeta, path: Array<string | number>): Place | undefined {
  return places.get(meta)?.(path);
}

/** For a front matter list some of whose items were left out (invalid): each kept item's index in the source. */
const keptIndexes = new WeakMap<readonly unknown[], number[]>();

/** The index in the source's list of item `i` of a parsed front matter list (they differ after an invalid item). */
export function sourceIndex(list: readonly unknown[] | undefined, i: number): number {
  return (list && keptIndexes.get(list)?.[i]) ?? i;
}

/** The front matter with each field (or list item) that does not validate left out; a title kept. */
function withoutInvalid(data: Record<string, unknown>): {
  data: Record<string, unknown>;
  indexes: Map<string, number[]>;
} {
  const shape = metaSchema.shape as Record<string, z.ZodType>;
  const kept: Record<string, unknown> = {};
  const indexes = new Map<string, number[]>();
  for (const [key, value] of Object.entries(data)) {
    const schema = shape[key];
    if (!schema) continue;
    if (schema.safeParse(value).success) kept[key] = value;
    else if (Array.isArray(value)) {
      const good = value.map((item, i) => (schema.safeParse([item]).success ? i : -1)).filter((i) => i >= 0);
      const items = good.map((i) => value[i]);
      if (items.length > 0 && schema.safeParse(items).success) {
        kept[key] = items;
        indexes.set(key, good);
      }
    }
  }
  kept.title ??=
    typeof data.title === "string" && data.title.trim()
      ? data.title.trim().slice(0, maxTitleLength)
      : "Untitled";
  return { data: kept, indexes };
}
