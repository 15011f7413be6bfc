// The text a reader reads, which every sentence check and the outline take: a hard line break and
// a raw <br> separate words, raw HTML tags are not text.
import { describe, expect, it } from "vitest";
import { buildOutline } from "../../src/model/outline.ts";
import { parseMarkdown } from "../../src/model/parse.ts";
import { treeSentences } from "../../src/model/sentences.ts";

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

describe("sentences for the parity check", () => {
  it("mark where a footnote reference stands, so an artifact may print its number there", async () => {
    const { noteMark } = await import("../../src/model/sentences.ts");
    const { readInOrder } = await import("../../src/check/reading.ts");
    const tree = parseMarkdown("The Memorandum[^1] instructed agencies.\n\n[^1]: A note.\n");
    const [sentence] = treeSentences(tree, { notes: true });
    expect(sentence).toBe(`The Memorandum${noteMark} instructed agencies.`);
    // HTML and PDF print the number (with or without a space before it), the DOCX a reference mark.
    for (const page of ["The Memorandum 1 instructed agencies.", "The Memorandum1 instructed agencies."])
      expect(readInOrder(page, [sentence as string]).missing).toBeUndefined();
    expect(readInOrder("The Memorandum instructed agencies.", [sentence as string]).missing).toBeUndefined();
    // A word changed is still a difference.
    expect(readInOrder("The Memorandum 1 told agencies.", [sentence as string]).missing).toBe(sentence);
  });
});
