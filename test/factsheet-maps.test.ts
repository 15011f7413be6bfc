// The fact sheet's maps as SVG: the United States in Albers USA (Alaska and Hawaii inset), a state
// within its neighbours, countries named by their common forms, and no label cut by the frame, for
// every country of the atlas and every state at the sheet's sizes (text measured with the sheet's
// own heading faces, not estimated).
import { createRequire } from "node:module";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { describe, expect, it } from "vitest";
import { labelsFor } from "../src/model/labels.ts";
import { factSheetLayout } from "../src/render/factsheet/layout.ts";
import { type LocatorMap, locatorMap } from "../src/render/factsheet/map.ts";
import { testAssets } from "./support/render.ts";

const require = createRequire(import.meta.url);
const fontkit = require("fontkit") as {
  create(bytes: Buffer): { unitsPerEm: number; layout(text: string): { advanceWidth: number } };
};

const assets = testAssets();
const atlas = assets.atlas();
const labels = labelsFor(assets.labels, "en");
const sizes = (["letter", "a4"] as const).map((paper) => factSheetLayout(assets.theme, paper).map);
const letter = sizes[0] as { width: number; height: number };
const faces = {
  bold: fontkit.create(Buffer.from(assets.fonts.face("heading", 700, "normal", "sfnt", "latin"))),
  normal: fontkit.create(Buffer.from(assets.fonts.face("heading", 400, "normal", "sfnt", "latin"))),
};

function draw(
  country: string,
  o: { region?: string; places?: Parameters<typeof locatorMap>[0]["places"]; size?: typeof letter } = {},
): LocatorMap | undefined {
  return locatorMap({
    atlas,
    labels,
    country,
    region: o.region,
    places: o.places ?? [],
    theme: assets.theme,
    ...(o.size ?? letter),
    idPrefix: "map",
  });
}

const parse = (svg: string): Root => fromHtml(svg, { fragment: true });
const viewBox = (tree: Root) =>
  String((selectAll("svg", tree)[0] as Element).properties.viewBox)
    .split(" ")
    .map(Number) as [number, number, number, number];

interface TextBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  x: number;
  y: number;
  size: number;
}

/** Every label's box (halos skipped), measured with the face it is set in, letter spacing included. */
function textBoxes(tree: Root): TextBox[] {
  return (selectAll("text", tree) as Element[])
    .filter((t) => !t.properties.stroke)
    .map((t) => {
      const text = toText(t);
      const size = Number(t.properties.fontSize);
      const spacing = Number(t.properties.letterSpacing ?? 0);
      const face = t.properties.fontWeight === "bold" ? faces.bold : faces.normal;
      const width = (face.layout(text).advanceWidth / face.unitsPerEm) * size + spacing * text.length;
      const x = Number(t.properties.x);
      const y = Number(t.properties.y);
      const anchor = String(t.properties.textAnchor ?? "start");
      const x0 = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
      return { text, x0, y0: y - size * 0.75, x1: x0 + width, y1: y + size * 0.22, x, y, size };
    });
}

/** The labels lying (partly) outside the viewBox: none may. */
function cutLabels(svg: string): string[] {
  const tree = parse(svg);
  const [, , width, height] = viewBox(tree);
  return textBoxes(tree)
    .filter((b) => b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height)
    .map(
      (b) => `${b.text} [${b.x0.toFixed(1)}, ${b.x1.toFixed(1)}] × [${b.y0.toFixed(1)}, ${b.y1.toFixed(1)}]`,
    );
}

const paths = (tree: Root) => selectAll("path", tree) as Element[];
const texts = (tree: Root) => textBoxes(tree).map((b) => b.text);
/** The home label's lines (set in the accent colour). */
const homeLabel = (tree: Root) =>
  (selectAll("text", tree) as Element[])
    .filter((t) => !t.properties.stroke && t.properties.fill === assets.theme.colors.accent)
    .map((t) => toText(t));

