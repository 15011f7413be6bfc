import { createRequire } from "node:module";
import type { CslItem } from "./bibliography-files.ts";

// citeproc-js (the CSL processor Zotero and Mendeley use), wrapped: citations in, their text and the
// bibliography's entries out, as citeproc's HTML. It is loaded on first use, so a report without
// citations never pays for it.

/** One cited item of a citation, as citeproc takes it (https://citeproc-js.readthedocs.io/). */
export interface CslCitationItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  "suppress-author"?: boolean;
  "author-only"?: boolean;
}

/** What citeproc made: each citation's HTML (in the order given), each entry's HTML with its id, in the style's order. */
export interface CslResult {
  citations: string[];
  entries: Array<{ id: string; html: string }>;
  /** Whether the style sets its entries with a hanging indent (Chicago does). */
  hangingIndent: boolean;
}

interface CslEngine {
  updateItems(ids: string[]): void;
  rebuildProcessorState(
    citations: Array<{
      citationID: string;
      citationItems: CslCitationItem[];
      properties: { noteIndex: number };
    }>,
    mode: string,
  ): Array<[string, number, string]>;
  makeBibliography(): [{ entry_ids: string[][]; hangingindent?: boolean | number }, string[]] | false;
  opt: { development_extensions: Record<string, boolean> };
}

interface Citeproc {
  Engine: new (sys: object, style: string, lang?: string, forceLang?: boolean) => CslEngine;
}

const require = createRequire(import.meta.url);
let citeproc: Citeproc | undefined;

/** What an engine reads its entries from: swapped for each use, so one engine serves many. */
interface EngineSys {
  items: ReadonlyMap<string, CslItem>;
  retrieveLocale(lang: string): string | undefined;
  retrieveItem(id: string): CslItem | undefined;
}

/**
 * Engines built, keyed by their whole input (style, language, entries): building one from a large
 * style takes seconds (Chicago's 18th edition expands some 11,000 macros; the shipped 17th builds
 * in under one), so a book's chapters citing one bibliography, a watch session and a pool worker
 * build it once. Keyed by content, an edited style or entry builds a new one; the oldest is dropped
 * past a few.
 */
const engines = new Map<string, { engine: CslEngine; sys: EngineSys }>();
const keptEngines = 4;

function engineFor(
  style: string,
  lang: string,
  locale: (lang: string) => string | undefined,
  items: ReadonlyMap<string, CslItem>,
): CslEngine {
  const key = `${lang}\u0000${style}\u0000${JSON.stringify([...items.values()])}`;
  const kept = engines.get(key);
  if (kept) {
    kept.sys.items = items;
    return kept.engine;
  }
  citeproc ??= require("citeproc") as Citeproc;
  const sys: EngineSys = {
    items,
    retrieveLocale: locale,
    retrieveItem: (id: string) => sys.items.get(id),
  };
  const engine = new citeproc.Engine(sys, style, lang);
  // URLs and DOIs of entries become links, as every format can draw them.
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engines.set(key, { engine, sys });
  if (engines.size > keptEngines) engines.delete(engines.keys().next().value as string);
  return engine;
}

/**
 * Formats `citations` (each a list of cited items, in document order, so "ibid." and
 * disambiguation follow the reading) and the bibliography of every item cited, with `style`
 * (CSL XML) in `lang`. `locale(lang)` gives a CSL locale's XML. Throws when the style is not CSL.
 */
export function formatWithCsl(
  style: string,
  lang: string,
  locale: (lang: string) => string | undefined,
  items: ReadonlyMap<string, CslItem>,
  citations: readonly CslCitationItem[][],
): CslResult {
  const engine = engineFor(style, lang, locale, items);
  const cited = [...new Set(citations.flat().map((item) => item.id))];
  engine.updateItems(cited);
  const rendered = engine.rebuildProcessorState(
    citations.map((citationItems, i) => ({
      citationID: `c${i}`,
      citationItems,
      properties: { noteIndex: 0 },
    })),
    "html",
  );
  const byId = new Map(rendered.map(([id, , html]) => [id, html]));
  const bibliography = engine.makeBibliography();
  const entries = bibliography
    ? bibliography[0].entry_ids.map((ids, i) => ({
        id: ids[0] as string,
        html: bibliography[1][i] ?? "",
      }))
    : [];
  return {
    citations: citations.map((_, i) => byId.get(`c${i}`) ?? ""),
    entries,
    hangingIndent: bibliography ? Boolean(bibliography[0].hangingindent) : false,
  };
}
