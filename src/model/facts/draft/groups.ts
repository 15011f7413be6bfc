/** A list of names read from one sentence: the groups active in the country, what it is a member of. */
export interface GroupReading {
  label: "Terrorist groups active" | "Member of" | "Suspended from" | string;
  priority: number;
  items: Array<{ name: string; value: string; aliases?: string[] }>;
  /** The part of the sentence that names them (a clause between semicolons), when not the whole sentence. */
  quote?: string;
}

/** `Terrorist groups active in Niger included A, B, and C`. */
const activePattern =
  /^(?:The\s+)?(?:main\s+|primary\s+|principal\s+)?((?:terrorist|violent extremist|extremist|militant|armed)\s+(?:groups|organi[sz]ations))\s+(?:active|operating|present)\s+in\s+(?:the\s+)?([^,]+?)\s+(?:include[sd]?|are|were|remain(?:ed)?)\s+(.+)$/i;
/** `Mali is a member of …`, `The Government of Niger is a member of …`. */
const memberPattern =
  /^(.+?)\s+(?:is|was|remains|remained|became)\s+(?:also\s+)?(?:a|an)\s+(?:active\s+|founding\s+|full\s+|pivotal\s+)?member\s+of\s+(.+)$/;
/** `Mali is currently suspended from …`. */
const suspendedPattern =
  /^(.+?)\s+(?:is|was|remains|remained)\s+(?:currently\s+|still\s+)?suspended\s+from\s+(.+)$/;

/**
 * Reads a sentence that names groups or memberships. `country` must be the subject of a
 * membership (`Mali`, `Mali’s National Financial Intelligence Processing Unit`, `The Government
 * of Niger`); a negation (`is not a member of`) is no membership. Undefined when the sentence
 * names no such list, `{ reason }` when its list does not read as names.
 */
export function readGroup(
  sentence: string,
  country: string | undefined,
): GroupReading | { reason: string } | undefined {
  const labelled = readLabelledList(sentence);
  if (labelled) return labelled;
  const active = activePattern.exec(sentence);
  if (active) {
    const items = listNames(active[3] as string);
    const label = capitalise(`${active[1]} active`);
    return items ? { label, priority: 1, items } : { reason: "its list does not read as names" };
  }
  const named = readNamedGroups(sentence);
  if (named) return named;
  if (!country) return undefined;
  const joined = readJoined(sentence, country);
  if (joined) return joined;
  for (const [pattern, label] of [
    [memberPattern, "Member of"],
    [suspendedPattern, "Suspended from"],
  ] as const) {
    const m = pattern.exec(sentence);
    if (!m) continue;
    const subject = m[1] as string;
    if (!subject.includes(country) || /\b(?:not|never|no longer)\b/i.test(subject)) return undefined;
    if (/\b(?:While|Although|If|Unless|Whether)\b/.test(subject)) return undefined;
    const items = listNames(m[2] as string);
    return items ? { label, priority: 3, items } : { reason: "its list does not read as names" };
  }
  return undefined;
}

/** `Terrorist group(s) Boko Haram; …; … (Ansaru)`: a field label, then names separated by semicolons (the Factbook's way). */
const labelledPattern =
  /^(?:(?:main|primary|principal|foreign)\s+)?((?:terrorist|violent extremist|extremist|militant|armed|insurgent)\s+(?:group(?:\(s\)|s)?|organi[sz]ations?))\s*:?\s+(\p{Lu}.+)$/iu;
/** Words after which a written list ends: a note, a tag the page kept, a new field. */
const listEnd = /\s+(?:note:|<)|\s+[—]\s+/;

/** A group as a sheet names it: a short name whole (`Boko Haram`), a long one by its acronym (`ISIS-WA`). */
function shortName(name: string, acronym: string | undefined): string {
  return acronym && name.split(/\s+/).length > 3 ? acronym : name;
}

/** A name folded for comparison: `Islamic State of Iraq and ash-Sham – West Africa` = `… in West Africa`. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’'`-]/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !/^(?:the|of|in|and|for|al|el|ash|as|ad|an|fi)$/.test(w))
    .join(" ");
}

/** `Terrorist group(s) Boko Haram; Islamic State … – West Africa; … (Ansaru)`. */
function readLabelledList(sentence: string): GroupReading | undefined {
  const m = labelledPattern.exec(sentence);
  if (!m || !(m[2] as string).includes(";")) return undefined;
  const list = (m[2] as string).split(listEnd)[0] as string;
  const items: GroupReading["items"] = [];
  for (const part of list.split(/\s*;\s*/)) {
    const item = part.replace(/[.]$/, "").trim();
    const inBrackets = /\(([^()]+)\)$/.exec(item)?.[1];
    const name = item.replace(/\s*\([^)]*\)$/, "").trim();
    if (!/^\p{Lu}/u.test(name) || name.split(/\s+/).length > 12) return undefined;
    const shown = inBrackets && /^\p{Lu}\S*$/u.test(inBrackets) ? inBrackets : name;
    items.push({ name: shown, value: shown, aliases: [name] });
  }
  return items.length > 0
    ? {
        label: "Terrorist groups active",
        priority: 1,
        items,
        quote: sentence.slice(0, m.index + m[0].length - (m[2] as string).length + list.length).trim(),
      }
    : undefined;
}

/** `Name (ACR)` in a sentence: each group a sentence names with its acronym. */
const namedWithAcronym =
  /((?:\p{Lu}[\p{L}’'-]*|ash-\p{Lu}[\p{L}-]*)(?:\s+(?:of|and|in|the|al|ash-\p{Lu}[\p{L}-]*|\p{Lu}[\p{L}’'-]*))*)\s+\(([\p{Lu}][\p{Lu}\p{N}-]+)\)/gu;
