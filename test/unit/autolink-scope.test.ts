// src/model/autolink-scope.ts runs GFM's autolink literal transform only on the top-level blocks
// that hold `http://`, `https://`, `www.` or `@`: every fixture and the crafted cases must parse
// to the tree the whole-document transform makes, and the parser must use the scoped one.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { remarkHtmlOpenTagsWithSlashes } from "../../src/engine/micromark/html-open-tag.ts";
import { parseMarkdown, parserScopesAutolinks } from "../../src/model/parse.ts";
import { remarkUnambiguousDirectives } from "../../src/model/text-directives.ts";

/** Folio's parser as it was: GFM's transform over the whole document. */
const wholeDocument = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkHtmlOpenTagsWithSlashes)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkUnambiguousDirectives);
const reference = (text: string) => wholeDocument.runSync(wholeDocument.parse(text));

const crafted = [
  "See www.example.org, https://a.example/x?y=1 and HTTP://UPPER.EXAMPLE today.",
  "Write to team@example.gov or mailto:a@b.org, xmpp:me@chat.example/home.",
  "[a link to www.example.org](https://example.org) and <https://bracketed.example>",
  "- a list\n  - with www.nested.example inside\n\n> a quote with x@y.org",
  "| a | b |\n|---|---|\n| www.cell.example | plain |\n| c@d.org | e |",
  "No marker here: http without colon, www without dot, an at sign spelt out.",
  "www.*split*.example and ww**w.example.org** and a@*b*.org",
  "Footnote[^1].\n\n[^1]: With https://note.example/ inside.",
  "::: note\nA directive with www.inside.example\n:::",
  // Literals only the transform finds (the syntax extension does not start one after these).
  "Sites x:www.x.example, «www.y.example» and a\u00a0www.z.example.",
  "- an item «www.nested.example»\n\n| cell |\n|---|\n| x:www.cell.example |",
];

describe("GFM autolink literals, found only in the blocks that can hold one", () => {
  it("is the parser's transform", () => {
    expect(parserScopesAutolinks()).toBe(true);
  });

  it("parses the crafted cases as the whole-document transform does", () => {
    for (const text of crafted) expect(parseMarkdown(text), text).toEqual(reference(text));
    // The cases do make links, and the one without a marker makes none.
    expect(JSON.stringify(parseMarkdown(crafted[0] as string))).toContain('"url":"http://www.example.org"');
    expect(JSON.stringify(parseMarkdown(crafted[5] as string))).not.toContain('"type":"link"');
    expect(JSON.stringify(parseMarkdown(crafted[9] as string))).toContain('"url":"http://www.x.example"');
  });

  it("parses every fixture as the whole-document transform does", { timeout: 60_000 }, () => {
    const files = ["source", "test/fixtures"].flatMap((folder) =>
      (readdirSync(folder, { recursive: true }) as string[])
        .filter((name) => name.endsWith(".md"))
        .map((name) => join(folder, name)),
    );
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, "utf8").replace(/\r\n?/g, "\n");
      expect(parseMarkdown(text), file).toEqual(reference(text));
    }
  });
});
