import { KeptByKey } from "../assets/kept.ts";

// Intl's formatters, made once per language and options. Making one loads ICU's data for its
// locale (about 20 ms for a process's first, 0.1-3 ms for each after), and a load asks for the
// same few many times: the facts check writes every dated fact's month three ways. A `folio watch`
// rebuild of Mali spent about 5 ms of its 120 making formatters (2026-12-07). Formatting is
// stateless, so one formatter serves every call.
//
// A V8 startup snapshot cannot hold them (their ICU objects live outside the heap: building one
// aborts), and the training render of Folio's snapshot (src/tools/snapshot.js) fills this cache:
// while a snapshot is being built, the cache is emptied just before its heap is written.

type Formatter = Intl.DateTimeFormat | Intl.ListFormat | Intl.Collator | Intl.DisplayNames;

const made = new KeptByKey<Formatter>(Number.POSITIVE_INFINITY, { notInSnapshot: true });

/** The formatter kept for `key`; throws, as the constructor does, for a language tag ICU refuses. */
function once<T extends Formatter>(key: string, make: () => T): T {
  return made.get(key, make) as T;
}

/** `new Intl.DateTimeFormat(lang, options)`, made once. */
export function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`date ${lang} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(lang, options));
}

/** `A, B and C` (`A, B et C`): `new Intl.ListFormat(lang, { type: "conjunction" })`, made once. */
export function conjunctionList(lang: string): Intl.ListFormat {
  return once(`list ${lang}`, () => new Intl.ListFormat(lang, { type: "conjunction" }));
}

/** `new Intl.Collator(lang, options)`, made once. */
export function collator(lang: string, options: Intl.CollatorOptions): Intl.Collator {
  return once(`collator ${lang} ${JSON.stringify(options)}`, () => new Intl.Collator(lang, options));
}

/** `new Intl.DisplayNames(lang, { type: "region" })`, made once. */
export function regionNames(lang: string): Intl.DisplayNames {
  return once(`regions ${lang}`, () => new Intl.DisplayNames(lang, { type: "region" }));
}
