import { Document, TableOfContents } from "docx";
import { estimatePageNumbersWith } from "docx/layout";
import { describe, expect, it } from "vitest";
import { packageParts } from "../../src/engine/docx/compile.ts";
import { measurableFace } from "../../src/engine/docx/layout-fonts.ts";
import { tableOfContentsAt } from "../../src/engine/docx/toc-tabs.ts";
import { testAssets } from "../support/render.ts";

// What Folio's adaptations of docx 9.15.2 (src/engine/docx/) change, each against docx alone.

/** The tab stops of a compiled one-entry contents list whose entry has a page number. */
function tabStops(Toc: typeof TableOfContents): string[] {
  const document = new Document({
    sections: [
      {
        children: [
          new Toc("Table of Contents", { cachedEntries: [{ title: "Overview", level: 1, page: 2 }] }),
        ],
      },
    ],
  });
  const xml = String(packageParts(document).get("word/document.xml"));
  return [...xml.matchAll(/<w:tab w:val="right" w:pos="(\d+)"/g)].map((m) => m[1] as string);
}

describe("docx adaptations (src/engine/docx)", () => {
  it("toc-tabs: a pre-filled contents entry's page number sits at the given text width, not at A4's 9025 twips", () => {
    expect(tabStops(TableOfContents)).toEqual(["9025"]);
    expect(tabStops(tableOfContentsAt(9360))).toEqual(["9360"]);
    expect(tableOfContentsAt(9360)).toBe(tableOfContentsAt(9360)); // one class per width
  });

  it("layout-fonts: docx's layout throws on @fontsource's Roboto Mono and reads the measurable copy; other faces pass unchanged", () => {
    const { fonts } = testAssets();
    const mono = fonts.face("mono", 400, "normal", "sfnt");
    const before = Buffer.from(mono);
    expect(() => estimatePageNumbersWith({ fonts: [{ data: mono }] })).toThrow(/damaged/);
    const measurable = measurableFace(mono);
    expect(() => estimatePageNumbersWith({ fonts: [{ data: measurable }] })).not.toThrow();
    expect(measurable.length).toBeLessThan(mono.length); // its inert GSUB is left out
    expect(Buffer.from(mono).equals(before)).toBe(true); // the file the brief embeds is untouched
    const body = fonts.face("body", 400, "normal", "sfnt");
    expect(measurableFace(body)).toBe(body);
  });
});
