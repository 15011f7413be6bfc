// A front matter's YAML is parsed once per text (src/model/front-matter-yaml.ts) and shared by its
// readers: the metadata and facts (parseFrontMatter), the brand and the book check read the same
// parse. Bounded: up to 16 texts are kept, then the keep starts afresh.
import { describe, expect, it } from "vitest";
import { parsedYaml } from "../../src/model/front-matter-yaml.ts";
import { parseFrontMatter } from "../../src/model/frontmatter.ts";

describe("a front matter's YAML, parsed once per text", () => {
  it("gives the same document for the same text and a new one for an edit", () => {
    const text = "title: Once\nbrand: plain\nchapters:\n  - one.md\n";
    const first = parsedYaml(text);
    expect(parsedYaml(`${text}`)).toBe(first);
    expect(first.doc.get("title")).toBe("Once");
    const edited = parsedYaml(text.replace("Once", "Twice"));
    expect(edited).not.toBe(first);
    expect(edited.doc.get("title")).toBe("Twice");
  });

  it("is the parse the metadata reads", () => {
    const value = "title: Shared\nlang: fr\n";
    const node = { type: "yaml" as const, value };
    expect(parseFrontMatter(node)).toBe(parsedYaml(value));
    expect(parseFrontMatter(undefined)).toBe(parsedYaml(""));
  });

  it("keeps errors and places, and leaves duplicate keys to the metadata's own check", () => {
    const broken = parsedYaml("title: [unclosed\nlang: en\n");
    expect(broken.doc.errors.length).toBeGreaterThan(0);
    const twice = parsedYaml("title: A\ntitle: B\n");
    expect(twice.doc.errors).toHaveLength(0);
    const placed = parsedYaml("title: A\nbrand: agency\n");
    const node = placed.doc.get("brand", true) as { range: number[] };
    expect(placed.lines.linePos(node.range[0] as number)).toEqual({ line: 2, col: 8 });
  });

  it("keeps up to 16 texts, and parses an older one again", () => {
    const first = parsedYaml("title: Oldest\n");
    for (let i = 0; i < 16; i++) parsedYaml(`title: Later ${i}\n`);
    const again = parsedYaml("title: Oldest\n");
    expect(again).not.toBe(first);
    expect(again.doc.toJS()).toEqual(first.doc.toJS());
    expect(parsedYaml("title: Later 15\n")).toBe(parsedYaml("title: Later 15\n"));
  });
});
