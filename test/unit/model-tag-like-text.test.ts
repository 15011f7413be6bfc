// A tag Markdown does not take as HTML is printed as typed: the editor hears of it at its place.
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/model/parse.ts";
import { checkTagLikeText } from "../../src/model/tag-like-text.ts";

function messages(source: string): string[] {
  const file = new VFile({ path: "brief.md", value: source });
  checkTagLikeText(parseMarkdown(source), file, source);
  return file.messages.map((m) => `${m.line}:${m.column} ${m.reason.split(" is ")[0]}`);
}

describe("tag-like text", () => {
  it("names an inline tag that is printed as typed, at its line and column", () => {
    // An `=` in an unquoted value makes it no tag (a `/` does not: CommonMark allows it).
    const source = "# T\n\nSee *this* at <a href=https://x.gov/?a=b>https://x.gov/?a=b</a> now.\n";
    expect(messages(source)).toEqual(["3:15 `<a href=https://x.gov/?a=b>`"]);
  });

  it("says nothing of real HTML, code, comparisons or unknown words in brackets", () => {
    const source = [
      'A <a href="https://x.gov">link</a> and <abbr title="Environmental Protection Agency">EPA</abbr>.',
      "",
      "Code `<a href=x=y>` stays, as does x < a and <placeholder>.",
      "",
      "```html",
      "<span class=a=b>",
      "```",
      "",
    ].join("\n");
    expect(messages(source)).toEqual([]);
  });
});
