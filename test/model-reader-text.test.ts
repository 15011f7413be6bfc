// The text a reader reads, which every sentence check and the outline take: a hard line break and
// a raw <br> separate words, raw HTML tags are not text.
import { describe, expect, it } from "vitest";
import { buildOutline } from "../src/model/outline.ts";
import { parseMarkdown } from "../src/model/parse.ts";
import { treeSentences } from "../src/model/sentences.ts";

describe("reader text", () => {
  it("splits sentences across a hard break and a raw <br>, never joining their words", () => {
    const tree = parseMarkdown(
      "Sylvia Burwell<br />Director\n\nThe end of one.\\\nThe start of another.\n\nA|B<br>C two  \nspaces.\n",
    );
    expect(treeSentences(tree)).toEqual([
      "Sylvia Burwell Director",
      "The end of one.",
      "The start of another.",
      "A|B C two spaces.",
    ]);
  });

  it("takes a heading's text and id without its raw HTML", () => {
    const tree = parseMarkdown('## <a name="AAL_SEC4"></a>4 Authenticator Assurance Levels\n');
    expect(buildOutline(tree)).toEqual([
      { depth: 2, text: "4 Authenticator Assurance Levels", id: "4-authenticator-assurance-levels" },
    ]);
  });
});
