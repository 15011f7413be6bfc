import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { VFileMessage } from "vfile-message";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import {
  axeViolations,
  type ChromiumSession,
  chromiumSession,
  type FileLoader,
  fileLoader,
} from "./support/browser.ts";
import { parsePage, selectAll, visibleText } from "./support/html.ts";
import { elementsWithRole, structureNodes } from "./support/pdf-structure.ts";
import { loadReport, sharedRender } from "./support/render.ts";

// The brief sheet and the title band on real reports (an English memo on Letter, a French guide
// on A4, a Spanish brief on A4 with a 120-character title), a country chapter whose right column
// had stood empty (Nigeria), and Mali: each built once, then the PDF, the HTML and Chromium's
// print of the HTML asserted on.

interface Built {
  model: ReportModel;
  messages: VFileMessage[];
  pdf: Uint8Array;
  pdfPath: string;
  html: string;
  htmlPath: string;
  /** Chromium's print of the HTML sheet. */
  printed: Uint8Array;
}

const dir = mkdtempSync(join(tmpdir(), "folio-sheet-"));
let browser: ChromiumSession;
/** One page loads every sheet, one after another. */
let pages: FileLoader;

async function build(path: string, paper?: "a4" | "letter"): Promise<Built> {
  const model = loadReport(path);
  // Built once per run: Mali's sheet is factsheet.test.ts's too.
  const { artifacts, messages } = await sharedRender(factsheetFormat, model, {
    sourceDateEpoch: 0,
    ...(paper ? { paper } : {}),
  });
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const htmlPath = join(dir, `${model.name}.factsheet.html`);
  const pdfPath = join(dir, `${model.name}.factsheet.pdf`);
  writeFileSync(htmlPath, html);
  writeFileSync(pdfPath, pdf);
  const { page } = await pages.open(htmlPath);
  const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  return { model, messages, pdf, pdfPath, html, htmlPath, printed };
}

interface Placed {
  text: string;
  x: number;
  /** From the page's top. */
  y: number;
}

/** The page count and every text item of a PDF with its place. */
async function placedText(bytes: Uint8Array): Promise<{ pages: number; width: number; items: Placed[] }> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const [, , width = 0, height = 0] = page.view;
  const content = await page.getTextContent();
  const items = content.items
    .filter((item) => "str" in item && item.str.trim() !== "")
    .map((item) => {
      const t = (item as { str: string; transform: number[] }).transform;
      return { text: (item as { str: string }).str, x: t[4] ?? 0, y: height - (t[5] ?? 0) };
    });
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, width, items };
}

const squeeze = (s: string) => s.replace(/\s+/g, "").toUpperCase();
/** A title as printed over lines: a line broken after a dash joins without a space. */
const joined = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .replace(/([—–]) /g, "$1")
    .trim();

/** The band's height as the sheet drew it (the HTML states it in points). */
function bandHeight(html: string): number {
  const match = /\.band \{[^}]*?height: ([\d.]+)pt/.exec(html);
  return Number(match?.[1]);
}

/** pdftotext of the band's area only. */
function bandText(path: string, width: number, height: number): string {
  return execFileSync("pdftotext", [
    "-x",
    "0",
    "-y",
    "0",
    "-W",
    String(Math.floor(width)),
    "-H",
    String(Math.floor(height)),
    "-r",
    "72",
    path,
    "-",
  ]).toString();
}

/**
 * Each section heading (the PDF's H2 elements) with its column and order in the column, found in
 * a PDF's text by its letters: what "the same blocks in the same places" means for two prints.
 */
function sectionPlaces(headings: string[], placed: { width: number; items: Placed[] }): string[] {
  return headings
    .map((heading) => {
      const item = placed.items.find((i) => squeeze(i.text) === squeeze(heading));
      return {
        heading,
        column: item ? (item.x < placed.width / 2 ? "left" : "right") : "missing",
        y: item?.y ?? 0,
      };
    })
    .sort((a, b) => a.column.localeCompare(b.column) || a.y - b.y)
    .map((h) => `${h.column}: ${squeeze(h.heading)}`);
}

