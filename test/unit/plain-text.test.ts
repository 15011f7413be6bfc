// src/model/plain-text.ts: a node without raw HTML skips the HTML parser (hast-util-raw); its text
// must be what the parser's round trip gives. Every block of the real fixtures and of crafted
// edge cases against the full path (toHast, raw, sanitize, toText), and raw HTML still sanitised.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Root as HastRoot } from "hast";
import { raw } from "hast-util-raw";
import { sanitize } from "hast-util-sanitize";
import { toText } from "hast-util-to-text";
import type { Nodes, Root } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { loadAssets } from "../../src/assets/load.ts";
import { loadReport } from "../../src/model/load.ts";
import { parseMarkdown } from "../../src/model/parse.ts";
import { plainText, plainTextLengthBound, rawHtmlText } from "../../src/model/plain-text.ts";
import { sanitizeSchema } from "../../src/model/sanitize-schema.ts";

/** The text with the HTML parser's round trip always taken. */
const throughParser = (node: Nodes) =>
  toText(sanitize(raw(toHast(node, { allowDangerousHtml: true }) as HastRoot), sanitizeSchema) as HastRoot, {
    whitespace: "normal",
  });

const blockTypes = new Set(["paragraph", "heading", "tableCell", "tableRow", "listItem", "blockquote"]);
function blocks(tree: Root): Nodes[] {
  const found: Nodes[] = [];
  visit(tree, (node) => {
    if (blockTypes.has(node.type)) found.push(node as Nodes);
  });
  return found;
}

const crafted = [
  "Tom &amp; Jerry&nbsp;&copy; &#x2014; 5 &lt; 6, a\u00a0b, tabs\there",
  "Line one\\\nline two  \nline three",
  'A note[^1] and a [link](https://example.org "title"), ![alt text](pic.png), `code  spaced`.\n\n[^1]: The note.',
  "*emphasis* **strong** ~~struck~~ <https://example.org/a--b> www.example.com",
  "- [ ] open task\n- [x] done task",
  "| a | b |\n|---|---|\n| 1 &amp; 2 | `x` |",
  "Trailing spaces   \n   and leading",
  "Text with <b>raw</b> HTML and <script>alert(1)</script> gone",
];

describe("plainText without the HTML parser where there is no raw HTML", () => {
  it("gives the parser's text for every block of the crafted cases", () => {
    let checked = 0;
    for (const text of crafted)
      for (const node of blocks(parseMarkdown(text))) {
        expect(plainText(node), text).toBe(throughParser(node));
        checked++;
      }
    expect(checked).toBeGreaterThan(15);
  });

  it("still parses and sanitises raw HTML", () => {
    const [paragraph] = blocks(parseMarkdown("a<script>x</script>b <i>c</i>"));
    expect(plainText(paragraph as Nodes)).toBe("ab c");
  });

  it("gives the parser's text for every block of the real fixtures, never more than the bound", {
    timeout: 60_000,
  }, () => {
    const assets = loadAssets();
    const folder = "test/fixtures/real";
    let checked = 0;
    let bounded = 0;
    for (const name of readdirSync(folder).filter((file) => file.endsWith(".md") && file !== "README.md")) {
      const model = loadReport(join(folder, name), assets);
      for (const node of blocks(model.tree)) {
        const text = plainText(node);
        expect(text, `${name}: ${node.position?.start.line}`).toBe(throughParser(node));
        checked++;
        const bound = "children" in node ? plainTextLengthBound(node.children as Nodes[]) : undefined;
        if (bound === undefined) continue;
        expect(bound, `${name}: ${node.position?.start.line}`).toBeGreaterThanOrEqual(text.length);
        bounded++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(bounded).toBeGreaterThan(500); // the factbook's "key: value" paragraphs among them
  });

  it("bounds plain runs from above, and leaves anything else to plainText", () => {
    const [paragraph] = blocks(parseMarkdown("*a*  \n**b** `c d` [link](https://x.org)\\\ne ~~f~~"));
    const node = paragraph as Nodes & { children: Nodes[] };
    expect(plainText(node)).toBe("a\n b c d link\n e f"); // a break's newline, then a space
    expect(plainTextLengthBound(node.children)).toBe(18); // 14 characters of text, two per break
    for (const text of ["A note[^1].\n\n[^1]: x", "![alt](a.png)", "a <b>b</b>", "[a][ref]\n\n[ref]: /x"]) {
      const [other] = blocks(parseMarkdown(text));
      expect(plainTextLengthBound((other as { children: Nodes[] }).children), text).toBeUndefined();
    }
    const cited: Nodes = {
      type: "link",
      url: "#fig",
      children: [],
      data: { hChildren: [{ type: "text", value: "Figure 1" }] },
    };
    expect(plainTextLengthBound([cited])).toBeUndefined();
  });

  it("reads each raw HTML snippet's text as the parser does, kept by the whole snippet", () => {
    // Snippets of one length, snippets that differ after a shared start, each read three times.
    const snippets = [
      "<b>x</b>",
      "<i>y</i>",
      "<b>x</b>z",
      "<sup>1</sup>",
      "<script>no</script>ok",
      "a&amp;b",
      "",
    ];
    const fresh = (html: string) =>
      toText(
        sanitize(
          raw({ type: "root", children: [{ type: "raw", value: html }] }) as HastRoot,
          sanitizeSchema,
        ) as HastRoot,
        {
          whitespace: "normal",
        },
      );
    for (let round = 0; round < 3; round++)
      for (const html of snippets) expect(rawHtmlText(html), html).toBe(fresh(html));
    expect(rawHtmlText("<b>x</b>")).toBe("x");
    expect(rawHtmlText("<i>y</i>")).toBe("y");
  });
});
