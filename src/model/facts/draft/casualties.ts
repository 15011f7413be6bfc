import { countSource, countValue } from "./numbers.ts";

/** A head count as the sentence writes it: `more than 50` civilians. */
export interface DraftCount {
  n: number;
  /** The count exactly as written, hedge included (`an estimated 64`, `Five`, `1,836`). */
  text: string;
  /** Who was counted, as written (`civilians`, `MINUSMA peacekeepers`), when the sentence says. */
  noun?: string;
}

export type Casualties = { killed?: DraftCount; injured?: DraftCount } | { reason: string };

const count = `(${countSource})`;
const word = String.raw`[\p{L}\p{N}’'\-]+`;
/**
 * Up to eight words between a count and its verb, none of them a verb of its own or `and`:
 * `Five … soldiers guarding the convoy were killed`, but not `31 … were killed and 17 were wounded`.
 */
const between = String.raw`((?:(?!(?:were|was|are|is|been|being|had|have|has|and|or|but|killed|wounded|injured|killing|wounding|injuring)\b)${word}\s+){0,8}?)`;
const beVerb = String.raw`(?:were|was|had\s+been|have\s+been|has\s+been|are|being)\s+(?:[\p{L}]+ly\s+)?`;

const killedPatterns = [
  new RegExp(String.raw`\b(?:killing|killed)\s+${count}(?![\p{L}\p{N}])`, "giu"),
  new RegExp(String.raw`(?<![\p{L}\p{N},.])${count}\s+${between}${beVerb}killed\b`, "giu"),
  new RegExp(String.raw`\bleaving\s+${count}\s+((?:${word}\s+){0,3}?)dead\b`, "giu"),
];
const injuredPatterns = [
  new RegExp(String.raw`\b(?:wounding|injuring|wounded|injured)\s+${count}(?![\p{L}\p{N}])`, "giu"),
  new RegExp(String.raw`(?<![\p{L}\p{N},.])${count}\s+${between}${beVerb}(?:wounded|injured)\b`, "giu"),
  new RegExp(String.raw`\band\s+${count}\s+(?:others\s+)?(?:wounded|injured)\b`, "giu"),
];

/** Words that end the noun of a count: `101 civilians` | `in`, `soldiers` | `guarding the convoy`. */
const nounStop =
  /^(?:and|or|in|at|on|near|of|from|to|by|with|who|which|that|including|during|after|before|while|when|as|were|was|are|had|have|has|been|being|others|more|the|a|an|killed|wounded|injured|dead|died)$/i;

/**
 * Reads who was killed and injured from one sentence: `killing N`, `N … were killed`, `wounding
 * N`, `N … were injured`, keeping hedges. Two different tolls of one kind make the reading ambiguous.
 * `masked` is the sentence with its dates blanked (`June 25, 13` must not read as 25).
 */
export function readCasualties(masked: string): Casualties {
  const killed = matches(masked, killedPatterns);
  const injured = matches(masked, injuredPatterns);
  if (killed.length > 1) return { reason: "it states more than one number killed" };
  if (injured.length > 1) return { reason: "it states more than one number injured" };
  return { killed: killed[0], injured: injured[0] };
}

/** Whether a sentence tells of people killed or hurt at all (such a sentence is no key figure). */
export const harmVerb =
  /\b(?:kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es|y|ies)|died|dead|murder(?:ed|ing)?|behead(?:ed|ing)?|massacred?)\b/i;

function matches(text: string, patterns: RegExp[]): DraftCount[] {
  const found = new Map<number, DraftCount>();
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const written = m[1] as string;
      const at = m.index + m[0].indexOf(written);
      // `no one was killed`: a count after `no` is none.
      if (/\bno\s*$/i.test(text.slice(Math.max(0, at - 4), at))) continue;
      const n = countValue(written);
      if (n === undefined) continue;
      // The same count read by two patterns is one count.
      if (found.has(at)) continue;
      const noun = nounOf(m[2] ?? text.slice(at + written.length));
      found.set(at, noun ? { n, text: written, noun } : { n, text: written });
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

function nounOf(after: string): string | undefined {
  const words: string[] = [];
  for (const w of after.trim().split(/\s+/)) {
    const bare = w.replace(/[,.;:)”’"]+$/, "");
    if (!bare || nounStop.test(bare) || /ing$/i.test(bare) || !/^[\p{L}][\p{L}’'-]*$/u.test(bare)) break;
    words.push(bare);
    if (bare !== w || words.length === 4) break;
  }
  return words.length > 0 ? words.join(" ") : undefined;
}
