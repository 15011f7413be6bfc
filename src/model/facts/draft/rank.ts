import type { FigureKind } from "./figures.ts";

/** Where a figure's sentence stands: the abstract and summary first, then the lead, then the rest. */
export type FigurePlace = "abstract" | "summary" | "lead" | "body";

/** Points by where a figure stands: any place outranks any kind (a reader reads the summary first). */
export const placePoints: Record<FigurePlace, number> = { abstract: 30, summary: 20, lead: 10, body: 0 };
/** Points by what a figure counts: people, then money, shares, other counts, measures. */
export const kindPoints: Record<FigureKind, number> = { people: 5, money: 4, share: 3, count: 2, measure: 1 };

/** Why a drafted figure ranked where it did: its score and the parts it is the sum of. */
export interface FigureScore {
  total: number;
  place: FigurePlace;
  kind: FigureKind;
  /** Reading order of its sentence: the earlier wins a tie. */
  order: number;
}

/** A figure's score from where it stands and what it counts. */
export function scoreFigure(place: FigurePlace, kind: FigureKind, order: number): FigureScore {
  return { total: placePoints[place] + kindPoints[kind], place, kind, order };
}

/** Highest score first, then reading order. */
export function byScore(a: FigureScore, b: FigureScore): number {
  return b.total - a.total || a.order - b.order;
}

/** `place summary +20, kind people +5, sentence 3`: the score's parts as `folio facts` prints them. */
export function explainScore(score: FigureScore): string {
  const where =
    score.order < 0
      ? `sentence ${score.order + 1001} of the abstract`
      : `sentence ${score.order + 1} of the body`;
  return `score ${score.total} = place ${score.place} +${placePoints[score.place]}, kind ${score.kind} +${kindPoints[score.kind]} (${where})`;
}
