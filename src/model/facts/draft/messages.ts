import { type BodyText, findQuote, segmentNaming } from "../provenance.ts";
import type { DraftKey, FactDraft } from "./index.ts";

const nouns: Record<DraftKey, [string, string]> = {
  facts: ["key figure", "key figures"],
  groups: ["list", "lists"],
  incidents: ["incident", "incidents"],
  places: ["place", "places"],
};

/**
 * One warning per drafted field, naming its items, so a build says what the sheet shows that no
 * editor wrote: `Drafted 3 incidents from the body (the front matter has no \`incidents\`): …`.
 * `path` is the first item's, as in the front matter, for `draftedItemPlace`.
 */
export function draftMessages(
  draft: FactDraft,
  keys: readonly DraftKey[],
  source: string,
): Array<{ reason: string; path: Array<string | number> }> {
  return keys.flatMap((key) => {
    const names = itemNames(draft, key);
    if (names.length === 0) return [];
    const [one, many] = nouns[key];
    return [
      {
        reason: `Drafted ${names.length} ${names.length === 1 ? one : many} from the body (the front matter has no \`${key}\`): ${names.join("; ")}. \`folio facts ${source}\` prints them as front matter to review and paste`,
        path: [key, 0],
      },
    ];
  });
}

function itemNames(draft: FactDraft, key: DraftKey): string[] {
  switch (key) {
    case "facts":
      return (draft.facts ?? []).map((f) => `“${[f.value, f.unit, f.label].filter(Boolean).join(" ")}”`);
    case "incidents":
      return (draft.incidents ?? []).map((i) => [i.date, i.place].filter(Boolean).join(" "));
    case "groups":
      return (draft.groups ?? []).map((g) => `${g.label}: ${g.items.map((i) => i.name).join(", ")}`);
    case "places":
      return (draft.places ?? []).map((p) => p.name);
  }
}

/**
 * Where a drafted item stands in the body (its quote's block), by its front matter path
 * (`["incidents", 2]`, `["groups", 0, "items", 1]`): drafted facts have no front matter line.
 */
export function draftedItemPlace(
  draft: FactDraft,
  body: BodyText,
  path: ReadonlyArray<string | number>,
): { line: number; column: number } | undefined {
  const [key, i, , j] = path;
  const index = typeof i === "number" ? i : 0;
  let quote: string | undefined;
  if (key === "facts") quote = draft.facts?.[index]?.quote;
  else if (key === "incidents") quote = draft.incidents?.[index]?.quote;
  else if (key === "groups") {
    const group = draft.groups?.[index];
    quote =
      (typeof j === "number" ? group?.items[j]?.quote : undefined) ?? group?.quote ?? group?.items[0]?.quote;
  } else if (key === "places") {
    const name = draft.places?.[index]?.name;
    const segment = name === undefined ? undefined : segmentNaming(name, body);
    return segment?.anchor.position?.start;
  }
  return quote === undefined ? undefined : findQuote(body, quote)?.anchor.position?.start;
}
