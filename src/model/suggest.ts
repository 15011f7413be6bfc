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
  const wanted = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    // At least as many edits as the lengths differ: a word farther than that is never the answer
    // (a gazetteer's thousands of place names are mostly of other lengths).
    const lower = candidate.toLowerCase();
    if (Math.abs(lower.length - wanted.length) > maxEdits) continue;
    const distance = editDistance(wanted, lower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= maxEdits ? best : undefined;
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