describe("the United States in Albers USA", () => {
  const map = draw("United States", {
    places: [
      { name: "Anchorage", lat: 61.22, lon: -149.9, capital: false, population: 290000, line: 1 },
      { name: "Honolulu", lat: 21.31, lon: -157.86, capital: false, population: 350000, line: 1 },
      { name: "Phoenix", lat: 33.45, lon: -112.07, capital: false, population: 1600000, line: 1 },
    ],
  }) as LocatorMap;
  const tree = parse(map.svg);
  const [, , width, height] = viewBox(tree);

  it("resolves “United States”, draws every state and the nation's outline, titled as such", () => {
    expect(map.title).toBe("Map of United States, with Alaska and Hawaii inset");
    expect(map.description).toContain("the lower 48 states, with Alaska and Hawaii in insets");
    // The nation's fill and outline, and the borders between its states: one path of many lines.
    const borders = paths(tree).filter(
      (p) => p.properties.fill === "none" && p.properties.strokeWidth === "0.5",
    );
    expect(borders).toHaveLength(1);
    expect(String(borders[0]?.properties.d).match(/M/g)?.length).toBeGreaterThan(48);
    expect(paths(tree).filter((p) => p.properties.fill === assets.theme.colors.accentLight)).toHaveLength(1);
    // Thinned to what a 262 pt map shows: tens of kilobytes, not the 1:10m outlines' 250.
    expect(map.svg.length).toBeLessThan(80_000);
    expect(texts(tree)).toContain("UNITED STATES");
  });

  it("marks places in Alaska and Hawaii inside the frame, in the insets left and below the lower 48", () => {
    expect(map.dropped).toEqual([]);
    const box = Object.fromEntries(textBoxes(tree).map((b) => [b.text, b]));
    const anchorage = box.Anchorage as TextBox;
    const honolulu = box.Honolulu as TextBox;
    const phoenix = box.Phoenix as TextBox;
    // Albers USA moves Alaska below California and Hawaii beside it: both south-west of Phoenix's latitude line.
    expect(anchorage.y).toBeGreaterThan(phoenix.y);
    expect(honolulu.y).toBeGreaterThan(phoenix.y);
    expect(anchorage.x).toBeLessThan(width / 2);
    expect(honolulu.x).toBeLessThan(width / 2);
    for (const b of [anchorage, honolulu, phoenix]) expect(b.y1).toBeLessThanOrEqual(height);
  });

  it("fits “United States of America” inside the frame (not “D STATES OF AMERICA”)", () => {
    for (const size of sizes) {
      const long = draw("United States of America", { size }) as LocatorMap;
      expect(long.title).toBe("Map of United States of America, with Alaska and Hawaii inset");
      expect(homeLabel(parse(long.svg)).join(" ")).toBe("UNITED STATES OF AMERICA");
      expect(cutLabels(long.svg)).toEqual([]);
    }
  });
});

describe("a state within its neighbours", () => {
  const arizona = draw("United States", { region: "Arizona" }) as LocatorMap;
  const tree = parse(arizona.svg);

  it("frames Arizona: its name inside, its bordering states named, drawn lighter than it", () => {
    expect(arizona.region).toBe("Arizona");
    expect(arizona.title).toBe("Locator map of Arizona and its neighbours");
    expect(arizona.description).toBe("Arizona, bordered by California, Nevada, New Mexico, and Utah.");
    const boxes = textBoxes(tree);
    expect(boxes.map((b) => b.text)).toEqual(
      expect.arrayContaining(["ARIZONA", "CALIFORNIA", "NEVADA", "UTAH", "NEW MEXICO", "MEXICO"]),
    );
    const [, , width, height] = viewBox(tree);
    const home = boxes.find((b) => b.text === "ARIZONA") as TextBox;
    // The state is framed: its name near the middle of the map.
    expect(Math.abs(home.x - width / 2)).toBeLessThan(width / 4);
    expect(Math.abs(home.y - height / 2)).toBeLessThan(height / 4);
    const fills = paths(tree).map((p) => p.properties.fill);
    expect(fills.filter((f) => f === assets.theme.colors.accentLight)).toHaveLength(1);
    // Neighbouring states and countries: light land paths, many of them.
    expect(fills.filter((f) => f === assets.theme.colors.mapLand).length).toBeGreaterThan(5);
    expect(cutLabels(arizona.svg)).toEqual([]);
  });

  it("marks a place of the state, and leaves one outside the frame off", () => {
    const map = draw("United States", {
      region: "Arizona",
      places: [
        { name: "Phoenix", lat: 33.45, lon: -112.07, capital: true, population: 1600000, line: 1 },
        { name: "Boston", lat: 42.36, lon: -71.06, capital: false, population: 650000, line: 1 },
      ],
    }) as LocatorMap;
    expect(texts(parse(map.svg))).toContain("Phoenix");
    expect(map.dropped).toEqual(["Boston"]);
  });

  it("falls back to the country when the region is none Folio has boundaries for", () => {
    const map = draw("Nigeria", { region: "Borno State" }) as LocatorMap;
    expect(map.region).toBeUndefined();
    expect(map.title).toBe("Locator map of Nigeria and its neighbours");
  });
});

