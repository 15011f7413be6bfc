// src/model/smart-quotes.ts keeps the texts the library gave each block, by the block's content:
// a block met again (a watch rebuild after an edit elsewhere, at other lines) gets the same texts
// without the library's run, and a block that differs in any node gets its own run.
import type { Nodes, Root, Text } from "mdast";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/model/parse.ts";
import { smartenedBlocksKept, smartenTree } from "../../src/model/smart-quotes.ts";

/** Every text value of a tree, in document order. */
function texts(tree: Root): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "text") found.push((node as Text).value);
    if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return found;
}

describe("smartenTree's keep of smartened blocks", () => {
  // A token of this run: no earlier test in this process has smartened these blocks.
  const token = `run${process.pid}x${Date.now()}`;
  const blocks = [
    `"Quotes around [a link](https://example.org/a--b)" and 'single' ones -- ${token}...`,
    `It's rock 'n' roll in the '90s, *"emphasised"*, \`code "kept"\` and <https://example.org/x--y> ${token}`,
    `A <code>raw "code" -- kept</code> then "text" -- ${token}`,
    `# A "heading" -- ${token}`,
    `| "cell" | 'b' |\n|---|---|\n| x -- y | ${token}... |`,
  ];
  const source = blocks.join("\n\n");

  it("gives a block met again the texts its first run gave, at any line", () => {
    const first = parseMarkdown(source);
    const before = smartenedBlocksKept();
    smartenTree(first);
    const ran = smartenedBlocksKept() - before;
    expect(ran).toBeGreaterThanOrEqual(blocks.length); // every block with straight marks, each cell
    expect(texts(first).join("|")).toContain("“Quotes around ");
    expect(texts(first).join("|")).toContain("https://example.org/x--y"); // an autolink's text stays
    const again = parseMarkdown(`Inserted first.\n\n${source}`);
    smartenTree(again);
    expect(smartenedBlocksKept() - before).toBe(ran + 0); // nothing new: each block from the keep
    expect(texts(again).slice(1)).toEqual(texts(first));
  });

  it("runs the library for a block whose nodes differ, even with the same characters", () => {
    const asText = parseMarkdown(`say "hi" ${token}-2`);
    const asCode = parseMarkdown(`say \`"hi"\` ${token}-2`);
    smartenTree(asText);
    smartenTree(asCode);
    expect(texts(asText).join("")).toContain("“hi”");
    expect(texts(asCode).join("")).not.toContain("“");
  });
});
