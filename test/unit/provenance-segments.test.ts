// findQuote finds the block a quote stands in by bisecting the body's segments (a scan from the
// start was most of a long report's fact drafting). It must name the block the scan named.
import fc from "fast-check";
import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import {
  bodyText,
  findQuote,
  segmentNaming,
  standsIn,
  standsInBody,
} from "../../src/model/facts/provenance.ts";

/** A body of paragraphs, list items and a table, each block's words given. */
function tree(blocks: string[]): Root {
  return {
    type: "root",
    children: blocks.map((text, i) =>
      i % 3 === 1
        ? { type: "list", children: [{ type: "listItem", children: [paragraph(text)] }] }
        : paragraph(text),
    ),
  } as Root;
}
const paragraph = (text: string) => ({ type: "paragraph", children: [{ type: "text", value: text }] });

describe("findQuote", () => {
  it("names the block the first occurrence stands in, as a scan of the segments does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[ab ]{0,12}$/), { minLength: 1, maxLength: 30 }),
        fc.stringMatching(/^[ab ]{1,5}$/),
        (blocks, quote) => {
          const body = bodyText(tree(blocks));
          const at = body.text.indexOf(quote.replace(/\s+/g, " ").trim());
          const scanned =
            at < 0 || quote.trim() === ""
              ? undefined
              : body.segments.find((s) => at >= s.start && at < s.end);
          if (quote.trim() === "") return;
          expect(findQuote(body, quote)).toBe(scanned);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });

  it("finds the first block, a list item's, the last, and none for a quote not in the body", () => {
    const body = bodyText(tree(["First block.", "Listed block.", "Last block."]));
    expect(findQuote(body, "First")?.start).toBe(0);
    expect(findQuote(body, "Listed block")?.anchor.type).toBe("listItem");
    expect(findQuote(body, "Last block.")).toBe(body.segments[2]);
    expect(findQuote(body, "block. Last")).toBe(body.segments[1]);
    expect(findQuote(body, "Absent")).toBeUndefined();
  });
});

// A place's name is checked against the whole body, and placed in the first block naming it, in
// one scan of the body's text (a fold per place or per block was most of a watch rebuild's check):
// the answers must be those of standsIn on the body, and on each block alone.
describe("standsInBody and segmentNaming", () => {
  // Letters, a digit, hyphens, full stops, commas, quotes of both styles and spaces: the characters
  // that decide whether a name stands as a word, at a block's edges too.
  const blockText = fc.stringMatching(/^[ab1\-.,'’ ]{0,14}$/);
  const name = fc.oneof(
    fc.stringMatching(/^[ab1\-'’ ]{1,4}$/),
    fc.constantFrom("1", "1,1", "ab", "a-b", "a’b"),
  );
  it("answers as standsIn does on the body's text and on each block's", () => {
    fc.assert(
      fc.property(fc.array(blockText, { minLength: 1, maxLength: 20 }), name, (blocks, value) => {
        const body = bodyText(tree(blocks));
        expect(standsInBody(value, body)).toBe(standsIn(value, body.text));
        expect(segmentNaming(value, body)).toBe(
          body.segments.find((s) => standsIn(value, body.text.slice(s.start, s.end))),
        );
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});
