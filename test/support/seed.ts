import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const seedPath = fileURLToPath(new URL("../fixtures/seed/mali-2021.page.txt", import.meta.url));

/** The report part of the scraped page: from "Overview:" to the end of its last paragraph. */
export function seedReportText(): string {
  const raw = readFileSync(seedPath, "utf8");
  const start = raw.indexOf("Overview:");
  const end = raw.indexOf("\nOn This Page");
  if (start < 0 || end < 0) throw new Error("seed layout changed: report markers not found");
  return raw.slice(start, end);
}

/** The run-in heads of the scraped report, which the source turns into section headings. */
export function seedRunInHeads(text: string): string[] {
  return [...text.matchAll(/^([A-Z0-9][^:\n]{2,60}):\s/gm)].map((m) => m[1] ?? "");
}
