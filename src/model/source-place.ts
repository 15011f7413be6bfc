/** A 1-based line and column in the source. */
export interface SourcePlace {
  line: number;
  column: number;
}

/**
 * The line and column of a character of the source, counted from a known place before it (a
 * node's start), so a message can point inside a node rather than at its start.
 */
export function placeAfter(
  source: string,
  from: { line: number; column: number; offset?: number },
  offset: number,
): SourcePlace {
  const start = from.offset ?? 0;
  const between = source.slice(start, offset);
  const lastBreak = between.lastIndexOf("\n");
  const breaks = between.split("\n").length - 1;
  return breaks === 0
    ? { line: from.line, column: from.column + between.length }
    : { line: from.line + breaks, column: between.length - lastBreak };
}

/**
 * The lines of the source from the one holding `from` to the one holding `to` (offsets), without
 * their line breaks: the text a check reads around a node, without splitting the whole source.
 */
export function linesAround(source: string, from: number, to: number = from): string[] {
  const first = source.lastIndexOf("\n", from - 1) + 1;
  const next = source.indexOf("\n", to);
  return source.slice(first, next < 0 ? source.length : next).split("\n");
}

/** Messages in source order (by line, then column). */
export function byPlace(a: { line?: number | null; column?: number | null }, b: typeof a): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
