// The fact sheet's summary (src/render/factsheet/sheet.ts `summaryOf`), for a report with nothing to
// draft: whole opening sentences up to about 650 characters, and a first sentence longer than that
// cut at a word's end, so that the fit never lays out a whole long paragraph again and again.
import { describe, expect, it } from "vitest";
import { summaryOf } from "../../src/render/factsheet/sheet.ts";
import { loadReport } from "../support/render.ts";

const summary = (body: string) =>
  summaryOf(loadReport("/nonexistent/summary/r.md", { text: `---\ntitle: Summary\n---\n\n${body}\n` }))
    .sentences;

describe("the fact sheet's summary", () => {
  it("keeps whole sentences while they fit", () => {
    const first = `${"First sentence words ".repeat(10).trim()}.`;
    const second = `${"Second sentence words ".repeat(10).trim()}.`;
    expect(summary(`${first} ${second}`)).toBe(`${first} ${second}`);
  });

  it("cuts a first sentence longer than the summary at a word's end, with an ellipsis", () => {
    const words = Array.from({ length: 2_000 }, (_, i) => `word${i}`);
    const text = summary(`${words.join(" ")} end.`);
    expect(text.length).toBeLessThanOrEqual(650);
    expect(text.length).toBeGreaterThan(600);
    expect(text.endsWith("…")).toBe(true);
    expect(words.join(" ").startsWith(text.slice(0, -1))).toBe(true);
    expect(text.at(-2)).toMatch(/\d/); // cut after a whole word, not inside one
  });

  it("does not end a sentence at a title's, an initial's or an abbreviation's full stop", () => {
    // 560 characters, then “Dr.”, “U.S.” and “F.” inside the sentence: cut there, it ended “by Dr.”
    const opening = `${"Opening words ".repeat(40).trim()} by Dr. Smith of the U.S. Department of State and John F. Kennedy Center staff ${"later words ".repeat(10).trim()}.`;
    const text = summary(`${opening} Second sentence.`);
    expect(text).not.toMatch(/(?:Dr|U\.S|F)\.$/);
    expect(text.endsWith("…")).toBe(true);
    expect(opening.startsWith(text.slice(0, -1))).toBe(true);
  });

  it("cuts a first sentence of one 100,000-letter word to the summary's length", () => {
    const text = summary(`${"abcdefghij".repeat(10_000)} after.`);
    expect(text).toBe(`${"abcdefghij".repeat(65).slice(0, 649)}…`);
  });
});
