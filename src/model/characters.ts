import type { Nodes } from "mdast";
import type { ReportModel } from "./types.ts";
import { visit } from "./visit.ts";

type Position = NonNullable<Nodes["position"]>;

/** Every character a report prints, each with the first place in the source it occurs (if any). */
export type CharacterPlaces = ReadonlyMap<string, Position | undefined>;

const known = new WeakMap<ReportModel, CharacterPlaces>();

/**
 * The characters of the body, the title block, the colophon, the running head and foot and the
 * alternate texts: what a format must be able to draw. Worked out once per model (it never changes).
 */
export function reportCharacters(model: ReportModel): CharacterPlaces {
  let found = known.get(model);
  if (found) return found;
  const places = new Map<string, Position | undefined>();
  const add = (text: string | undefined, place: Position | undefined) => {
    if (!text) return;
    for (const ch of text) if (!places.has(ch)) places.set(ch, place);
  };
  for (const tree of [model.tree, model.parts.titleBlock, model.parts.colophon]) {
    visit(tree, (node: Nodes) => {
      if ("value" in node && typeof node.value === "string") add(node.value, node.position);
      if ((node.type === "image" || node.type === "imageReference") && node.alt) add(node.alt, node.position);
      // A chart's own text (axis titles, categories, tick labels in the values' unit), set in the faces too.
      const chart = node.type === "image" ? node.data?.chart : undefined;
      if (chart) {
        const { unit, series } = chart;
        const texts = [chart.xTitle, chart.yTitle, chart.title, ...chart.categories];
        add(
          [
            ...texts,
            ...series.flatMap((s) => [s.name, ...s.texts]),
            unit.prefix,
            unit.suffix,
            "0123456789,.−",
          ].join(""),
          node.position,
        );
      }
    });
  }
  for (const run of [...model.parts.header, ...model.parts.footer])
    if (typeof run === "string") add(run, undefined);
  add(model.fullTitle, undefined);
  found = places;
  known.set(model, found);
  return found;
}
