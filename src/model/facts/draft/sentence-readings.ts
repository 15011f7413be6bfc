import { KeptByKey } from "../../../assets/kept.ts";
import { type Casualties, readCasualties } from "./casualties.ts";
import { type FigureReading, readFigures } from "./figures.ts";

// The figures and tolls a sentence states are pure functions of its text: a watch rebuild, which
// drafts the facts again to see whether the fact sheet changed, read them anew from every sentence
// of the body (7 of the 27-page factbook's 16 ms of drafting), though an edit changes one. They are
// kept by the text, frozen so no reader can change what the next draft gets.

/**
 * Up to 4 million characters of keys (a long watch session's versions of its sentences), then
 * afresh; none from the snapshot's training, whose sentences no other report has.
 */
const options = { weigh: (_value: unknown, key: string) => key.length, notInSnapshot: true };
const figuresKept = new KeptByKey<readonly FigureReading[]>(4_000_000, options);
const casualtiesKept = new KeptByKey<Casualties>(4_000_000, options);

/** `readFigures`, kept by its arguments. */
export function figuresOf(text: string, masked: string, lang: string): readonly FigureReading[] {
  return figuresKept.get(`${lang}\u0000${text}\u0000${masked}`, () =>
    deepFrozen(readFigures(text, masked, lang)),
  );
}

/** `readCasualties`, kept by the masked sentence. */
export function casualtiesOf(masked: string): Casualties {
  return casualtiesKept.get(masked, () => deepFrozen(readCasualties(masked)));
}

function deepFrozen<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFrozen((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Forgets every kept reading (tests: a draft from fresh readings). */
export function forgetSentenceReadings(): void {
  figuresKept.clear();
  casualtiesKept.clear();
}
