import type { VFile } from "vfile";
import { fillLabel, type LabelKey, type LabelSet, labelKeys } from "../assets/label-set.ts";

export { fillLabel, type LabelKey, type LabelSet, labelKeys } from "../assets/label-set.ts";

/** The words of one report, in its language, falling back key by key to English. */
export interface Labels {
  /** The language the labels were chosen for (the report's `lang`). */
  lang: string;
  /** The word for `key`, with each `{{name}}` filled from `values`. */
  text(key: LabelKey, values?: Record<string, string | number>): string;
  /** Every key's word, unfilled (for templates). */
  all: Record<LabelKey, string>;
}

/** `fr-FR` → `fr-FR`, `fr`, `en`: the label sets tried for a language, most specific first. */
export function languageChain(lang: string): string[] {
  const parts = lang.split(/[-_]/);
  const chain: string[] = [];
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join("-"));
  if (!chain.includes("en")) chain.push("en");
  return chain;
}

/** Whether `lang` has words of its own in `sets` (`fr-CA` has `fr`'s); English always has. */
export function hasOwnLabels(sets: ReadonlyMap<string, LabelSet>, lang: string): boolean {
  if (lang.split(/[-_]/)[0]?.toLowerCase() === "en") return true;
  const codes = new Set([...sets.keys()].map((key) => key.toLowerCase()));
  return languageChain(lang).some((code) => code.toLowerCase() !== "en" && codes.has(code.toLowerCase()));
}

/** Warns, at the `lang:` field, when the report's language has no labels of its own (English is used). */
export function warnMissingLabels(
  sets: ReadonlyMap<string, LabelSet>,
  lang: string,
  file: VFile,
  place: { line: number; column: number } | undefined,
): void {
  if (hasOwnLabels(sets, lang)) return;
  file.message(`No labels for \`${lang}\`: Folio's own words are in English (en)`, {
    place,
    ruleId: "lang-labels",
    source: "folio",
  });
}

/** The labels for `lang` from the sets of templates/labels/ (keyed by file name: `en`, `fr` …). */
export function labelsFor(sets: ReadonlyMap<string, LabelSet>, lang: string): Labels {
  const chain = languageChain(lang)
    .map((code) => [...sets.keys()].find((k) => k.toLowerCase() === code.toLowerCase()))
    .filter((k): k is string => k !== undefined)
    .map((k) => sets.get(k) as LabelSet);
  const all = {} as Record<LabelKey, string>;
  for (const key of labelKeys) all[key] = chain.find((set) => set[key] !== undefined)?.[key] ?? key;
  return { lang, all, text: (key, values) => fillLabel(all[key], values) };
}
