import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { splitSentences, textBlocks } from "../../src/model/sentences.ts";
import { loadReport } from "../support/render.ts";
import { seedReportText, seedRunInHeads } from "../support/seed.ts";

const model = loadReport("source/mali-2021.md");
const seed = seedReportText();
const heads = seedRunInHeads(seed);

/** The seed's prose with the run-in heads and bullet marks taken out. */
function seedSentences(): string[] {
  let text = seed.replace(/^\s*•\s*/gm, "\n\n");
  for (const head of heads) text = text.replace(`${head}:`, "\n\n");
  return text.split(/\n\s*\n/).flatMap(splitSentences);
}

function bodySentences(tree: Root): string[] {
  const withoutHeadings: Root = { ...tree, children: tree.children.filter((n) => n.type !== "heading") };
  return textBlocks(withoutHeadings).flatMap(splitSentences);
}

describe("source/mali-2021.md", () => {
  it("has the seed's six run-in heads as its section headings, in order", () => {
    expect(heads).toHaveLength(6);
    expect(model.outline.map((e) => e.text)).toEqual(heads);
    expect(model.outline.every((e) => e.depth === 2)).toBe(true);
  });

  it("holds the seed's report text word for word, sentence by sentence", () => {
    const expected = seedSentences();
    expect(expected.length).toBeGreaterThan(40);
    expect(bodySentences(model.tree)).toEqual(expected);
  });

  it("keeps curly quotes, dashes and accents", () => {
    const text = textBlocks(model.tree).join(" ");
    for (const mark of ["’", "“", "”", "—", "é", "ô"]) expect(text).toContain(mark);
  });

  it("makes the 2021 incidents a bulleted list of four items", () => {
    const lists = model.tree.children.filter((n) => n.type === "list");
    expect(lists).toHaveLength(1);
    expect(lists[0]?.type === "list" && !lists[0].ordered && lists[0].children.length).toBe(4);
  });

  it("carries the metadata the formats need", () => {
    expect(model.meta).toMatchObject({
      title: "Mali",
      series: "Country Reports on Terrorism 2021",
      country: "Mali",
      year: 2021,
      publisher: "U.S. Department of State",
      bureau: "Bureau of Counterterrorism",
      lang: "en-US",
    });
    expect(model.fullTitle).toBe("Country Reports on Terrorism 2021: Mali");
    // Only the map's gazetteer may warn (a village GeoNames lacks); the source itself is clean.
    const aboutSource = model.file.messages.filter((m) => !/gazetteer/.test(m.reason));
    expect(aboutSource).toEqual([]);
  });
});
