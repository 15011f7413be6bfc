/**
 * For each character of `rendered` (a paragraph's text as Word shows it), the offset in `source`
 * (the Markdown of that block) it comes from, or -1 for a character Folio generated (a list's
 * check box). Rendered text is not the source minus its markup character for character: smart
 * quotes and dashes stand for straight ones, `&amp;` for `&`, a soft line break is a space; so
 * this is an alignment (edit distance where skipping source markup is cheap and a rendered
 * character without a source character is dearer), ties going to the earliest source character.
 */
export function alignRendered(rendered: string, source: string): Int32Array {
  const n = rendered.length;
  const m = source.length;
  const map = new Int32Array(n).fill(-1);
  if (n === 0) return map;
  // Past this size the table would take too much memory: a greedy scan instead (rare: a block of pages).
  if ((n + 1) * (m + 1) > maxCells) return greedy(rendered, source);
  const width = m + 1;
  const cost = new Uint32Array((n + 1) * width);
  const move = new Uint8Array((n + 1) * width);
  for (let j = 1; j <= m; j++) {
    cost[j] = j * skipSource;
    move[j] = left;
  }
  for (let i = 1; i <= n; i++) {
    const row = i * width;
    cost[row] = i * skipRendered;
    move[row] = up;
    const r = rendered[i - 1] as string;
    for (let j = 1; j <= m; j++) {
      let best = (cost[row + j - 1] as number) + skipSource;
      let how = left;
      const skipR = (cost[row - width + j] as number) + skipRendered;
      if (skipR < best) {
        best = skipR;
        how = up;
      }
      if (equivalent(r, source[j - 1] as string)) {
        const diagonal = cost[row - width + j - 1] as number;
        if (diagonal < best) {
          best = diagonal;
          how = diag;
        }
      }
      cost[row + j] = best;
      move[row + j] = how;
    }
  }
  let i = n;
  let j = m;
  while (i > 0 && j >= 0) {
    const how = move[i * width + j];
    if (how === diag) {
      map[i - 1] = j - 1;
      i--;
      j--;
    } else if (how === up || j === 0) i--;
    else j--;
  }
  return map;
}

const maxCells = 25_000_000;
const skipSource = 2;
const skipRendered = 3;
const left = 1;
const up = 2;
const diag = 3;

/** Rendered characters that stand for a source character (typography Folio applies, spaces). */
const standsFor: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": ".",
  "\u00A0": " ",
  " ": "\n",
  "\n": "\n",
  "\t": " ",
};

function equivalent(rendered: string, source: string): boolean {
  return rendered === source || standsFor[rendered] === source || (rendered === " " && source === "\t");
}

function greedy(rendered: string, source: string): Int32Array {
  const map = new Int32Array(rendered.length).fill(-1);
  let j = 0;
  for (let i = 0; i < rendered.length; i++) {
    let k = j;
    while (k < source.length && !equivalent(rendered[i] as string, source[k] as string) && k - j < 200) k++;
    if (k < source.length && equivalent(rendered[i] as string, source[k] as string)) {
      map[i] = k;
      j = k + 1;
    }
  }
  return map;
}
