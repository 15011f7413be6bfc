import type { FactSheet } from "./sheet.ts";

/** A section of the sheet's two columns, drawn by both layouts under the same name. */
export type SheetSection =
  | "overview"
  | "map"
  | "incidents"
  | "inThisReport"
  | "groups"
  | "chart"
  | "summary"
  | "findings"
  | "dataChart"
  | "contents";

/**
 * Which sections stand in which column, decided once for the PDF and the HTML so the two put the
 * same blocks in the same places. A column never stands empty while there is material: a brief
 * sheet without a chart or a map sets its findings beside its summary, and a country sheet with nothing for
 * its right column (no groups, no chart) shows the summary and findings there, and one whose
 * shorter column ended in the upper half of the page's room (`briefColumn`) shows them under it.
 */
export function sheetColumns(sheet: FactSheet): { left: SheetSection[]; right: SheetSection[] } {
  const brief = sheet.brief;
  const summary: SheetSection[] = brief?.summary ? ["summary"] : [];
  const findings: SheetSection[] = brief && brief.findings.length > 0 ? ["findings"] : [];
  if (sheet.kind === "brief" && brief) {
    const right: SheetSection[] = [
      ...(sheet.map ? (["map"] as const) : []),
      ...(sheet.dataChart ? (["dataChart"] as const) : []),
      ...(brief.contents.length > 1 ? (["contents"] as const) : []),
    ];
    // Without a chart the findings balance the summary from the right column, and the contents
    // go under the shorter of the two (as measured, fill.ts; else by the length of their text).
    if (!sheet.dataChart && !sheet.map) {
      const findingsLength = brief.findings.reduce((n, f) => n + f.text.length, 0);
      const contents: SheetSection[] = right.filter((s) => s === "contents");
      const contentsLeft = sheet.contentsColumn
        ? sheet.contentsColumn === "left"
        : (brief.summary?.text.length ?? 0) < findingsLength;
      return contentsLeft
        ? { left: [...summary, ...contents], right: findings }
        : { left: summary, right: [...findings, ...contents] };
    }
    return { left: [...summary, ...findings], right };
  }
  const left: SheetSection[] = [
    ...(sheet.summary ? (["overview"] as const) : []),
    ...(sheet.map ? (["map"] as const) : []),
    ...(sheet.incidents.length > 0 ? (["incidents"] as const) : []),
  ];
  const right: SheetSection[] = [
    ...(sheet.summary ? (["inThisReport"] as const) : []),
    ...(sheet.groups.length > 0 ? (["groups"] as const) : []),
    ...(sheet.chart ? (["chart"] as const) : []),
  ];
  if (right.length === 0 && brief) right.push(...summary, ...findings);
  // A column that stood mostly empty beside the other shows the summary and findings (fill.ts).
  else if (sheet.briefColumn && brief)
    (sheet.briefColumn === "left" ? left : right).push(
      ...summary,
      ...findings,
      ...(brief.contents.length > 1 ? (["contents"] as const) : []),
    );
  if (left.length === 0 && brief && right.length > 0 && !right.includes("summary"))
    left.push(...summary, ...findings);
  return { left, right };
}
