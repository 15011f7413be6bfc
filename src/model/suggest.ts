/**
 * "Did you mean": the known word nearest to a misspelt one, by Damerau–Levenshtein distance
 * (a swap of two letters counts once: `auhthor` → `author`), when it is near enough to be a typo
 * (at most 2 edits, and fewer than a third of the word).
 */
export function didYouMean(
  word: string,
  known: Iterable<string>,
  maxEdits = Math.min(2, Math.max(1, Math.floor(word.length / 3))),
): string | undefined {
  return nearestWords(word, known, maxEdits)[0];
}

/**
 * Every known word at the least distance from a misspelt one, in the order given, when near enough
 * to be a typo (as {@link didYouMean} judges): “Nigera” is one edit from both Niger and Nigeria.
 */
export function nearestWords(
  word: string,
  known: Iterable<string>,
  maxEdits = Math.min(2, Math.max(1, Math.floor(word.length / 3))),
): string[] {
  const wanted = word.toLowerCase();
  let nearest: string[] = [];
  let bestDistance = maxEdits + 1;
  for (const candidate of known) {
    // At least as many edits as the lengths differ: a word farther than that is never the answer
    // (a gazetteer's thousands of place names are mostly of other lengths).
    const lower = candidate.toLowerCase();
    if (Math.abs(lower.length - wanted.length) > maxEdits) continue;
    const distance = editDistance(wanted, lower);
    // The word itself is known: nothing to suggest, as before.
    if (distance === 0) return [];
    if (distance > maxEdits || distance > bestDistance) continue;
    if (distance < bestDistance) [bestDistance, nearest] = [distance, []];
    nearest.push(candidate);
  }
  return nearest;
}

/** `; did you mean \`author\`?` or nothing. */
export function suggestion(word: string, known: Iterable<string>): string {
  const near = didYouMean(word, known);
  return near ? `: did you mean \`${near}\`?` : "";
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
}
