import { VFileMessage } from "vfile-message";
import { describe, expect, it } from "vitest";
import { loadReport } from "../support/render.ts";

/** Loads text as `test/fixtures/doc.md` and returns the fatal message it fails with. */
function failure(text: string): VFileMessage {
  try {
    loadReport("test/fixtures/doc.md", { text });
  } catch (error) {
    if (error instanceof VFileMessage) return error;
    throw error;
  }
  throw new Error("expected the load to fail");
}

describe("front matter", () => {
  it("reports a wrongly typed field with file, line and field name", () => {
    const error = failure("---\ntitle: Report\nyear: twenty\nlang: en\n---\n\nBody.\n");
    expect(error.file).toBe("test/fixtures/doc.md");
    expect(error.line).toBe(3);
    expect(error.reason).toContain("`year`");
    expect(String(error)).toMatch(/^test\/fixtures\/doc\.md:3:1/);
  });

  it("points into nested fields such as a fact's quote", () => {
    const error = failure(
      "---\ntitle: R\nfacts:\n  - label: x\n    value: 3\n    quote: 7\n---\n\nBody 3.\n",
    );
    expect(error.line).toBe(6);
    expect(error.reason).toContain("facts.0.quote");
  });

  it("warns about an unknown field, naming it and its line, and goes on", () => {
    const model = loadReport("test/fixtures/doc.md", { text: "---\ntitle: R\nauthr: Jane\n---\n\nBody.\n" });
    const [warning] = model.file.messages;
    expect(warning?.fatal).toBeFalsy();
    expect(warning?.reason).toContain("`authr`");
    expect(warning?.line).toBe(3);
    expect(model.meta.title).toBe("R");
  });

  it("takes the first level-1 heading as the title when there is none, without repeating it", () => {
    const model = loadReport("test/fixtures/doc.md", {
      text: "Intro.\n\n# The Heading Title\n\n## Part\n\nText.\n",
    });
    expect(model.meta.title).toBe("The Heading Title");
    expect(model.outline.map((e) => e.text)).toEqual(["Part"]);
  });

  it("fails when there is neither a title field nor a level-1 heading", () => {
    const error = failure("---\nlang: en\n---\n\n## Only a section\n");
    expect(error.reason).toMatch(/No title/);
    expect(error.line).toBe(1);
  });

  it("reports malformed YAML at its line", () => {
    const error = failure("---\ntitle: R\nkeywords: [a, b\nlang: en\n---\n\nBody.\n");
    expect(error.reason).toMatch(/Malformed YAML/);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it("accepts pandoc's fields", () => {
    const model = loadReport("x.md", {
      text: "---\ntitle: T\nsubtitle: S\nauthor: [A, B]\ndate: 2023-02-27\nlang: fr\nkeywords: a, b\nabstract: Short.\n---\n\nBody.\n",
    });
    expect(model.meta).toMatchObject({
      subtitle: "S",
      author: [{ name: "A" }, { name: "B" }],
      date: "2023-02-27",
      lang: "fr",
      keywords: ["a", "b"],
    });
    expect(model.description).toBe("Short.");
    expect(model.credits).toEqual({
      names: "A; B",
      byline: "A et B",
      shortByline: "A et B",
      date: "27 février 2023",
    });
  });

  it("warns about an unknown directive but keeps its content", () => {
    const model = loadReport("x.md", { text: "# T\n\n:::sidebar\nKept words.\n:::\n" });
    expect(model.file.messages[0]?.reason).toMatch(/Unknown directive `:::sidebar`/);
    expect(JSON.stringify(model.tree)).toContain("Kept words.");
  });
});
