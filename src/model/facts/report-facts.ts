import type { VFileMessage } from "vfile-message";
import { byPlace } from "../source-place.ts";
import type { ReportModel } from "../types.ts";
import { type Gazetteer, loadFacts } from "./check.ts";
import type { ReportFacts } from "./types.ts";

// The fact sheet's data is derived from the model by this transform, on first use, not by
// `loadReport`: drafting reads every sentence and looks places up in the gazetteer, work that a
// build of the other formats never needs. Kept per model (a watch rebuild loads a new one).
const computed = new WeakMap<ReportModel, { facts: ReportFacts } | { error: VFileMessage }>();

/**
 * The report's fact sheet data: the front matter's figures, groups, incidents and places (the
 * missing ones drafted from the body), each checked against the body and anchored in it. Computed
 * once per model; its warnings and errors are recorded in `model.file` at their lines, and the
 * first error (by place) is thrown, now and on every later call.
 */
export function reportFacts(model: ReportModel, gazetteer: Gazetteer): ReportFacts {
  let done = computed.get(model);
  if (!done) {
    const before = model.file.messages.length;
    const facts = loadFacts(model, model.frontMatter, gazetteer);
    const errors = model.file.messages.slice(before).filter((m) => m.fatal);
    done = errors.length > 0 ? { error: errors.sort(byPlace)[0] as VFileMessage } : { facts };
    computed.set(model, done);
  }
  if ("error" in done) throw done.error;
  return done.facts;
}

/**
 * The model with its `facts` read through `reportFacts` on first use (with the gazetteer of the
 * assets it was loaded with). Not enumerable: a copy of the model (`{ ...model }`) computes nothing.
 */
export function withLazyFacts(gazetteer: Gazetteer, model: Omit<ReportModel, "facts">): ReportModel {
  return Object.defineProperty(model as ReportModel, "facts", {
    get(this: ReportModel) {
      return reportFacts(this, gazetteer);
    },
    enumerable: false,
    configurable: true,
  });
}
