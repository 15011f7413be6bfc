import type { ReportModel } from "../../model/types.ts";
import { clip, type FactSheet, summaryOf } from "./sheet.ts";

/** How much of the summary each shorter form keeps: opening characters, contents entries. */
const summarySteps: ReadonlyArray<readonly [number, number]> = [
  [650, 24],
  [320, 12],
  [160, 6],
];

/**
 * The sheet's summary forms, longest first, for a report whose sheet overflows one page even with
 * every optional block left out (sixty sections, a 2,000-character first sentence…): the report's
 * opening and contents, cut shorter and shorter, then the title band and sources alone (credits and
 * sources clipped; the title never: the band was measured to hold it whole).
 * The last form is small enough for any page; a fact sheet never fails its report.
 */
export function summaryForms(sheet: FactSheet, model: ReportModel): FactSheet[] {
  const bare: FactSheet = {
    ...sheet,
    figures: [],
    groups: [],
    incidents: [],
    map: undefined,
    chart: undefined,
    brief: undefined,
    dataChart: undefined,
  };
  const full = summaryOf(model);
  const forms = summarySteps.map(
    ([characters, entries]): FactSheet => ({
      ...bare,
      summary: {
        sentences: clip(full.sentences, characters),
        contents:
          full.contents.length > entries ? [...full.contents.slice(0, entries - 1), "…"] : full.contents,
      },
    }),
  );
  forms.push({
    ...bare,
    summary: undefined,
    credits: sheet.credits.map((line) => clip(line, 120)),
    sources: clip(sheet.sources, 600),
  });
  return forms;
}
