import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { VFileMessage } from "vfile-message";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyText, standsIn } from "../src/model/facts/provenance.ts";
import type { ReportModel } from "../src/model/types.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import {
  axeViolations,
  type ChromiumSession,
  chromiumSession,
  type FileLoader,
  fileLoader,
} from "./support/browser.ts";
import { loadReport, sharedRender } from "./support/render.ts";

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: text.replace(/\s+/g, " ") };
}

interface Built {
  model: ReportModel;
  /** What the fact sheet's render reported. */
  messages: VFileMessage[];
  pdf: Uint8Array;
  html: string;
  htmlPath: string;
}

const dir = mkdtempSync(join(tmpdir(), "folio-factsheet-"));
async function build(path: string): Promise<Built> {
  const model = loadReport(path);
  // Mali's sheet is factsheet-brief's too: built once per run.
  const { artifacts, messages } = await sharedRender(factsheetFormat, model, { sourceDateEpoch: 0 });
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const htmlPath = join(dir, `${model.name}.factsheet.html`);
  writeFileSync(htmlPath, html);
  return { model, messages, pdf, html, htmlPath };
}

let mali: Built;
let double: Built;
let browser: ChromiumSession;
/** One page loads both sheets, one after the other. */
let pages: FileLoader;
beforeAll(async () => {
  [mali, double] = await Promise.all([
    build("source/mali-2021.md"),
    build("test/fixtures/factsheet-double.md"),
  ]);
  browser = await chromiumSession();
  pages = await fileLoader(browser);
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe("Mali fact sheet (PDF)", () => {
  it("is one US Letter page carrying the figures, groups, map and chart", async () => {
    const { pages, text } = await pdfText(mali.pdf);
    expect(pages).toBe(1);
    for (const expected of [
      "1,826",
      "30",
      "4,500",
      "JNIM",
      "ISIS-GS",
      "GIABA",
      "Egmont Group",
      "ECOWAS",
      "AU",
    ]) {
      expect(text).toContain(expected);
    }
    // Map labels and chart legend are SVG text, drawn in the theme's fonts.
    expect(text).toMatch(/Bamako.*|Timbuktu/);
    expect(text).toContain("ALGERIA");
    expect(text).toContain("Killed");
    expect(text).toContain("Sep 28");
    expect(Buffer.from(mali.pdf).toString("latin1")).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });
});

describe("Mali fact sheet (HTML)", () => {
  it("is self-contained behind a strict Content-Security-Policy", () => {
    expect(mali.html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`,
    );
    expect(mali.html).not.toMatch(/(?:src|href)="https?:/);
    expect(mali.html).toContain('<html lang="en-US">');
  });

  it("links every figure and incident to its sentence in the HTML report", () => {
    for (const incident of mali.model.facts.incidents)
      expect(mali.html).toContain(`href="mali-2021.html#${incident.anchor}"`);
    for (const figure of mali.model.facts.figures)
      expect(mali.html).toContain(`href="mali-2021.html#${figure.anchor}"`);
  });

  it("gives the map and chart text alternatives and lists the chart's values", () => {
    expect(mali.html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="map-title map-desc"/);
    expect(mali.html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
    expect(mali.html).toContain("<td>Dec · Bandiagara</td><td>Killed</td><td>at least 31</td>");
  });

  it("states no figure outside the chart's axis that the report's body does not", () => {
    const body = bodyText(mali.model.tree).text;
    const prose = mali.html
      .replace(/<style>[\s\S]*?<\/style>/, "")
      .replace(/<svg[\s\S]*?<\/svg>/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&[a-z]+;/g, " ");
    const figures = prose.match(/\d[\d,]*/g) ?? [];
    expect(figures.length).toBeGreaterThan(10);
    for (const figure of figures) expect(standsIn(figure.replace(/,$/, ""), body), figure).toBe(true);
  });

  it("prints to exactly one page in Chromium, requests nothing, and passes axe WCAG 2.2 AA", async () => {
    const { page, requests } = await pages.open(mali.htmlPath);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect((await pdfText(pdf)).pages).toBe(1);
    expect(requests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});

describe("a report with twice Mali's facts", () => {
  it("still fits one page, leaving out the lowest-priority blocks with a warning", async () => {
    const { pages, text } = await pdfText(double.pdf);
    expect(pages).toBe(1);
    const warning = double.messages.find((m) => m.ruleId === "factsheet-overflow");
    expect(warning?.reason).toMatch(/^Fact sheet: left out incident of .* to fit one page/);
    expect(warning?.fatal).toBeFalsy();
    // The top-priority figures stay.
    expect(text).toContain("1,826");
    expect(text).toContain("JNIM");
  });

  it("shows the same blocks in HTML, printed to one page with nothing clipped", async () => {
    const { page } = await pages.open(double.htmlPath);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect((await pdfText(pdf)).pages).toBe(1);
    const [scroll, client] = await page.evaluate(() => {
      const sheet = document.querySelector(".sheet") as HTMLElement;
      return [sheet.scrollHeight, sheet.clientHeight];
    });
    expect(scroll).toBeLessThanOrEqual(client);
    expect((double.html.match(/<time /g) ?? []).length).toBe(double.model.facts.incidents.length - 5);
  }, 60_000);
});
