/** A list of names read from one sentence: the groups active in the country, what it is a member of. */
export interface GroupReading {
  label: "Terrorist groups active" | "Member of" | "Suspended from" | string;
  priority: number;
  items: Array<{ name: string; value: string }>;
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
  const active = activePattern.exec(sentence);
  if (active) {
    const items = listNames(active[3] as string);
    const label = capitalise(`${active[1]} active`);
    return items ? { label, priority: 1, items } : { reason: "its list does not read as names" };
  }
  if (!country) return undefined;
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
