import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Root } from "mdast";
import { beforeEach, describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/model/parse.ts";
import { forgetKeptParses, lastParse } from "../../src/model/parse-keep.ts";

// A watch rebuild parses only the block an edit falls in (src/model/parse-keep.ts). Whatever the
// edit, the tree must be the one a parse of the whole text gives, positions and all.

function markdownUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return markdownUnder(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

// Every source of the repository under 64 KB (the 306 KB report alone would take seconds).
const sources = [...markdownUnder("source"), ...markdownUnder("test/fixtures")]
  .filter((path) => statSync(path).size < 64 * 1024)
  .sort();

/** A small deterministic generator (mulberry32), so a failure names an edit that can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Insertions an editor makes in a hurry, some of which change the blocks around them. */
const insertions = [
  "x",
  " word",
  "*",
  "**",
  "`",
  "[",
  "]",
  "[^1]",
  "[link][ref]",
  "\n",
  "\n\n",
  "# ",
  "\n# ",
  "|",
  "\n| a | b |\n|---|---|\n",
  "<!--",
  "```",
  "\n```\n",
  ":",
  "- ",
  "\n- ",
  "1. ",
  "\n    ",
  ">",
  "\n>",
  "===",
  "\n===",
  "\n---",
  "<div>",
  "\\",
  "www.example.org",
  "&amp;",
  ":abbr[X]",
  "\t",
  "  ",
];

function parsedWhole(text: string): Root {
  return parseMarkdown(text);
}

describe("parsing only the edited block", () => {
  beforeEach(() => forgetKeptParses());

  it("gives the tree a whole parse gives, for word edits and hurried insertions in every source", () => {
    let blocks = 0;
    let edits = 0;
    for (const [n, path] of sources.entries()) {
      const random = generator(n + 1);
      let text = readFileSync(path, "utf8");
      parseMarkdown(text, path);
      parseMarkdown(text, path);
      for (let round = 0; round < 6; round++) {
        const at = Math.floor(random() * text.length);
        if (round % 2 === 0) {
          // A one-word edit: the next " the " or " this " after a random place, swapped.
          const word = text.indexOf(" the ", at);
          if (word === -1) continue;
          text = `${text.slice(0, word)} this ${text.slice(word + 5)}`;
        } else {
          const insertion = insertions[Math.floor(random() * insertions.length)] as string;
          text = `${text.slice(0, at)}${insertion}${text.slice(at)}`;
        }
        const kept = parseMarkdown(text, path);
        if (lastParse === "block") blocks++;
        edits++;
        expect(kept, `${path}, edit ${round} at ${at}`).toStrictEqual(parsedWhole(text));
      }
    }
    // Most edits fall in a paragraph, heading or table between blank lines.
    console.log(`${blocks} of ${edits} edits parsed one block`);
    expect(edits).toBeGreaterThan(520);
    expect(blocks / edits).toBeGreaterThan(0.4);
  });

  it("parses only the block for a one-word edit of a paragraph, and hands out a copy", () => {
    const path = "source/mali-2021.md";
    const text = readFileSync(path, "utf8");
    parseMarkdown(text, path);
    const first = parseMarkdown(text, path);
    expect(lastParse).toBe("whole");
    first.children.length = 0; // the load changes the tree it is given
    const at = text.lastIndexOf(" the ");
    const edited = `${text.slice(0, at)} this ${text.slice(at + 5)}`;
    const tree = parseMarkdown(edited, path);
    expect(lastParse).toBe("block");
    expect(tree).toStrictEqual(parsedWhole(edited));
    tree.children.length = 0;
    expect(parseMarkdown(text, path)).toStrictEqual(parsedWhole(text));
    expect(lastParse).toBe("block");
  });

  it("parses the whole text where the edit opens a fence, defines a label or is outside any block", () => {
    const path = "doc.md";
    const text =
      "# Title\n\nSee [the guide][g] and a note.[^n]\n\nA closing paragraph.\n\n[g]: https://x.org\n\n[^n]: The note.\n";
    parseMarkdown(text, path);
    parseMarkdown(text, path);
    const cases = [
      text.replace("A closing", "```\nA closing"), // the fence would swallow what follows
      text.replace("A closing paragraph.", "[c]: https://y.org"), // a definition changes other blocks
      text.replace("\n\nA closing", "\nA closing"), // the blank line between two blocks
      text.replace("A closing", "- A closing"), // a list item
    ];
    for (const edited of cases) {
      parseMarkdown(text, path);
      expect(parseMarkdown(edited, path)).toStrictEqual(parsedWhole(edited));
      expect(lastParse, edited).toBe("whole");
    }
    // References to labels defined elsewhere resolve as in the whole text.
    parseMarkdown(text, path);
    const edited = text.replace("See [the guide]", "See [our guide]");
    const tree = parseMarkdown(edited, path);
    expect(lastParse).toBe("block");
    expect(tree).toStrictEqual(parsedWhole(edited));
    expect(JSON.stringify(tree)).toContain('"linkReference"');
    expect(JSON.stringify(tree)).toContain('"footnoteReference"');
  });
});