/** A sentence that says the names it brackets are such groups (`… against the Boko Haram (BH) and … (ISIS-WA) terrorist groups`). */
const groupsWord = /\b(?:terrorist|extremist|militant|insurgent|jihadist|armed)\s+groups?\b/i;

/** The groups a sentence names with their acronyms when it calls them terrorist (or armed…) groups. */
function readNamedGroups(sentence: string): GroupReading | undefined {
  const word = groupsWord.exec(sentence);
  if (!word) return undefined;
  const items: GroupReading["items"] = [];
  // Only the names of the clause that calls them groups: up to the word and a little after it.
  const clauseStart = sentence.lastIndexOf(";", word.index) + 1;
  const clauseEnd = sentence.indexOf(";", word.index);
  const clause = sentence.slice(clauseStart, clauseEnd < 0 ? undefined : clauseEnd);
  for (const m of clause.matchAll(namedWithAcronym)) {
    const name = (m[1] as string).replace(/^(?:The|the)\s+/, "").trim();
    if (/^(?:United|Government|Ministry|Department|National|Federal|Armed Forces)\b/.test(name)) continue;
    const shown = shortName(name, m[2]);
    items.push({ name: shown, value: shown, aliases: [name, m[2] as string] });
  }
  return items.length >= 1
    ? { label: "Terrorist groups active", priority: 1, items, quote: clause.trim() }
    : undefined;
}

/** `Nigeria has committed … to the Multinational Joint Task Force (MNJTF)`: a force or body the country takes part in. */
function readJoined(sentence: string, country: string): GroupReading | undefined {
  const at = sentence.indexOf(country);
  if (at < 0) return undefined;
  const rest = sentence.slice(at + country.length);
  const verb =
    /^(?:[’']s\s+\p{Lu}[\p{L}\s]*?)?\s+(?:has\s+|have\s+|also\s+)?(?:committed|contributes|contributed|participates|participated|joined|deploys|deployed|sends|sent)\b([^;.]*?)\b(?:to|in)\s+(?:the\s+)?((?:\p{Lu}[\p{L}’'-]*)(?:\s+(?:of|and|the|\p{Lu}[\p{L}’'-]*))*)\s+\(([\p{Lu}][\p{Lu}\p{N}-]+)\)/u.exec(
      rest,
    );
  if (!verb || /\b(?:not|never|no longer)\b/.test(verb[1] as string)) return undefined;
  const name = verb[2] as string;
  const acronym = verb[3] as string;
  const clauseStart = sentence.lastIndexOf(";", at) + 1;
  const clauseEnd = sentence.indexOf(";", at);
  return {
    label: "Member of",
    priority: 3,
    items: [{ name: acronym, value: acronym, aliases: [name, acronym] }],
    quote: sentence.slice(clauseStart, clauseEnd < 0 ? undefined : clauseEnd).trim(),
  };
}

/** Lowercase words a name may hold: `Group Against Money Laundering in West Africa`, `al-Dine`. */
const nameParticles = /^(?:of|the|in|for|and|to|on|de|du|des|la|le|el|al|wal|bin|ibn|da|del|against)$/;

/**
 * Splits a written list into names: `ISIS-GS, BH, ISIS-WA, and JNIM — …` → four names, up to the
 * list's end (a dash, a semicolon, an apposition `, a …`, the sentence's end). `Name (ACRONYM)` is
 * named by its acronym. Undefined when an item does not read as a name.
 */
export function listNames(text: string): Array<{ name: string; value: string }> | undefined {
  const list = text
    .split(/\s+[—–]\s+|;\s|,\s+(?:a|an|which|who|whose|the last|including|as well as)\s+|:\s/)[0]
    ?.replace(/[.!?]+$/, "")
    .trim();
  if (!list) return undefined;
  const parts = splitTopLevel(list);
  const items: Array<{ name: string; value: string }> = [];
  for (const part of parts) {
    const item = part.replace(/^(?:the|The)\s+/, "").trim();
    const acronym = /\(([\p{Lu}][\p{Lu}\p{N}-]+)\)$/u.exec(item)?.[1];
    const words = item.replace(/\s*\([^)]*\)$/, "").split(/\s+/);
    const readsAsName =
      words.length > 0 &&
      words.length <= 12 &&
      /^[\p{Lu}\p{N}]/u.test(words[0] as string) &&
      words.every(
        (w) => /^[\p{Lu}\p{N}]/u.test(w) || nameParticles.test(w) || /^(?:al|el|ad|an|as|wal)-/.test(w),
      );
    if (!readsAsName) return undefined;
    const name = acronym ?? item;
    if (!items.some((i) => i.name === name)) items.push({ name, value: name });
  }
  return items.length > 0 ? items : undefined;
}

/**
 * Splits at commas and the last `and`, not inside brackets; a lone `and` splits only short
 * names, an acronym or a name with its own article (`ISIS-GS and JNIM`, `… Task Force and the
 * G-5 Sahel`), so `Islamic State of Iraq and Syria` stays one name.
 */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      parts.push(list.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(list.slice(from));
  const trimmed = parts.map((p) => p.trim().replace(/^(?:and|or)\s+/, "")).filter(Boolean);
  if (trimmed.length === 1) {
    const pair = /^(.+?)\s+and\s+(.+)$/.exec(trimmed[0] as string);
    if (pair) {
      const [left, right] = [pair[1] as string, pair[2] as string];
      const short = (s: string) => s.split(/\s+/).length <= 3;
      const acronym = (s: string) => /^(?:the\s+)?[\p{Lu}][\p{Lu}\p{N}-]+$/u.test(s);
      const article = /^the\s/i.test(right);
      if ((short(left) && short(right)) || acronym(left) || acronym(right) || article) return [left, right];
    }
  }
  return trimmed;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
