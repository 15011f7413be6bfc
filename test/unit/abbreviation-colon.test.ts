import { describe, expect, it } from "vitest";
import { loadReport } from "../support/render.ts";

const load = (body: string) =>
  loadReport("/nonexistent/abbr/r.md", { text: `---\ntitle: Abbr\n---\n\n${body}\n` });

describe("an abbreviation definition without its colon", () => {
  it("is a warning at its line, and the text stays in the body as typed", () => {
    const model = load("Intro.\n\n*[CDC] Centers for Disease Control and Prevention\n\nThe CDC says.");
    const warnings = model.file.messages.filter((m) => m.ruleId === "abbreviation-definition");
    expect(warnings.map((m) => [m.line, m.column, m.fatal ?? false])).toEqual([[7, 1, false]]);
    expect(warnings[0]?.reason).toContain("`*[ABBR]: what it stands for`");
    expect(model.abbreviations ?? []).toEqual([]);
  });

  it("says nothing of emphasis, links or a definition with its colon", () => {
    for (const body of [
      "*[sic]* as written.",
      "*[the report](https://example.gov)* says.",
      "*[CDC]: Centers",
    ]) {
      const model = load(body);
      expect(
        model.file.messages.filter((m) => m.ruleId === "abbreviation-definition"),
        body,
      ).toEqual([]);
    }
  });
});