describe("countries by their common names", () => {
  it.each([
    ["Ivory Coast", "IVORY COAST"],
    ["Côte d'Ivoire", "CÔTE D'IVOIRE"],
    ["Türkiye", "TÜRKIYE"],
    ["Turkey", "TURKEY"],
    ["Czechia", "CZECHIA"],
    ["Burma", "BURMA"],
    ["Eswatini", "ESWATINI"],
    ["Democratic Republic of the Congo", "DEMOCRATIC REPUBLIC OF THE CONGO"],
    ["Republic of the Congo", "REPUBLIC OF THE CONGO"],
  ])("%s gets a map, labelled as the report writes it", (name, label) => {
    const map = draw(name) as LocatorMap;
    expect(map, name).toBeDefined();
    expect(homeLabel(parse(map.svg)).join(" ")).toBe(label);
    expect(cutLabels(map.svg)).toEqual([]);
  });

  it("keeps the two Congos apart", () => {
    const kinshasa = draw("DR Congo") as LocatorMap;
    const brazzaville = draw("Republic of the Congo") as LocatorMap;
    expect(kinshasa.description).toContain("bordered by");
    expect(kinshasa.description).not.toBe(brazzaville.description);
    expect(brazzaville.description).toContain("Dem. Rep. Congo");
    expect(kinshasa.description).toContain("Congo");
  });
});

describe("labels never cut by the frame", () => {
  it("every country of the atlas, at the sheet's letter and A4 sizes", () => {
    const cut: string[] = [];
    for (const size of sizes)
      for (const country of atlas.countries) {
        const map = draw(country.properties.name, { size });
        if (!map) continue;
        for (const label of cutLabels(map.svg))
          cut.push(`${country.properties.name} ${size.width}: ${label}`);
      }
    expect(cut).toEqual([]);
  }, 600_000);

  it("every U.S. state and the District, at both sizes", () => {
    const cut: string[] = [];
    const states = atlas.states?.().states ?? [];
    expect(states.length).toBeGreaterThanOrEqual(51);
    for (const size of sizes)
      for (const state of states) {
        const map = draw("United States", { region: state.properties.name, size }) as LocatorMap;
        expect(map.region, state.properties.name).toBe(state.properties.name);
        for (const label of cutLabels(map.svg)) cut.push(`${state.properties.name} ${size.width}: ${label}`);
      }
    expect(cut).toEqual([]);
  }, 600_000);

  it("the longest names reports write, on their countries' maps", () => {
    const cut: string[] = [];
    for (const name of [
      "Democratic Republic of the Congo",
      "Saint Vincent and the Grenadines",
      "Bosnia and Herzegovina",
      "Central African Republic",
      "Democratic People's Republic of Korea",
      "Lao People's Democratic Republic",
    ])
      for (const size of sizes) {
        const map = draw(name, { size });
        expect(map, name).toBeDefined();
        for (const label of cutLabels((map as LocatorMap).svg)) cut.push(`${name}: ${label}`);
      }
    expect(cut).toEqual([]);
  });
});
