import type { Nodes, Root } from "mdast";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import {
  type Cite,
  isCrossReferenceKey,
  parseCitations,
  suffixParts,
} from "../src/model/apparatus/cite-syntax.ts";
import { parseMarkdown } from "../src/model/parse.ts";
import { loadReport } from "./support/render.ts";

/** The source parsed and its citations read: the tree and the vfile's messages. */
function read(source: string): { tree: Root; file: VFile } {
  const file = new VFile({ path: "t.md", value: source });
  const tree = parseMarkdown(source);
  parseCitations(tree, source, file);
  return { tree, file };
}

/** Every `cite` node, in order. */
function cites(source: string): Cite[] {
  const found: Cite[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "cite") found.push(node);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(read(source).tree);
  return found;
}

/** The paragraph's children as text, each cite as `{…}` of its keys. */
function shape(source: string): string {
  const paragraph = read(source).tree.children[0];
  if (paragraph?.type !== "paragraph") throw new Error("no paragraph");
  return paragraph.children
    .map((child) =>
      child.type === "cite"
        ? `{${child.mode[0]}:${child.items.map((i) => (i.suppressAuthor ? "-" : "") + i.key).join(";")}}`
        : child.type === "text"
          ? child.value
          : `<${child.type}>`,
    )
    .join("");
}

const item = (key: string, more: Partial<Cite["items"][number]> = {}) => ({
  key,
  prefix: "",
  suffix: "",
  suppressAuthor: false,
  ...more,
});

