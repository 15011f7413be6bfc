// src/engine/micromark/html-open-tag.ts: an inline HTML open tag whose unquoted attribute value
// holds a `/` (`<a href=https://x.gov/a>`) is HTML, as CommonMark's grammar, cmark and browsers have
// it; micromark 4 made it text. Every other tag parses as micromark parses it.
import fc from "fast-check";
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/model/parse.ts";
import { loadReport } from "../support/render.ts";

/** A paragraph's inline nodes as type and text (an html node's value, a text node's value). */
function inlines(tree: Root): string[] {
  const paragraph = tree.children[0];
  if (paragraph?.type !== "paragraph") return [];
  return paragraph.children.map((node: Nodes) => `${node.type}:${"value" in node ? node.value : ""}`);
}

describe("an inline open tag with a `/` in an unquoted attribute value", () => {
  it("is inline HTML, where micromark alone printed it as text", () => {
    const text = "See <a href=https://www.whitehouse.gov/omb/circulars_a119>Circular A-119</a> now.";
    expect(inlines(fromMarkdown(text))[0]).toMatch(/^text:See <a href=https:/);
    expect(inlines(parseMarkdown(text))).toEqual([
      "text:See ",
      "html:<a href=https://www.whitehouse.gov/omb/circulars_a119>",
      "text:Circular A-119",
      "html:</a>",
      "text: now.",
    ]);
  });

  it("keeps a `/` at the value's end, and reads an attribute after it, across a line ending", () => {
    expect(inlines(parseMarkdown('An <img src=a/b.png/> and <a href=/x/\ntitle="t">y</a>.'))).toEqual([
      "text:An ",
      "html:<img src=a/b.png/>",
      "text: and ",
      'html:<a href=/x/\ntitle="t">',
      "text:y",
      "html:</a>",
      "text:.",
    ]);
  });

  it("gives the same nodes as the tag with its value quoted, for any value", () => {
    const valueCharacter = fc.constantFrom(..."abz09/:._-%?#&;".split(""));
    fc.assert(
      fc.property(fc.array(valueCharacter, { minLength: 1, maxLength: 12 }), (characters) => {
        const value = characters.join("");
        const unquoted = inlines(parseMarkdown(`x <a href=${value}>y</a> z`));
        const quoted = inlines(parseMarkdown(`x <a href="${value}">y</a> z`));
        expect(unquoted.map((node) => node.replace(`href=${value}`, `href="${value}"`))).toEqual(quoted);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves what is no tag as text: a value with a quote, `=` or `<`, an unclosed tag", () => {
    for (const text of [
      "a <a href=x/y'z>b</a>",
      "a <a href=x/y=z>b</a>",
      "a <a href=x/<y>b</a>",
      "a <a href=x/y",
    ])
      expect(inlines(parseMarkdown(text))).toEqual(inlines(fromMarkdown(text)));
  });

  it("makes the OMB memo's note links links, with the two published typos still named", () => {
    const model = loadReport("test/fixtures/real/omb-m-13-13.md");
    const urls: string[] = [];
    const walk = (node: Nodes) => {
      if (node.type === "link" && node.url.startsWith("https://www.whitehouse.gov/")) urls.push(node.url);
      if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
    };
    for (const note of model.footnotes.values()) walk(note.node);
    expect(new Set(urls).size).toBeGreaterThanOrEqual(20);
    const asText = model.file.messages.filter((m) => m.ruleId === "tag-as-text").map((m) => m.line);
    // `…m06-02.pdf<>` (note 4) and note 23's tag broken before its `>` are as published.
    expect(asText).toEqual([211, 249]);
  });
});
