import type { EstimatedPageNumbers, PageNumberEstimator } from "docx";
import { measurableFace } from "../../engine/docx/layout-fonts.ts";
import { memoisedDocxLayout } from "../../engine/docx/layout-memo.ts";
import type { WordFaces } from "./faces.ts";

/** An estimator that also keeps what it worked out, for the renderer to read after compiling. */
export interface RecordingEstimator {
  estimator: PageNumberEstimator;
  /** What the last compile's layout found; undefined before one ran. */
  last(): EstimatedPageNumbers | undefined;
}

/**
 * The guess docx's layout makes for every face of Merriweather or Roboto Mono: Office has cloud
 * copies of them, which Word for Mac may draw instead of the embedded file. The file is the one the
 * document embeds, and the one LibreOffice and Word for Windows draw, so it is not worth a warning.
 */
export const officeCopyGuess = /Office offers a copy/;

const measurers = new WeakMap<object, PageNumberEstimator>();

/**
 * Works out the page of every heading as Word lays the brief out: docx's own Word layout
 * (`docx/layout`, its font look-ups memoised: src/engine/docx/layout-memo.ts), measuring text with the faces the brief embeds, so the numbers are those of
 * what a reader opens (and LibreOffice renders: a test converts and compares). It guesses past what
 * it cannot follow exactly (`guesses` says where), rather than leave numbers blank.
 */
export function recordingEstimator(faces: WordFaces): RecordingEstimator {
  let inner = measurers.get(faces.files);
  if (!inner) {
    const fonts = faces
      .all()
      .filter((face) => face.file.bytes && !face.refusal)
      .map((face) => ({ data: measurableFace(face.file.bytes as Uint8Array), name: face.family }));
    inner = memoisedDocxLayout().estimatePageNumbersWith({ fonts, guess: true });
    measurers.set(faces.files, inner);
  }
  const estimate = inner;
  let last: EstimatedPageNumbers | undefined;
  const estimator = Object.assign(
    (body: Parameters<PageNumberEstimator>[0], context: Parameters<PageNumberEstimator>[1]) => {
      last = estimate(body, context);
      return last;
    },
    estimate.listNumbers ? { listNumbers: estimate.listNumbers } : {},
  ) as PageNumberEstimator;
  return { estimator, last: () => last };
}
