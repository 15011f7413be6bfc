// The vocabulary of templates/labels/LANG.yaml: the assets load those files by these keys, the
// model picks a report's words from them (src/model/labels.ts).

/**
 * The keys of the words Folio writes that are not in the report's source ("Contents", "Page 2 of
 * 4" …). The words themselves live in templates/labels/LANG.yaml; en.yaml must have every key.
 */
export const labelKeys = [
  "contents",
  "notes",
  "note",
  "calloutNote",
  "calloutTip",
  "calloutImportant",
  "calloutWarning",
  "calloutCaution",
  "backToReference",
  "skipToContent",
  "imageAlt",
  "imageNoAlt",
  "pageOf",
  "covering",
  "published",
  "publishedBy",
  "typesetBy",
  "abstract",
  "tableTitle",
  "tableTitleBare",
  "factSheet",
  "factSheetTitle",
  "keyFigures",
  "where",
  "whoWithWhom",
  "incidents",
  "incidentsOfYear",
  "peopleKilledOrInjured",
  "incident",
  "measure",
  "peopleAsStated",
  "killed",
  "injured",
  "people",
  "readFullReport",
  "capital",
  "placeNamed",
  "mapTitle",
  "mapBorderedBy",
  "mapMarked",
  "capitalPlace",
  "chartTitle",
  "chartTitleNoYear",
  "hedgeNote",
  "hedgeMeans",
  "source",
  "sourceNote",
  "mapCredit",
  "notLocated",
  "chartCredit",
  "mapOverseas",
  "peopleKilled",
  "peopleInjured",
  "overview",
  "inThisReport",
  "figureRef",
  "tableRef",
  "captionLabel",
  "listOfFigures",
  "listOfTables",
  "bookNavigation",
  "chapterPager",
  "previousChapter",
  "nextChapter",
  "chapterOfBook",
  "abbreviationTerm",
  "abbreviationMeaning",
  "references",
  "reviewComment",
  "mapNationTitle",
  "mapNation",
  "mapCreditCensus",
] as const;

export type LabelKey = (typeof labelKeys)[number];
/** One language's words by key (English has all of them; another language may have some). */
export type LabelSet = Partial<Record<LabelKey, string>>;

/** Fills `{{name}}` placeholders (values are plain text; a missing value leaves the placeholder). */
export function fillLabel(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([A-Za-z]\w*)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
