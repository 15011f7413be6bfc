import { Document, isMap, isSeq, type YAMLMap } from "yaml";
import type { SheetKind } from "../types.ts";
import type { DraftCount } from "./casualties.ts";
import type { DraftKey, FactDraft } from "./index.ts";
import { explainScore } from "./rank.ts";

/**
 * The draft as front matter an editor can paste, prune and own: each item with the sentence it
 * quotes, in the order the build uses. `written` are the fields the front matter already has
 * (not printed: the editor's win); `frontMatter` says which of `country-code` and `year` it has.
 */
export function draftToYaml(
  draft: FactDraft,
  o: {
    source: string;
    written: readonly DraftKey[];
    frontMatter: { countryCode: boolean; year: boolean };
    /** The sheet the report gets, and why; the abstract, which is the summary when the front matter has one. */
    sheet?: { kind: SheetKind; why: string; abstract?: string };
  },
): string {
  const data: Record<string, unknown> = {};
  const notes: string[] = [];
  if (draft.country && draft.country.from !== "country-code" && !o.frontMatter.countryCode) {
    if (draft.country.from === "title") data.country = draft.country.name;
    data["country-code"] = draft.country.code;
    notes.push(
      `country-code ${draft.country.code} is ISO 3166-1's for “${draft.country.name}” (${draft.country.from})`,
    );
  }
  if (draft.year && draft.year.from !== "year" && !o.frontMatter.year) {
    data.year = draft.year.value;
    notes.push(
      `year ${draft.year.value} is read from the ${draft.year.from}: dates without a year are in it`,
    );
  }
  if (draft.facts)
    data.facts = draft.facts.map((f) => ({
      label: f.label,
      value: f.value,
      ...(f.unit ? { unit: f.unit } : {}),
      priority: f.priority,
      quote: f.quote,
    }));
  if (draft.groups)
    data.groups = draft.groups.map((g) => ({
      label: g.label,
      priority: g.priority,
      ...(g.quote ? { quote: g.quote } : {}),
      items: g.items.map((i) =>
        i.name === i.value && !i.quote
          ? i.name
          : {
              name: i.name,
              ...(i.value !== i.name ? { value: i.value } : {}),
              ...(i.quote ? { quote: i.quote } : {}),
            },
      ),
    }));
  if (draft.incidents)
    data.incidents = draft.incidents.map((i) => ({
      date: i.date,
      ...(i.place ? { place: i.place } : {}),
      summary: i.summary,
      ...(i.killed ? { killed: countYaml(i.killed) } : {}),
      ...(i.injured ? { injured: countYaml(i.injured) } : {}),
      priority: i.priority,
      quote: i.quote,
    }));
  if (draft.places) data.places = draft.places.map((p) => p.name);

  const doc = new Document(data);
  // Short lists on one line, as editors write them (`items: [JNIM, ISIS-GS]`).
  // Why each figure ranked where it did, above it (the editor reorders by `priority`).
  const facts = doc.get("facts", true);
  if (isSeq(facts))
    facts.items.forEach((item, i) => {
      const score = draft.facts?.[i]?.score;
      if (score && isMap(item)) (item as YAMLMap).commentBefore = ` rank ${i + 1}: ${explainScore(score)}`;
    });
  const places = doc.get("places", true);
  if (isSeq(places)) places.flow = true;
  const groups = doc.get("groups", true);
  if (isSeq(groups))
    for (const group of groups.items) {
      const items = isMap(group) ? (group as YAMLMap).get("items", true) : undefined;
      if (isSeq(items) && items.items.every((i) => !isMap(i))) items.flow = true;
    }
  const header = [
    `Fact sheet fields drafted from ${o.source} by \`folio facts\`: every item quotes the body`,
    "sentence it comes from and passes the build's provenance check. Paste what you keep into the",
    "front matter and edit it: what the front matter has is used instead of a draft, field by field.",
    ...notes,
    ...o.written.map((key) => `\`${key}\` is in the front matter already: not drafted`),
  ];
  const empty = Object.keys(data).length === 0;
  const leftOut = draft.leftOut.map((l) => `left out (${l.key}, ${l.reason}): ${l.quote}`);
  const lines = [
    ...header.map((h) => `# ${h}`),
    ...(o.sheet ? sheetLines(draft, o.sheet) : []),
    ...(draft.note ? [`# ${empty ? "Nothing drafted" : "Drafted in part"}: ${draft.note}`] : []),
    ...(empty && !draft.note
      ? ["# Nothing to draft: the body states no count, dated incident, group or place."]
      : []),
    ...(empty ? [] : [doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd()]),
    ...leftOut.map((l) => `# ${l}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The sheet's kind and the brief's words, as comments: they have no front matter field to paste into. */
function sheetLines(
  draft: FactDraft,
  sheet: NonNullable<Parameters<typeof draftToYaml>[1]["sheet"]>,
): string[] {
  const summary = sheet.abstract
    ? `the front matter's abstract: ${sheet.abstract}`
    : draft.summary
      ? `line ${draft.summary.line}: ${draft.summary.text}`
      : "none (the body has no paragraph of prose)";
  return [
    `# sheet: ${sheet.kind} (${sheet.why})`,
    `# summary, ${summary}`,
    ...(draft.findings.length === 0
      ? ["# findings: none (no findings section, no top-level section opens with a statement)"]
      : [
          `# findings (${draft.findings.length}):`,
          ...draft.findings.map((f, i) => `#   ${i + 1}. line ${f.line}: ${f.text}`),
        ]),
  ];
}

/** `101 civilians`, `more than 50`, or a bare number: the front matter's count, read back the same. */
function countYaml(c: DraftCount): string | number {
  if (!c.noun && /^\d+$/.test(c.text)) return c.n;
  return c.noun ? `${c.text} ${c.noun}` : c.text;
}