let memo: Built;
let french: Built;
let spanish: Built;
let nigeria: Built;
let mali: Built;
beforeAll(async () => {
  browser = await chromiumSession();
  pages = await fileLoader(browser);
  // One after another: eight engineers share two cores.
  memo = await build("test/fixtures/real/omb-m-13-13.md");
  french = await build("test/fixtures/real/etalab-algorithmes-publics.md", "a4");
  spanish = await build("test/fixtures/sheet/long-title-es.md");
  nigeria = await build("test/fixtures/real/factbook-nigeria.md");
  mali = await build("source/mali-2021.md");
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

describe("the title band", () => {
  it.each([
    ["the English memo (Letter)", () => memo, 612],
    ["the French guide (A4)", () => french, 595],
    ["the Spanish brief with a 120-character title (A4)", () => spanish, 595],
  ])("holds the whole title in the PDF's band: %s", async (_, built, width) => {
    const { model, pdf, pdfPath, html } = built();
    const placed = await placedText(pdf);
    expect(placed.pages).toBe(1);
    expect(Math.round(placed.width)).toBe(width);
    const band = bandText(pdfPath, placed.width, bandHeight(html));
    expect(joined(band)).toContain(joined(model.meta.title));
    // The whole title is the band's H1 in the structure tree, and the publisher and date stand on the band.
    const [h1] = elementsWithRole(await structureNodes(pdf), "H1");
    expect(squeeze(h1?.text ?? "")).toBe(squeeze(model.meta.title));
    // A title over lines carries its words' spaces as the tag's ActualText (pdfmake drops them at a break).
    if (/<h1>[^<]*<br>/.test(html)) expect(new TextDecoder("latin1").decode(pdf)).toMatch(/\/ActualText/);
    expect(joined(band)).toContain(joined(model.credits.date ?? "no date"));
    expect(joined(band)).toContain(joined(model.meta.publisher ?? "no publisher").slice(0, 20));
  });

  it("sets the long title in at most three lines, stepped down, with its subtitle and every author", async () => {
    const { html, model } = spanish;
    const page = parsePage(html);
    const [h1] = selectAll("header.band h1", page);
    const lines = (h1?.children ?? []).filter((c) => c.type === "text");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(joined(visibleText(h1 as never).replace(/\s+/g, " "))).toBe(joined(model.meta.title));
    const size = Number(/h1 \{[^}]*font: 700 ([\d.]+)pt/.exec(html)?.[1]);
    expect(size).toBeLessThan(32);
    expect(size).toBeGreaterThanOrEqual(12);
    const band = visibleText(selectAll("header.band", page)[0] as never);
    expect(band).toContain("Nota técnica del observatorio regional del agua");
    for (const name of ["María Fernández Ortega", "Javier Ruiz Castellanos", "Lucía Gómez Herrera"])
      expect(band).toContain(name);
    expect(band).toContain("14 de marzo de 2024");
  });

  it.each([
    ["memo", () => memo],
    ["Spanish brief", () => spanish],
    ["Mali", () => mali],
  ])(
    "keeps the HTML title, subtitle and credits inside the band in Chromium: %s",
    async (_, built) => {
      const { page } = await pages.open(built().htmlPath);
      const boxes = await page.evaluate(() => {
        const box = (selector: string) => {
          const element = document.querySelector(selector) as HTMLElement;
          const range = document.createRange();
          range.selectNodeContents(element);
          const r = range.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        return { band: box("header.band"), title: box("h1"), credits: box(".publisher") };
      });
      const { band, title, credits } = boxes;
      expect(title.right).toBeLessThanOrEqual(credits.left);
      for (const inner of [title, credits]) {
        expect(inner.top).toBeGreaterThanOrEqual(band.top);
        expect(inner.bottom).toBeLessThanOrEqual(band.bottom);
        expect(inner.right).toBeLessThanOrEqual(band.right);
      }
    },
    60_000,
  );
});

describe("the brief sheet", () => {
  it("gives the memo a summary, key findings and contents, each linked into the report", () => {
    const page = parsePage(memo.html);
    const headings = selectAll("main h2", page).map((h) => visibleText(h));
    expect(headings).toEqual(expect.arrayContaining(["Summary", "Key findings", "In this report"]));
    const findings = selectAll("ol.brief li a", page);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(findings.length).toBeLessThanOrEqual(5);
    for (const link of findings) expect(String(link.properties.href)).toMatch(/^omb-m-13-13\.html#\S+$/);
    const summary = visibleText(selectAll("p.brief", page)[0] as never);
    expect(summary).toMatch(/^Information is a valuable national resource/);
    // No map, no incidents: a memo is not a country.
    expect(memo.html).not.toContain('id="where"');
    // Its sources line credits only what the sheet draws: no map, no chart.
    const sources = visibleText(selectAll("footer", page).at(-1) as never);
    expect(sources).toContain("Every figure on this sheet quotes the report");
    expect(sources).not.toMatch(/Map:|Chart:/);
  });

  it("writes the French guide's sheet in French and grows its little text to use the page", async () => {
    const page = parsePage(french.html);
    const headings = selectAll("main h2", page).map((h) => visibleText(h));
    expect(headings).toEqual(expect.arrayContaining(["Résumé", "Principaux constats", "Dans ce rapport"]));
    const size = Number(/\.brief \{ font-size: ([\d.]+)pt/.exec(french.html)?.[1]);
    expect(size).toBeGreaterThan(french.model && 9.5);
    const { items } = await placedText(french.pdf);
    expect(items.map((i) => i.text).join(" ")).toContain("Le département Etalab accompagne");
  });

  it("draws the Spanish brief's first numeric table as bars, without its total row, linked to the table", () => {
    const page = parsePage(spanish.html);
    const [figure] = selectAll("figure.data", page);
    expect(figure).toBeDefined();
    const svgText = visibleText(figure as never);
    for (const value of ["212", "148", "61", "Menos de 500 habitantes"]) expect(svgText).toContain(value);
    expect(svgText).not.toContain("421");
    expect(spanish.html).toMatch(/Vega-Lite/);
    const [link] = selectAll("figure.data figcaption a", page);
    expect(String(link?.properties.href)).toMatch(/^long-title-es\.html#\S+$/);
    const findings = selectAll("ol.brief li", page).map((li) => visibleText(li));
    expect(findings[0]).toMatch(/^La cobertura de agua potable llega al 91 por ciento/);
  });
});

describe("the brief sheet in a browser", () => {
  it.each([
    ["memo", () => memo],
    ["Spanish brief", () => spanish],
    ["Nigeria", () => nigeria],
  ])(
    "requests nothing and passes axe WCAG 2.2 AA: %s",
    async (_, built) => {
      const { page, requests } = await pages.open(built().htmlPath);
      expect(requests).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    },
    60_000,
  );
});

describe("a full page", () => {
  it("fills Nigeria's right column with its groups while the map keeps the left", async () => {
    const placed = await placedText(nigeria.pdf);
    const headings = elementsWithRole(await structureNodes(nigeria.pdf), "H2").map((h) => h.text);
    const places = sectionPlaces(headings, placed);
    expect(places).toContain("left: WHERE");
    expect(places.some((p) => p.startsWith("right:"))).toBe(true);
    const right = placed.items.filter((i) => i.x > placed.width / 2 && i.y > bandHeight(nigeria.html) + 60);
    const text = right.map((i) => i.text).join(" ");
    // Drafted from the sentences that name them (src/model/facts/draft/groups.ts).
    for (const group of ["Boko Haram", "ISIS-WA", "MNJTF"]) expect(text).toContain(group);
  });

  it("keeps Mali's sheet a country sheet: no summary or findings, its groups and chart on the right", () => {
    expect(mali.html).not.toContain('id="sheet-summary"');
    expect(mali.html).not.toContain('id="key-findings"');
    const page = parsePage(mali.html);
    const [, right] = selectAll(".columns > .column", page);
    expect(selectAll("h2", right as never).map((h) => visibleText(h))).toEqual([
      "Who and with whom",
      expect.stringMatching(/^People killed/),
    ]);
  });
});

describe("the HTML sheet printed by Chromium", () => {
  it.each([
    ["memo", () => memo],
    ["French guide", () => french],
    ["Spanish brief", () => spanish],
    ["Nigeria", () => nigeria],
    ["Mali", () => mali],
  ])("is one page with the PDF's blocks in the PDF's places: %s", async (_, built) => {
    const { pdf, printed } = built();
    const [fromPdf, fromHtml] = [await placedText(pdf), await placedText(printed)];
    expect(fromHtml.pages).toBe(1);
    const headings = elementsWithRole(await structureNodes(pdf), "H2").map((h) => h.text);
    expect(headings.length).toBeGreaterThan(0);
    const places = sectionPlaces(headings, fromPdf);
    expect(places.some((p) => p.startsWith("missing"))).toBe(false);
    expect(sectionPlaces(headings, fromHtml)).toEqual(places);
  });
});
