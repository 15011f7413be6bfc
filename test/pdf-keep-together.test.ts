// A `:::keep-together` block longer than a page: no page can keep it, and pdfmake dropped it whole
// (src/engine/pdfmake/unbreakable-positions.ts). Every paragraph must reach the PDF's text and its
// structure tree, in order, flowing on from where the page stood.
import { beforeAll, describe, expect, it } from "vitest";
import { type PdfPage, pdfPages } from "./pdf-text.ts";
import { elementsWithRole, type StructureNode, structureNodes } from "./support/pdf-structure.ts";
import { loadReport, renderPdf } from "./support/render.ts";

const paragraphs = Array.from(
  { length: 90 },
  (_, i) => `Paragraph ${i + 1} of a block asked to stay on one page.`,
);
const text = `---\ntitle: Keep together\n---\n\nBefore the block.\n\n:::keep-together\n${paragraphs.join("\n\n")}\n:::\n\nAfter the block.\n`;

let pages: PdfPage[];
let trees: StructureNode[];
beforeAll(async () => {
  const pdf = await renderPdf(loadReport("/nonexistent/keep/keep.md", { text }));
  pages = await pdfPages(pdf);
  trees = await structureNodes(pdf);
});

describe("a keep-together block taller than a page", () => {
  it("prints every paragraph, in order, between the text before and after it", () => {
    const all = pages.map((p) => p.text).join("\n");
    const order = ["Before the block.", ...paragraphs, "After the block."].map((p) => all.indexOf(p));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("starts on the page of the text before it, since no page could keep it whole", () => {
    const before = pages.findIndex((p) => p.text.includes("Before the block."));
    expect(pages[before]?.text).toContain(paragraphs[0]);
  });

  it("tags each of its paragraphs as a P with its text", () => {
    const tagged = elementsWithRole(trees, "P").map((p) => p.text.replace(/\s+/g, " ").trim());
    for (const paragraph of paragraphs) expect(tagged).toContain(paragraph);
  });
});