describe("pandoc's citation syntax, read into cite nodes", () => {
  // The examples of pandoc's manual (Citation syntax), checked against `pandoc -t native` 2.17.
  it("reads the manual's bracketed citations with prefixes, locators and suffixes", () => {
    expect(cites("Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1].")[0]).toMatchObject({
      type: "cite",
      mode: "parenthetical",
      items: [
        item("doe99", { prefix: "see", locator: "33-35", label: "page" }),
        item("smith04", { prefix: "also", locator: "1", label: "chapter" }),
      ],
    });
    expect(cites("Blah blah [@doe99, pp. 33-35, 38-39 and *passim*].")[0]?.items).toEqual([
      item("doe99", { locator: "33-35, 38-39", label: "page", suffix: "and passim" }),
    ]);
    expect(cites("Blah blah [@smith04; @doe99].")[0]?.items).toEqual([item("smith04"), item("doe99")]);
    expect(cites("Smith says blah [-@smith04].")[0]).toEqual(
      expect.objectContaining({ mode: "parenthetical", items: [item("smith04", { suppressAuthor: true })] }),
    );
    expect(cites("[@key, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]")[0]?.items).toEqual([
      item("key", { locator: "iv, vi-xi, (xv)-(xvii)", label: "page", suffix: "with suffix here" }),
    ]);
  });

  it("reads narrative citations, with a locator or more keys in a bracket after", () => {
    expect(shape("@smith04 says blah.")).toBe("{n:smith04} says blah.");
    expect(cites("@smith04 [p. 33] says blah.")[0]).toEqual(
      expect.objectContaining({
        mode: "narrative",
        items: [item("smith04", { locator: "33", label: "page" })],
      }),
    );
    expect(shape("@smith04 [p. 33] says blah.")).toBe("{n:smith04} says blah.");
    expect(shape("@smith04 [-@doe99] says.")).toBe("{n:smith04;-doe99} says.");
    expect(shape("as (@a) showed")).toBe("as ({n:a}) showed");
  });

  it("reads keys by pandoc's rules: internal punctuation, not trailing; braces take anything", () => {
    expect(shape("See @a.b. and @x:y/z? and @key_1, @2021report.")).toBe(
      "See {n:a.b}. and {n:x:y/z}? and {n:key_1}, {n:2021report}.",
    );
    expect(cites("@{doe:2020/a?b=c}.")[0]?.items[0]?.key).toBe("doe:2020/a?b=c");
    expect(shape("[@fig-advisories] and @tbl:size and [-@sec-method]")).toBe(
      "{p:fig-advisories} and {n:tbl:size} and {p:-sec-method}",
    );
    expect(shape("Ünïcode @müller2020.")).toBe("Ünïcode {n:müller2020}.");
  });

  it("reads the locator as citeproc does", () => {
    expect(suffixParts(", p. 12")).toEqual({ locator: "12", label: "page", suffix: "" });
    expect(suffixParts(", 33")).toEqual({ locator: "33", label: "page", suffix: "" });
    expect(suffixParts(", chap. 3 and elsewhere")).toEqual({
      locator: "3",
      label: "chapter",
      suffix: "and elsewhere",
    });
    expect(suffixParts(", sec. 4.2")).toMatchObject({ label: "section" });
    expect(suffixParts(", § 4")).toEqual({ locator: "4", label: "section", suffix: "" });
    expect(suffixParts(", vol. iv, emphasis added")).toEqual({
      locator: "iv",
      label: "volume",
      suffix: ", emphasis added",
    });
    expect(suffixParts(", and elsewhere")).toEqual({ suffix: ", and elsewhere" });
    expect(suffixParts(", iv")).toEqual({ suffix: ", iv" });
    expect(suffixParts("")).toEqual({ suffix: "" });
  });

  it("leaves e-mail addresses, words and escaped at signs alone", () => {
    expect(cites("Write to someone@agency.gov or press@example.org today.")).toEqual([]);
    expect(cites("Mail <someone@agency.gov>.")).toEqual([]);
    expect(shape("a@b, x@y.z, \\@notakey and @ alone, @-dash, @.")).toBe(
      "a@b, <link>, @notakey and @ alone, @-dash, @.",
    );
    expect(shape("\\[@a]")).toBe("[{n:a}]");
  });

  it("never reads inside code, links or raw HTML", () => {
    expect(cites("`[@a]` and ```@b``` and [see @c](https://x.org) and <span>@d</span>")).toMatchObject([
      { items: [{ key: "d" }] },
    ]);
    expect(cites("```\n[@a]\n```\n\n    @b indented code\n")).toEqual([]);
  });

  it("leaves a bracket that is no list of keys, reading the keys inside it", () => {
    expect(shape("[see; @a] and [a note] and [@b")).toBe("[see; {n:a}] and [a note] and [{n:b}");
    expect(shape("[@a, p. 3]: no definition")).toBe("{p:a}: no definition");
  });

  it("reads citations in headings, table cells, list items, quotes and notes, placed at their line", () => {
    const source = [
      "# Title [@h]",
      "",
      "| A |",
      "|---|",
      "| [@cell] |",
      "",
      "- item @li",
      "",
      "> quoted text over",
      "> two lines, [see @q, p. 4]",
      "",
      "Text.[^n]",
      "",
      "[^n]: A note [@note].",
    ].join("\n");
    const found = cites(source);
    expect(found.map((c) => c.items[0]?.key)).toEqual(["h", "cell", "li", "q", "note"]);
    expect(found.map((c) => c.position?.start.line)).toEqual([1, 5, 7, 10, 14]);
    expect(found[3]?.position?.start).toMatchObject({ line: 10, column: 14 });
    expect(found[3]?.position?.end).toMatchObject({ line: 10, column: 28 });
  });

  it("reads a prefix with formatting as its text, with a warning at it", () => {
    const { tree, file } = read("Text [*see* @a; **also** @b, p. 2].");
    const paragraph = tree.children[0];
    expect(paragraph?.type === "paragraph" && paragraph.children.map((c) => c.type)).toEqual([
      "text",
      "cite",
      "text",
    ]);
    const cite = paragraph?.type === "paragraph" ? (paragraph.children[1] as Cite) : undefined;
    expect(cite?.items).toEqual([
      item("a", { prefix: "see" }),
      item("b", { prefix: "also", locator: "2", label: "page" }),
    ]);
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([
      [1, 7, "citation-syntax"],
      [1, 17, "citation-syntax"],
    ]);
  });

  it("tells cross-reference keys from bibliography keys", () => {
    for (const key of ["fig-a", "tbl-b", "sec-c", "fig:a", "tbl:b", "sec:c"])
      expect(isCrossReferenceKey(key)).toBe(true);
    for (const key of ["figure", "fig", "smith04", "section-3", "eq-1", "Fig-a"])
      expect(isCrossReferenceKey(key)).toBe(false);
  });
});

describe("a citation nothing resolves", () => {
  it("is an error at its line, every one reported together, never printed as typed", () => {
    const file = new VFile({ path: "brief.md" });
    const text =
      "---\ntitle: Brief\n---\n\nAs shown [@epa2023, p. 12].\n\nAnd @smith04 agrees; write to someone@agency.gov.\n";
    expect(() => loadReport("brief.md", { text, file })).toThrow(/citation `@epa2023` cannot be resolved/);
    expect(file.messages.filter((m) => m.fatal).map((m) => [m.line, m.column, m.reason])).toEqual([
      [5, 10, "No bibliography: citation `@epa2023` cannot be resolved"],
      [7, 5, "No bibliography: citation `@smith04` cannot be resolved"],
    ]);
  });
});

describe("a key inside another citation's text", () => {
  it("is an error at the citation, asking for a semicolon", () => {
    const { file } = read("As [see @a, and @b] show.");
    expect(file.messages.map((m) => [m.line, m.column, m.fatal, m.reason])).toEqual([
      [1, 5, true, "`@b` is inside another citation's text: separate the keys of one citation with `;`"],
    ]);
  });
});
