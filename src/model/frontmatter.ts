import type { Yaml } from "mdast";
import type { VFile } from "vfile";
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { knownMetaKeys, metaSchema, type ReportMeta } from "./schema.ts";

interface Place {
  line: number;
  column: number;
}

/** A front matter block parsed once, with the line counter that places its nodes. */
export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}
const parsed = new WeakMap<object, ParsedYaml>();

/**
 * The YAML document of a front matter node, parsed on first use and kept with the node: the
 * metadata and the facts' source places read the same parse (it was 5% of a warm rebuild twice).
 */
export function parseFrontMatter(node: Yaml | undefined): ParsedYaml {
  const hit = node && parsed.get(node);
  if (hit) return hit;
  const lines = new LineCounter();
  const doc = parseDocument(node?.value ?? "", { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (node) parsed.set(node, { doc, lines });
  return { doc, lines };
}

/**
 * Parses and validates the YAML front matter. Errors are fatal vfile messages at the offending
 * key's line; unknown keys are warnings. `fallbackTitle` is the first level-1 heading, if any.
 */
export function readFrontMatter(
  file: VFile,
  node: Yaml | undefined,
  fallbackTitle: string | undefined,
): ReportMeta {
  // The yaml node's value starts on the line after the opening `---`.
  const firstLine = (node?.position?.start.line ?? 0) + 1;
  const { doc, lines } = parseFrontMatter(node);
  const at = (offset: number): Place => {
    const p = lines.linePos(offset);
    return { line: firstLine + p.line - 1, column: p.col };
  };

  const firstError = doc.errors[0];
  if (firstError) {
    const place = at(firstError.pos[0]);
    file.fail(`Malformed YAML front matter: ${firstError.message.split("\n")[0]}`, {
      place,
      ruleId: "yaml",
      source: "folio",
    });
  }

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
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;

  for (const key of Object.keys(data)) {
    if (!knownMetaKeys.has(key)) {
      file.message(
        `Unknown front matter field \`${key}\` (ignored; known fields: ${[...knownMetaKeys].join(", ")})`,
        {
          place: keyPlaces.get(key),
          ruleId: "unknown-field",
          source: "folio",
        },
      );
    }
  }

  if (data.title === undefined && fallbackTitle) data.title = fallbackTitle;
  const parsed = metaSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    if (field === "title" && data.title === undefined) {
      file.fail("No title: add `title:` to the front matter or start the document with a level-1 heading", {
        place: node?.position?.start ?? { line: 1, column: 1 },
        ruleId: "missing-title",
        source: "folio",
      });
    }
    const path = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
    file.fail(`Front matter field \`${path.join(".") || field}\`: ${issue?.message ?? "invalid"}`, {
      place: placeOf(path) ?? node?.position?.start,
      ruleId: "invalid-field",
      source: "folio",
    });
  }
  return parsed.data;
}
